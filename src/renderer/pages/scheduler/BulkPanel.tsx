import { useId, useState, type ChangeEvent } from 'react';
import type { CsvImportResult } from '../../../shared/api/publish-contract.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { downloadText } from '../../lib/download.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { dayKey, visibleRange } from '../../lib/calendar.js';
import { useSchedulerStore } from '../../stores/schedulerStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';
import { problemText } from './postText.js';

function ProblemTable({ result }: { result: CsvImportResult }) {
  const t = useT();
  const language = useLanguage();
  const rows = result.rows.flatMap((row) => row.problems.map((p, i) => ({ key: `${row.line}-${i}`, line: row.line, field: p.field, text: problemText(p.message, t, language) })));
  return (
    <div className="table-wrap" data-testid="bulk-problems">
      <table className="table">
        <caption className="visually-hidden">{t('scheduler.bulk.problems', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scheduler.bulk.line')}</th>
            <th scope="col">{t('scheduler.bulk.column')}</th>
            <th scope="col">{t('scheduler.bulk.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid="bulk-problem" data-line={r.line} data-field={r.field}>
              <td>{r.line}</td>
              <td>
                <code>{r.field}</code>
              </td>
              <td>{r.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the import decided for the user to know, without blocking it (an ambiguous DST time read as its first occurrence). */
function NoteList({ result }: { result: CsvImportResult }) {
  const t = useT();
  const language = useLanguage();
  const notes = result.rows.flatMap((row) => (row.notes ?? []).map((n, i) => ({ key: `${row.line}-${i}`, line: row.line, field: n.field, text: problemText(n.message, t, language) })));
  if (notes.length === 0) return null;
  return (
    <ul className="bulk-panel__notes" aria-label={t('scheduler.bulk.notes')} data-testid="bulk-notes">
      {notes.map((n) => (
        <li key={n.key} data-line={n.line} data-field={n.field}>
          {t('scheduler.bulk.noteAt', { line: n.line, column: n.field })} {n.text}
        </li>
      ))}
    </ul>
  );
}

/**
 * Bulk: a CSV of posts is checked first (every row's problems, by line and
 * column) and imported only when none has any; the shown range exports as CSV.
 */
export function BulkPanel() {
  const t = useT();
  const inputId = useId();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [check, setCheck] = useState<CsvImportResult | null>(null);
  const action = useAction();
  const problems = check ? check.rows.reduce((n, r) => n + r.problems.length, 0) : 0;

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    const csv = await chosen.text();
    setFile({ name: chosen.name, csv });
    setCheck(null);
    const result = await action.run(() => api().call('publish.importCsv', { csv, dryRun: true }));
    if (result) setCheck(result);
  }

  async function importAll() {
    if (!file) return;
    const result = await action.run(() => api().call('publish.importCsv', { csv: file.csv, dryRun: false }));
    if (!result) return;
    if (result.created > 0) {
      toastSuccess(t('scheduler.bulk.imported', { count: result.created }));
      setFile(null);
      setCheck(null);
      void useSchedulerStore.getState().load();
    } else setCheck(result);
  }

  async function exportRange() {
    const { view, anchor, weekStart, filters } = useSchedulerStore.getState();
    const range = visibleRange(view, anchor, weekStart);
    try {
      const { csv } = await api().call('publish.exportCsv', {
        from: range.from,
        to: range.to,
        ...(filters.clientId ? { clientId: filters.clientId } : {}),
        ...(filters.accountId ? { accountIds: [filters.accountId] } : {}),
        ...(filters.platform ? { platforms: [filters.platform] } : {}),
        ...(filters.state ? { states: [filters.state] } : {}),
        limit: 5000,
      });
      downloadText(`kingjam-posts-${dayKey(range.from)}.csv`, 'text/csv;charset=utf-8', csv);
    } catch (err) {
      toastError(errorInfoOf(err), t('scheduler.bulk.exportFailed'));
    }
  }

  return (
    <section className="card bulk-panel" id="scheduler-bulk" data-testid="bulk-panel" aria-labelledby={`${inputId}-title`}>
      <div className="card__head">
        <h2 className="card__title" id={`${inputId}-title`}>
          {t('scheduler.bulk.title')}
        </h2>
        <button type="button" className="btn btn--ghost btn--small" data-testid="bulk-export" onClick={() => void exportRange()}>
          <Icon name="arrowDown" size={14} />
          {t('scheduler.bulk.export')}
        </button>
      </div>
      <p className="muted">{t('scheduler.bulk.help')}</p>
      <div className="bulk-panel__pick">
        <label className="btn btn--ghost" htmlFor={inputId}>
          <Icon name="upload" size={14} />
          {t('scheduler.bulk.choose')}
        </label>
        <input id={inputId} className="visually-hidden" type="file" accept=".csv,text/csv" data-testid="bulk-file" onChange={(e) => void pick(e)} />
        {file ? <span data-testid="bulk-file-name">{file.name}</span> : null}
        {action.busy ? <span className="muted">{t('scheduler.bulk.checking')}</span> : null}
      </div>
      {action.error ? <FormError error={action.error} title={t('scheduler.bulk.failed')} testId="bulk-error" /> : null}
      {check ? (
        problems > 0 ? (
          <>
            <p className="field__error" role="alert" data-testid="bulk-summary">
              {t('scheduler.bulk.problems', { count: problems })}
            </p>
            <ProblemTable result={check} />
            <NoteList result={check} />
          </>
        ) : (
          <div className="bulk-panel__ready">
            <p role="status" data-testid="bulk-summary">
              {t('scheduler.bulk.ready', { count: check.rows.length })}
            </p>
            <NoteList result={check} />
            <button type="button" className="btn btn--primary" disabled={action.busy} data-testid="bulk-import" onClick={() => void importAll()}>
              {t('scheduler.bulk.import', { count: check.rows.length })}
            </button>
          </div>
        )
      ) : null}
    </section>
  );
}
