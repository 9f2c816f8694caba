import { useEffect, useId, useMemo, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { BatchEstimate } from '../../../shared/api/kol-batch-contract.js';
import type { PersonaView } from '../../../shared/kol/persona.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { FormError } from '../partners/common.js';
import { planItems, topicsOf } from './plan.js';

/** Starting a batch: personas, topics one per line, how many posts and how many at once; the cost is shown before it starts. */
export function StartBatchForm({ personas, onStarted }: { personas: PersonaView[]; onStarted: () => void }) {
  const t = useT();
  const ids = useId();
  const [title, setTitle] = useState(() => t('kolbatch.defaultName', { date: new Date().toLocaleDateString() }));
  const [chosen, setChosen] = useState<string[]>([]);
  const [topicsText, setTopicsText] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [concurrency, setConcurrency] = useState(2);
  const [estimate, setEstimate] = useState<BatchEstimate | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const topics = useMemo(() => topicsOf(topicsText), [topicsText]);
  const posts = count ?? chosen.length * topics.length;
  const request = useMemo(() => ({ title: title.trim() || 'Batch', items: planItems(chosen, topics, Math.min(posts, 5000)), concurrency }), [title, chosen, topics, posts, concurrency]);

  useEffect(() => {
    setEstimate(null);
    if (request.items.length === 0) return;
    let current = true;
    const timer = setTimeout(() => {
      api()
        .call('kol.batch.estimate', request)
        .then((e) => current && setEstimate(e), (err: unknown) => current && setError(errorInfoOf(err)));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [request]);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      await api().call('kol.batch.start', request);
      setTopicsText('');
      setCount(null);
      onStarted();
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${ids}-title`} data-testid="kolbatch-form">
      <div className="card__head">
        <h2 className="card__title" id={`${ids}-title`}>
          {t('kolbatch.new')}
        </h2>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${ids}-name`}>
          {t('kolbatch.name')}
        </label>
        <input id={`${ids}-name`} className="input" value={title} maxLength={200} data-testid="kolbatch-name" onChange={(e) => setTitle(e.target.value)} />
      </div>
      <fieldset className="field">
        <legend className="field__label">{t('kolbatch.personas')}</legend>
        {personas.length === 0 ? <p className="muted">{t('kolbatch.noPersonas')}</p> : null}
        {personas.map((p) => (
          <label key={p.id} className="checkbox-field">
            <input
              type="checkbox"
              checked={chosen.includes(p.id)}
              data-testid={`kolbatch-persona-${p.id}`}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((c) => c !== p.id))}
            />
            {p.nickname}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={`${ids}-topics`}>
          {t('kolbatch.topics')}
        </label>
        <textarea id={`${ids}-topics`} className="input textarea" rows={5} value={topicsText} data-testid="kolbatch-topics" onChange={(e) => setTopicsText(e.target.value)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${ids}-count`}>
          {t('kolbatch.count')}
        </label>
        <input id={`${ids}-count`} className="input" type="number" min={1} max={5000} value={posts} data-testid="kolbatch-count" onChange={(e) => setCount(Math.max(1, Math.min(5000, Number(e.target.value) || 1)))} />
        <p className="muted small">{t('kolbatch.countHint')}</p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${ids}-concurrency`}>
          {t('kolbatch.concurrency')}
        </label>
        <input id={`${ids}-concurrency`} className="input" type="number" min={1} max={16} value={concurrency} data-testid="kolbatch-concurrency" onChange={(e) => setConcurrency(Math.max(1, Math.min(16, Number(e.target.value) || 1)))} />
      </div>
      {estimate ? (
        <div role="status" data-testid="kolbatch-estimate">
          <h3 className="field__label">{t('kolbatch.estimate')}</h3>
          <ul>
            {estimate.lines.map((l) => (
              <li key={l.provider}>{l.billing === 'credits' ? t('kolbatch.estimateLine', { provider: l.provider, items: l.items, credits: l.credits }) : t('kolbatch.estimateFree', { provider: l.provider, items: l.items })}</li>
            ))}
          </ul>
          <p>{t('kolbatch.estimateTotal', { credits: estimate.total, concurrency: estimate.concurrency })}</p>
        </div>
      ) : null}
      {error ? <FormError error={error} title={t('kolbatch.new')} testId="kolbatch-error" /> : null}
      <button type="button" className="btn btn--primary" disabled={busy || !estimate || request.items.length === 0} data-testid="kolbatch-start" onClick={() => void start()}>
        <Icon name="plus" />
        {t('kolbatch.start')}
      </button>
    </section>
  );
}
