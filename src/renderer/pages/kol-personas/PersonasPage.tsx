import { useEffect, useMemo, useRef, useState } from 'react';
import type { PersonaView } from '../../../shared/kol/persona.js';
import { api, errorInfoOf } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { useKolPersonaStore } from '../../stores/kolPersonaStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';
import { ImportProblems } from './ImportProblems.js';
import { PersonaCard } from './PersonaCard.js';
import { PersonaDialog } from './PersonaDialog.js';
import { checkImport, downloadJson, exportFileName, type ImportProblem } from './personaTransfer.js';

/** The dialog's subject: a new persona (for a client, or none) or one being edited. */
type Editing = { persona: PersonaView | null; clientId: string | null };

/** The personas under their clients (Connections' clients; an unknown or no client last). */
function groupPersonas(personas: PersonaView[], clients: { id: string; name: string }[], noClient: string) {
  const groups = clients.map((c) => ({ id: c.id as string | null, name: c.name, personas: personas.filter((p) => p.clientId === c.id) }));
  const known = new Set(clients.map((c) => c.id));
  const rest = personas.filter((p) => p.clientId === null || !known.has(p.clientId));
  return [...groups.filter((g) => g.personas.length > 0), ...(rest.length > 0 ? [{ id: null, name: noClient, personas: rest }] : [])];
}

/** KOL 人設 / Personas: each client's personas with their statistics; create, edit, archive, export and import. */
export function PersonasPage() {
  const t = useT();
  const { personas, clients, loading, error, load } = useKolPersonaStore();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const groups = useMemo(() => groupPersonas(personas, clients, t('kol.personas.noClient')), [personas, clients, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function exportAll() {
    try {
      downloadJson(await api().call('kol.personas.export', {}), exportFileName(new Date()));
    } catch (err) {
      toastError(errorInfoOf(err), t('kol.personas.exportFailed'));
    }
  }

  async function importFile(file: File) {
    const text = await file.text();
    const found = checkImport(text);
    setProblems(found.length > 0 ? found : null);
    if (found.length > 0) return;
    try {
      const created = await api().call('kol.personas.import', { json: text });
      created.forEach((p) => useKolPersonaStore.getState().received(p));
      toastSuccess(t('kol.personas.imported', { count: created.length }));
    } catch (err) {
      const info = errorInfoOf(err);
      // Main names the field it refused ("personas.2.tone.tone"): shown the same way as the file's own problems.
      const match = info.field ? /^personas\.(\d+)\.?(.*)$/.exec(info.field) : null;
      if (match) setProblems([{ persona: Number(match[1]) + 1, nickname: null, field: match[2] ?? '', message: 'kol.personas.error.invalid' }]);
      toastError(info, t('kol.personas.importFailed'));
    }
  }

  function body() {
    if (error && personas.length === 0) return <ErrorPanel error={error} onRetry={() => void load()} testId="personas-error" />;
    if (loading && personas.length === 0) return <SkeletonRows rows={4} testId="personas-loading" />;
    if (personas.length === 0)
      return (
        <EmptyState
          icon="account"
          title={t('kol.personas.empty.title')}
          body={t('kol.personas.empty.body')}
          testId="personas-empty"
          action={
            <button type="button" className="btn btn--primary" onClick={() => setEditing({ persona: null, clientId: null })}>
              {t('kol.personas.new')}
            </button>
          }
        />
      );
    return groups.map((g) => (
      <section key={g.id ?? 'none'} className="persona-group" aria-labelledby={`persona-group-${g.id ?? 'none'}`} data-testid="persona-group" data-client-id={g.id ?? ''}>
        <header className="persona-group__head">
          <h2 className="gen-subtitle" id={`persona-group-${g.id ?? 'none'}`}>
            {g.name} <span className="muted">({g.personas.length})</span>
          </h2>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setEditing({ persona: null, clientId: g.id })}>
            <Icon name="plus" size={14} />
            {t('kol.personas.newFor', { client: g.name })}
          </button>
        </header>
        <div className="persona-grid">
          {g.personas.map((p) => (
            <PersonaCard key={p.id} persona={p} onEdit={() => setEditing({ persona: p, clientId: p.clientId })} />
          ))}
        </div>
      </section>
    ));
  }

  return (
    <section className="page" data-testid="page-kol-personas">
      <PageHeader
        title={t('kol.personas.title')}
        subtitle={t('kol.personas.subtitle')}
        actions={
          <>
            <button type="button" className="btn btn--ghost" data-testid="personas-export" disabled={personas.length === 0} onClick={() => void exportAll()}>
              <Icon name="copy" />
              {t('kol.personas.export')}
            </button>
            <button type="button" className="btn btn--ghost" data-testid="personas-import" onClick={() => fileInput.current?.click()}>
              <Icon name="upload" />
              {t('kol.personas.import')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              hidden
              data-testid="personas-import-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
            <button type="button" className="btn btn--primary" data-testid="personas-new" onClick={() => setEditing({ persona: null, clientId: null })}>
              <Icon name="plus" />
              {t('kol.personas.new')}
            </button>
          </>
        }
      />
      {problems ? <ImportProblems problems={problems} onClose={() => setProblems(null)} /> : null}
      {body()}
      {editing ? <PersonaDialog editing={editing.persona} clientId={editing.clientId} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}
