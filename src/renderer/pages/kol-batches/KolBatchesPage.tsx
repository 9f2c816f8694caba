import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { BatchItemView } from '../../../shared/api/kol-batch-contract.js';
import type { BatchEvent, BatchView } from '../../../shared/kol/batch.js';
import type { PersonaView } from '../../../shared/kol/persona.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useT } from '../../i18n/index.js';
import { BatchCard } from './BatchCard.js';
import { StartBatchForm } from './StartBatchForm.js';

/**
 * 批次撰寫 / Batches: start a batch of posts across personas, then watch it
 * live from `kol.batch` events — the bar and totals move as each item ends,
 * an opened batch lists each item with its post or its reason.
 */
export function KolBatchesPage() {
  const t = useT();
  const [personas, setPersonas] = useState<PersonaView[]>([]);
  const [batches, setBatches] = useState<BatchView[]>([]);
  const [items, setItems] = useState<Record<string, BatchItemView[]>>({});
  const [error, setError] = useState<ErrorInfo | null>(null);
  // The batches whose items are shown, for the event handler (only those are read again as items end).
  const opened = useRef(new Set<string>());
  opened.current = new Set(Object.keys(items));

  const load = useCallback(async () => {
    try {
      const [list, people] = await Promise.all([api().call('kol.batch.list', {}), api().call('kol.personas.list', {})]);
      setBatches(list);
      setPersonas(people);
      setError(null);
    } catch (err) {
      setError(errorInfoOf(err));
    }
  }, []);

  const loadItems = useCallback(async (id: string) => {
    const detail = await api().call('kol.batch.get', { id });
    setItems((all) => (id in all ? { ...all, [id]: detail.items } : all));
  }, []);

  useEffect(() => {
    void load();
    return api().on('kol.batch', (event: BatchEvent) => {
      if (event.type === 'batch.start') return void setBatches((all) => [event.batch, ...all.filter((b) => b.id !== event.batch.id)]);
      if (event.type === 'batch.state' || event.type === 'batch.end') return void setBatches((all) => all.map((b) => (b.id === event.batch.id ? event.batch : b)));
      setBatches((all) => all.map((b) => (b.id === event.batchId ? { ...b, totals: event.totals } : b)));
      // An opened batch shows the item that just ended with its post or its reason.
      if (opened.current.has(event.batchId)) void loadItems(event.batchId).catch(() => undefined);
    });
  }, [load, loadItems]);

  async function act(id: string, action: 'pause' | 'resume' | 'cancel') {
    try {
      const view = await api().call(`kol.batch.${action}`, { id });
      setBatches((all) => all.map((b) => (b.id === id ? view : b)));
    } catch (err) {
      setError(errorInfoOf(err));
    }
  }

  function toggle(id: string) {
    if (items[id]) {
      setItems(({ [id]: _closed, ...rest }) => rest);
      return;
    }
    setItems((all) => ({ ...all, [id]: [] }));
    void loadItems(id).catch((err: unknown) => setError(errorInfoOf(err)));
  }

  return (
    <section className="page" data-testid="page-kol-batches">
      <PageHeader title={t('kolbatch.title')} subtitle={t('kolbatch.subtitle')} />
      {error ? <ErrorPanel error={error} onRetry={() => void load()} testId="kolbatch-load-error" /> : null}
      <StartBatchForm personas={personas} onStarted={() => void load()} />
      <h2 className="card__title">{t('kolbatch.batches')}</h2>
      {batches.length === 0 ? <p className="muted">{t('kolbatch.empty')}</p> : null}
      {batches.map((b) => (
        <BatchCard key={b.id} batch={b} items={items[b.id] ?? null} onAction={(a) => void act(b.id, a)} onToggle={() => toggle(b.id)} />
      ))}
    </section>
  );
}
