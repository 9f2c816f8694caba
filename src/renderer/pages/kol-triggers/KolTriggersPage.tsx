import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { Localized } from '../../../shared/messages.js';
import type { BatchEvent } from '../../../shared/kol/batch.js';
import type { KolScheduleView, WebhookSecret } from '../../../shared/kol/triggers.js';
import { api, errorInfoOf } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useLanguage, useT, type Translate } from '../../i18n/index.js';
import { errorDetail } from '../../lib/serverText.js';
import { toastError, toastInfo, toastSuccess } from '../../stores/toastStore.js';
import type { Language } from '../../../shared/settings.js';
import { ScheduleForm } from './ScheduleForm.js';
import { SecretPanel } from './SecretPanel.js';

/** How often the list is read again (runs happen in main on their own timer). */
const REFRESH_MS = 15_000;

const said = (m: Localized, t: Translate, language: Language): string | null => errorDetail({ code: 'INTERNAL', message: '', key: m.key, ...(m.params ? { params: m.params } : {}) }, t, language);

/**
 * 觸發器 / Triggers: the KOL schedules — what fires each (cron, news, keyword,
 * threshold, webhook), its counts, next run and last error — with pause,
 * resume, run now, edit and delete, and the form with a live preview.
 */
export function KolTriggersPage() {
  const t = useT();
  const language = useLanguage();
  const [schedules, setSchedules] = useState<KolScheduleView[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [editing, setEditing] = useState<KolScheduleView | 'new' | null>(null);
  const [secret, setSecret] = useState<WebhookSecret | null>(null);

  const load = useCallback(async () => {
    try {
      setSchedules(await api().call('kol.triggers.list', {}));
      setError(null);
    } catch (err) {
      setError(errorInfoOf(err));
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    // A schedule that fires on its own (a feed is checked as soon as it is saved) starts a batch:
    // its counts are read again then, and once more when the batch ends, rather than up to 15 s later.
    const off = api().on('kol.batch', (event: BatchEvent) => {
      if (event.type === 'batch.start' || event.type === 'batch.end') void load();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [load]);

  async function act(run: () => Promise<unknown>, done?: string): Promise<void> {
    try {
      await run();
      if (done) toastSuccess(done);
    } catch (err) {
      toastError(errorInfoOf(err));
    }
    await load();
  }

  async function runNow(s: KolScheduleView): Promise<void> {
    await act(async () => {
      const result = await api().call('kol.triggers.runNow', { id: s.id });
      if (result.fired) toastSuccess(t('koltrig.run.fired', { title: s.title }));
      else toastInfo(t('koltrig.run.notFired', { title: s.title }), result.reason ? (said(result.reason, t, language) ?? undefined) : undefined);
    });
  }

  const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' }));

  function list() {
    if (error && !schedules) return <ErrorPanel error={error} onRetry={() => void load()} testId="trig-error" />;
    if (!schedules) return <SkeletonRows rows={4} testId="trig-loading" />;
    if (schedules.length === 0) return <EmptyState icon="calendar" title={t('koltrig.empty.title')} body={t('koltrig.empty.body')} testId="trig-empty" />;
    return (
      <div className="table-wrap">
        <table className="table" data-testid="trig-list">
          <thead>
            <tr>
              <th scope="col">{t('koltrig.col.title')}</th>
              <th scope="col">{t('koltrig.col.type')}</th>
              <th scope="col">{t('koltrig.col.status')}</th>
              <th scope="col">{t('koltrig.col.counts')}</th>
              <th scope="col">{t('koltrig.col.next')}</th>
              <th scope="col">{t('koltrig.col.lastError')}</th>
              <th scope="col">{t('koltrig.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id} data-testid="trig-row" data-schedule-id={s.id}>
                <th scope="row">
                  {s.title}
                  {s.description ? <div className="muted small">{s.description}</div> : null}
                </th>
                <td>{t(`koltrig.type.${s.trigger.type}`)}</td>
                <td>
                  <span className={s.status === 'active' ? 'badge badge--running' : 'badge badge--canceled'}>{t(`koltrig.status.${s.status}`)}</span>
                </td>
                <td data-testid="trig-counts">{t('koltrig.counts', { runs: s.executionCount, ok: s.successCount, errors: s.errorCount })}</td>
                <td>{s.trigger.type === 'custom' ? t('koltrig.next.webhook') : when(s.nextExecutionAt)}</td>
                <td className="small" data-testid="trig-last-error">
                  {s.lastError ? said(s.lastError, t, language) : '—'}
                </td>
                <td>
                  <div className="trig-actions">
                    <button type="button" className="btn btn--ghost" data-testid="trig-run" onClick={() => void runNow(s)}>
                      {t('koltrig.action.run')}
                    </button>
                    {s.status === 'active' ? (
                      <button type="button" className="btn btn--ghost" data-testid="trig-pause" onClick={() => void act(() => api().call('kol.triggers.pause', { id: s.id }))}>
                        {t('koltrig.action.pause')}
                      </button>
                    ) : (
                      <button type="button" className="btn btn--ghost" data-testid="trig-resume" onClick={() => void act(() => api().call('kol.triggers.resume', { id: s.id }))}>
                        {t('koltrig.action.resume')}
                      </button>
                    )}
                    <button type="button" className="btn btn--ghost" onClick={() => setEditing(s)}>
                      {t('koltrig.action.edit')}
                    </button>
                    {s.trigger.type === 'custom' ? (
                      <button type="button" className="btn btn--ghost" onClick={() => void act(async () => setSecret(await api().call('kol.triggers.rotateSecret', { id: s.id })))}>
                        {t('koltrig.action.rotate')}
                      </button>
                    ) : null}
                    <button type="button" className="btn btn--ghost" data-testid="trig-delete" onClick={() => void act(() => api().call('kol.triggers.delete', { id: s.id }), t('koltrig.deleted', { title: s.title }))}>
                      {t('koltrig.action.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section className="page" data-testid="page-kol-triggers">
      <PageHeader
        title={t('koltrig.title')}
        subtitle={t('koltrig.subtitle')}
        actions={
          <button type="button" className="btn btn--primary" data-testid="trig-new" onClick={() => setEditing('new')}>
            <Icon name="plus" />
            {t('koltrig.new')}
          </button>
        }
      />
      {secret ? <SecretPanel webhook={secret} onDone={() => setSecret(null)} /> : null}
      {editing ? (
        <ScheduleForm
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(webhook) => {
            setEditing(null);
            if (webhook) setSecret(webhook);
            toastSuccess(t('koltrig.saved'));
            void load();
          }}
        />
      ) : null}
      {list()}
    </section>
  );
}
