import { useEffect, useMemo, useState } from 'react';
import type { LearnReportView } from '../../../shared/api/kol-learn-contract.js';
import { LEARNING_PERIODS, type LearningPeriod } from '../../../shared/kol/learning/index.js';
import { api } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { OpenLink } from '../../components/OpenLink.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../partners/useCall.js';
import { DifferencesTable } from './DifferencesTable.js';
import { localized, localizedHint } from './labels.js';
import { MetricsPanel } from './MetricsPanel.js';
import { PersonaSwitches } from './PersonaSwitches.js';

/**
 * The Learning page (issue 14, seed 003 SelfLearningService): over 7, 30 or
 * 90 days and for all personas, one persona or one client, the top 20 % of
 * published posts, what they share against the rest, the suggestions, and
 * per persona whether they go into its prompts; and numbers entered by hand
 * or imported from a CSV for the platforms that do not report them.
 */
export function LearningPage() {
  const t = useT();
  const language = useLanguage();
  const [period, setPeriod] = useState<LearningPeriod>(30);
  const [personaId, setPersonaId] = useState<string>('');
  const [clientId, setClientId] = useState<string>('');
  // Loaded by the effect below, on mount and whenever a filter changes.
  const report = useLoad<LearnReportView>(() => api().call('kol.learn.report', { period, ...(personaId ? { personaId } : {}), ...(clientId ? { clientId } : {}) }), false);
  const { reload } = report;
  useEffect(() => {
    void reload();
  }, [period, personaId, clientId, reload]);

  const data = report.data;
  const personas = data?.personas ?? [];
  const clients = useMemo(() => [...new Set(personas.map((p) => p.clientId).filter((c): c is string => c !== null))].sort(), [personas]);
  const nicknames = useMemo(() => new Map(personas.map((p) => [p.id, p.nickname])), [personas]);

  return (
    <div className="page" data-testid="page-kol-learning">
      <PageHeader title={t('kollearn.title')} subtitle={t('kollearn.subtitle')} />
      <div className="toolbar" data-testid="learn-filters">
        <label className="field-inline">
          {t('kollearn.period')}
          <select className="select" value={period} data-testid="learn-period" onChange={(e) => setPeriod(Number(e.target.value) as LearningPeriod)}>
            {LEARNING_PERIODS.map((days) => (
              <option key={days} value={days}>
                {t('kollearn.period.days', { days })}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          {t('kollearn.persona')}
          <select className="select" value={personaId} data-testid="learn-persona-filter" onChange={(e) => setPersonaId(e.target.value)}>
            <option value="">{t('kollearn.all')}</option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {p.nickname}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          {t('kollearn.client')}
          <select className="select" value={clientId} data-testid="learn-client-filter" onChange={(e) => setClientId(e.target.value)}>
            <option value="">{t('kollearn.all')}</option>
            {clients.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>

      {report.error ? <ErrorPanel error={report.error} onRetry={() => void reload()} /> : null}
      {!data && report.loading ? <SkeletonRows rows={4} /> : null}
      {data ? (
        <>
          {data.posts === 0 ? <EmptyState icon="arrowUp" title={t('kollearn.empty')} /> : null}
          {data.posts > 0 && !data.enough && data.reason ? (
            <p className="card" role="status" data-testid="learn-too-few">
              {localized(data.reason, t)} {localizedHint(data.reason, t)}
            </p>
          ) : null}
          {data.enough ? (
            <>
              <p className="muted" data-testid="learn-summary">
                {t('kollearn.summary', { posts: data.posts, top: data.top.length, meanTop: data.meanTop, meanRest: data.meanRest })} {t('kollearn.score')}
              </p>
              <section className="card" data-testid="learn-suggestions">
                <h2 className="card__title">{t('kollearn.suggestions.title')}</h2>
                {data.suggestions.length === 0 ? <p className="muted">{t('kollearn.suggestions.none')}</p> : null}
                <ul>
                  {data.suggestions.map((s) => (
                    <li key={`${s.feature}:${s.value}`} data-testid="learn-suggestion">
                      {localized(s.text, t)}
                      {s.prompt ? <span className="muted"> {t('kollearn.suggestions.prompt', { text: s.prompt })}</span> : null}
                    </li>
                  ))}
                </ul>
              </section>
              <DifferencesTable differences={data.differences} numeric={data.numeric} nicknames={nicknames} />
              <section className="card" data-testid="learn-top">
                <h2 className="card__title">{t('kollearn.top.title')}</h2>
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">{t('kollearn.top.score')}</th>
                        <th scope="col">{t('kollearn.top.post')}</th>
                        <th scope="col">{t('kollearn.top.persona')}</th>
                        <th scope="col">{t('kollearn.top.published')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.top.map((p) => (
                        <tr key={p.id} data-testid="learn-top-post" data-post={p.id}>
                          <td>{p.score}</td>
                          <th scope="row">
                            {p.title || p.id}{' '}
                            {p.url ? (
                              <OpenLink url={p.url}>
                                {t('kollearn.top.open')}
                              </OpenLink>
                            ) : null}
                          </th>
                          <td>{p.personaNickname}</td>
                          <td>{formatDateTime(p.publishedAt, language)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            </>
          ) : null}
          <PersonaSwitches personas={personas} period={period} onChanged={() => void reload()} />
        </>
      ) : null}
      <MetricsPanel personaId={personaId} onChanged={() => void reload()} />
    </div>
  );
}
