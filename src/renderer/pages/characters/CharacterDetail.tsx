import { useRef, useState } from 'react';
import { REFERENCE_PROVIDERS, type ReferenceProvider } from '../../../shared/creator/jobs.js';
import { api } from '../../api/index.js';
import { confirm } from '../../stores/confirmStore.js';
import { useT } from '../../i18n/index.js';
import { useCharacterStore } from '../../stores/characterStore.js';
import { statusOf, useProviderChoices } from '../generate/useProviderChoices.js';
import { LibraryReferences } from './LibraryReferences.js';
import { ModelsPanel } from './ModelsPanel.js';
import { ProfileEditor } from './ProfileEditor.js';
import { StyleLink } from './StyleLink.js';
import { VariantsPanel } from './VariantsPanel.js';

/** A character's page: profile, references, locked style, variants and the 3D models made from it. */
export function CharacterDetail() {
  const t = useT();
  const c = useCharacterStore((s) => s.open);
  const { setOpen, setError, show } = useCharacterStore();
  const [editing, setEditing] = useState(false);
  const choices = useProviderChoices();
  const [drawWith, setDrawWith] = useState<ReferenceProvider>('offline');
  const [drawing, setDrawing] = useState(false);
  const drawable = (p: ReferenceProvider) => p === 'offline' || (statusOf(choices, p)?.usable ?? false);
  const input = useRef<HTMLInputElement>(null);
  if (!c) return null;

  async function upload(files: File[]) {
    if (!c || files.length === 0) return;
    try {
      const paths = await Promise.all(files.map((f) => api().stageFile(f)));
      setOpen(await api().call('character.addReferenceFiles', { id: c.id, paths }));
    } catch (err) {
      setError(err);
    }
  }

  async function draw() {
    if (!c) return;
    setDrawing(true);
    try {
      setOpen(await api().call('character.generateReference', { id: c.id, provider: drawWith }));
    } catch (err) {
      setError(err);
    } finally {
      setDrawing(false);
    }
  }

  async function remove() {
    if (!c || !(await confirm({ title: t('character.delete'), body: t('character.delete.confirm', { name: c.name }), confirmLabel: t('character.delete'), danger: true }))) return;
    await api().call('character.delete', { id: c.id });
    show({ kind: 'list' });
  }

  if (editing) {
    const initial = { name: c.name, world: c.world, backstory: c.backstory, look: c.look, keywords: c.keywords, language: c.language, styleId: c.styleId };
    return (
      <ProfileEditor
        initial={initial}
        characterId={c.id}
        provider="offline"
        onDone={(view) => {
          if (view) setOpen(view);
          setEditing(false);
        }}
      />
    );
  }
  return (
    <div data-testid="character-detail" data-id={c.id} style={{ display: 'grid', gap: 16 }}>
      <section className="card" aria-labelledby="character-title">
        <h2 id="character-title" data-testid="character-title">
          {c.name}
        </h2>
        {c.keywords.length ? (
          <p className="muted" data-testid="character-keywords-shown">
            {t('character.field.keywords')}: {c.keywords.join('、')}
          </p>
        ) : null}
        <h3>{t('character.field.world')}</h3>
        <p data-testid="character-world">{c.world}</p>
        <h3>{t('character.field.backstory')}</h3>
        <p data-testid="character-backstory">{c.backstory}</p>
        <h3>{t('character.field.look')}</h3>
        <p data-testid="character-look">{c.look}</p>
        <StyleLink character={c} onLinked={setOpen} onError={setError} />
        <div style={{ display: 'flex', gap: 8 }}>
          <button type="button" className="btn btn--ghost btn--small" data-testid="character-edit" onClick={() => setEditing(true)}>
            {t('character.edit')}
          </button>
          <button type="button" className="btn btn--ghost btn--small" data-testid="character-delete" onClick={() => void remove()}>
            {t('character.delete')}
          </button>
        </div>
      </section>
      <section className="card" aria-labelledby="character-refs-title" data-testid="character-refs">
        <h2 id="character-refs-title">{t('character.refs.title')}</h2>
        {c.references.length === 0 ? <p className="muted">{t('character.refs.empty')}</p> : null}
        <ul style={{ listStyle: 'none', padding: 0, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {c.references.map((r) => (
            <li key={r.assetId} data-testid="character-ref">
              <img src={api().mediaUrl(r.thumb ?? r.file)} alt={r.name} width={120} style={{ display: 'block' }} />
              {r.origin === 'generated' ? <span className="badge">{t('character.refs.generated')}</span> : null}
              <button type="button" className="btn btn--ghost btn--small" onClick={() => void api().call('character.removeReference', { id: c.id, assetId: r.assetId }).then(setOpen, setError)}>
                {t('character.refs.remove')}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="btn btn--ghost" data-testid="character-ref-upload" onClick={() => input.current?.click()}>
          {t('character.refs.upload')}
        </button>
        <LibraryReferences character={c} onAdded={setOpen} onError={setError} />
        <label htmlFor="character-ref-provider" className="field__label">
          {t('character.refs.generateWith')}
        </label>
        <select id="character-ref-provider" className="select" value={drawWith} data-testid="character-ref-provider" onChange={(e) => setDrawWith(e.target.value as ReferenceProvider)}>
          {REFERENCE_PROVIDERS.map((p) => {
            const action = statusOf(choices, p)?.action;
            const label = t(`character.provider.${p}`);
            return (
              <option key={p} value={p} disabled={!drawable(p)}>
                {!drawable(p) && action ? t('character.unusable', { label, action: t(`choices.action.${action}`) }) : label}
              </option>
            );
          })}
        </select>
        <button type="button" className="btn btn--ghost" disabled={drawing || !drawable(drawWith)} data-testid="character-ref-generate" onClick={() => void draw()}>
          {drawing ? t('character.refs.drawing') : t('character.refs.generate')}
        </button>
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          multiple
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="character-ref-input"
          onChange={(e) => {
            void upload([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </section>
      <VariantsPanel character={c} />
      <ModelsPanel characterId={c.id} />
    </div>
  );
}
