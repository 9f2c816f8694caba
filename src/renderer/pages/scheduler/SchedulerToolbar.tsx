import { PLATFORM_LABELS, PUBLISH_PLATFORMS, type PublishPlatform } from '../../../shared/publish/platforms.js';
import { OUTBOX_STATES, type OutboxState, type PublishAccountView } from '../../../shared/publish/post.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { CALENDAR_VIEWS, startOfDay, stepAnchor, visibleRange } from '../../lib/calendar.js';
import { Segmented } from '../generate/fields.js';
import { useSchedulerStore } from '../../stores/schedulerStore.js';
import { rangeLabel, STATE_ICON, stateLabel } from './postText.js';

/** The agencies' clients that own at least one account, by name. */
export function clientsOf(accounts: PublishAccountView[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const a of accounts) if (a.clientId && !seen.has(a.clientId)) seen.set(a.clientId, a.clientName ?? a.clientId);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

function FilterSelect<T extends string>({ id, label, value, options, onChange }: { id: string; label: string; value: T | null; options: { value: T; label: string }[]; onChange: (value: T | null) => void }) {
  const t = useT();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select" value={value ?? ''} data-testid={id} onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as T))}>
        <option value="">{t('scheduler.filter.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** View (month, week, list), the range with previous / today / next, and the filters. */
export function SchedulerToolbar() {
  const t = useT();
  const language = useLanguage();
  const { view, anchor, weekStart, filters, accounts, setView, setAnchor, setFilters } = useSchedulerStore();
  const range = visibleRange(view, anchor, weekStart);
  const all = accounts ?? [];
  const shownAccounts = filters.clientId ? all.filter((a) => a.clientId === filters.clientId) : all;
  return (
    <div className="scheduler-toolbar" data-testid="scheduler-toolbar">
      <div className="scheduler-toolbar__nav">
        <Segmented label={t('scheduler.view')} testId="scheduler-view" value={view} onChange={setView} options={CALENDAR_VIEWS.map((v) => ({ value: v, label: t(`scheduler.view.${v}`) }))} />
        <div className="scheduler-toolbar__range">
          <button type="button" className="btn btn--ghost btn--small" aria-label={t('scheduler.previous')} data-testid="scheduler-prev" onClick={() => setAnchor(stepAnchor(view, anchor, -1))}>
            ‹
          </button>
          <button type="button" className="btn btn--ghost btn--small" data-testid="scheduler-today" onClick={() => setAnchor(startOfDay(Date.now()))}>
            {t('scheduler.today')}
          </button>
          <button type="button" className="btn btn--ghost btn--small" aria-label={t('scheduler.next')} data-testid="scheduler-next" onClick={() => setAnchor(stepAnchor(view, anchor, 1))}>
            ›
          </button>
          <h2 className="scheduler-toolbar__label" aria-live="polite" data-testid="scheduler-range">
            {rangeLabel(view === 'week' ? range.from : anchor, range.to, language, view)}
          </h2>
        </div>
      </div>
      <div className="scheduler-toolbar__filters" role="group" aria-label={t('scheduler.filters')}>
        <FilterSelect id="scheduler-filter-client" label={t('scheduler.filter.client')} value={filters.clientId} options={clientsOf(all).map((c) => ({ value: c.id, label: c.name }))} onChange={(clientId) => setFilters({ clientId, accountId: null })} />
        <FilterSelect id="scheduler-filter-account" label={t('scheduler.filter.account')} value={filters.accountId} options={shownAccounts.map((a) => ({ value: a.id, label: `${PLATFORM_LABELS[a.platform]} · ${a.displayName}` }))} onChange={(accountId) => setFilters({ accountId })} />
        <FilterSelect<PublishPlatform> id="scheduler-filter-platform" label={t('scheduler.filter.platform')} value={filters.platform} options={PUBLISH_PLATFORMS.map((p) => ({ value: p, label: PLATFORM_LABELS[p] }))} onChange={(platform) => setFilters({ platform })} />
        <FilterSelect<OutboxState> id="scheduler-filter-state" label={t('scheduler.filter.state')} value={filters.state} options={OUTBOX_STATES.map((s) => ({ value: s, label: stateLabel(s, t) }))} onChange={(state) => setFilters({ state })} />
      </div>
    </div>
  );
}

/** What each colour means, each with its icon and word. */
export function StatusLegend() {
  const t = useT();
  return (
    <ul className="status-legend" aria-label={t('scheduler.legend')} data-testid="scheduler-legend">
      {OUTBOX_STATES.map((state) => (
        <li key={state} className={`status-legend__item post-state--${state}`}>
          <Icon name={STATE_ICON[state]} size={12} />
          {stateLabel(state, t)}
        </li>
      ))}
    </ul>
  );
}
