import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { MetricsCsvResult } from '../../../shared/api/kol-learn-contract.js';
import type { KolPostView } from '../../../shared/kol/post-record.js';
import { api } from '../../api/index.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';
import { localized } from './labels.js';

const FIELDS = ['views', 'likes', 'comments', 'shares', 'saves'] as const;
type Field = (typeof FIELDS)[number];
type Numbers = Record<Field, string>;
const EMPTY: Numbers = { views: '', likes: '', comments: '', shares: '', saves: '' };

/** A count as typed: empty is 0, anything else must be a whole number ≥ 0. */
function parseCount(text: string): number | null {
  const trimmed = text.trim().replace(/[,\s]/g, '');
  if (trimmed === '') return 0;
  return /^\d{1,12}$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * Numbers the platforms do not report by themselves (LINE, WordPress,
 * TikTok, LinkedIn) or that the user keeps elsewhere: typed in for one
 * published post, or imported from a CSV that is checked line by line
 * first and written all or nothing (docs/kol-learning.md).
 */
export function MetricsPanel({ personaId, onChanged }: { personaId: string; onChanged: () => void }) {
  const t = useT();
  const csvId = useId();
  const [posts, setPosts] = useState<KolPostView[]>([]);
  const [postId, setPostId] = useState('');
  const [numbers, setNumbers] = useState<Numbers>(EMPTY);
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [check, setCheck] = useState<MetricsCsvResult | null>(null);
  const entry = useAction();
  const csv = useAction();

  useEffect(() => {
    let live = true;
    void api()
      .call('kol.posts.list', { filter: { statuses: ['published'], ...(personaId ? { personaId } : {}) }, limit: 200 })
      .then((page) => {
        if (live) setPosts(page.items);
      }, () => undefined);
    return () => {
      live = false;
    };
  }, [personaId]);

  function choose(id: string) {
    setPostId(id);
    const post = posts.find((p) => p.id === id);
    setNumbers(post ? { views: String(post.metrics.views), likes: String(post.metrics.likes), comments: String(post.metrics.comments), shares: String(post.metrics.shares), saves: String(post.metrics.saves) } : EMPTY);
  }

  const parsed = FIELDS.map((f) => [f, parseCount(numbers[f])] as const);
  const invalid = new Set(parsed.filter(([, n]) => n === null).map(([f]) => f));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!postId || invalid.size > 0) return;
    const metrics = Object.fromEntries(parsed) as Record<Field, number>;
    const saved = await entry.run(() => api().call('kol.metrics.enter', { postId, metrics }));
    if (!saved) return;
    setPosts((list) => list.map((p) => (p.id === saved.id ? saved : p)));
    toastSuccess(t('kollearn.metrics.saved'));
    onChanged();
  }

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    const text = await chosen.text();
    setFile({ name: chosen.name, csv: text });
    setCheck(null);
    const result = await csv.run(() => api().call('kol.metrics.importCsv', { csv: text, dryRun: true }));
    if (result) setCheck(result);
  }

  async function importAll() {
    if (!file) return;
    const result = await csv.run(() => api().call('kol.metrics.importCsv', { csv: file.csv, dryRun: false }));
    if (!result) return;
    setCheck(result);
    if (result.imported > 0) {
      toastSuccess(t('kollearn.metrics.imported', { count: result.imported }));
      setFile(null);
      setCheck(null);
      onChanged();
    }
  }

  const problems = check ? check.rows.flatMap((row) => row.problems.map((p, i) => ({ key: `${row.line}-${i}`, line: row.line, field: p.field, text: localized(p.message, t) }))) : [];

  return (
    <section className="card" data-testid="learn-metrics" aria-labelledby={`${csvId}-title`}>
      <h2 className="card__title" id={`${csvId}-title`}>
        {t('kollearn.metrics.title')}
      </h2>
      <p className="muted">{t('kollearn.metrics.help')}</p>
      <form className="form-grid" onSubmit={(e) => void save(e)} data-testid="metrics-form">
        <label className="field">
          {t('kollearn.metrics.post')}
          <select className="select" value={postId} data-testid="metrics-post" onChange={(e) => choose(e.target.value)}>
            <option value="">{posts.length === 0 ? t('kollearn.metrics.noPosts') : t('kollearn.metrics.choose')}</option>
            {posts.map((p) => (
              <option key={p.id} value={p.id}>
                {(p.title || p.topic || p.id).slice(0, 80)}
                {p.platform ? ` · ${p.platform}` : ''}
              </option>
            ))}
          </select>
        </label>
        {FIELDS.map((f) => (
          <label className="field" key={f}>
            {t(`kollearn.metrics.${f}` as MessageKey)}
            <input
              className="input"
              inputMode="numeric"
              value={numbers[f]}
              disabled={!postId}
              aria-invalid={invalid.has(f)}
              data-testid={`metrics-${f}`}
              onChange={(e) => setNumbers((n) => ({ ...n, [f]: e.target.value }))}
            />
          </label>
        ))}
        {invalid.size > 0 ? (
          <p className="field-error" role="alert">
            {t('kollearn.metrics.wholeNumbers')}
          </p>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={!postId || invalid.size > 0 || entry.busy} data-testid="metrics-save">
          {t('kollearn.metrics.save')}
        </button>
        {entry.error ? <FormError error={entry.error} title={t('kollearn.metrics.saveFailed')} testId="metrics-error" /> : null}
      </form>

      <h3>{t('kollearn.metrics.csvTitle')}</h3>
      <p className="muted">{t('kollearn.metrics.csvHelp')}</p>
      <label className="btn btn--ghost" htmlFor={csvId}>
        {t('kollearn.metrics.csvPick')}
      </label>
      <input id={csvId} className="visually-hidden" type="file" accept=".csv,text/csv" data-testid="metrics-csv" onChange={(e) => void pick(e)} />
      {file ? <span className="muted"> {file.name}</span> : null}
      {check && problems.length === 0 && check.dryRun ? (
        <p role="status" data-testid="metrics-csv-ready">
          {t('kollearn.metrics.csvReady', { count: check.rows.length })}{' '}
          <button type="button" className="btn btn--primary btn--small" disabled={csv.busy} data-testid="metrics-csv-import" onClick={() => void importAll()}>
            {t('kollearn.metrics.csvImport')}
          </button>
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div className="table-wrap" data-testid="metrics-csv-problems">
          <table className="table">
            <caption>{t('kollearn.metrics.csvProblems', { count: problems.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kollearn.metrics.line')}</th>
                <th scope="col">{t('kollearn.metrics.column')}</th>
                <th scope="col">{t('kollearn.metrics.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={p.key} data-testid="metrics-csv-problem" data-line={p.line} data-field={p.field}>
                  <td>{p.line}</td>
                  <td>
                    <code>{p.field}</code>
                  </td>
                  <td>{p.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {csv.error ? <FormError error={csv.error} title={t('kollearn.metrics.csvFailed')} testId="metrics-csv-error" /> : null}
    </section>
  );
}
