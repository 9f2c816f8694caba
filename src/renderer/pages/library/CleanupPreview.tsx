import { useEffect } from 'react';
import type { CleanupPlan } from '../../../shared/api/lifecycle-contract.js';
import type { Language } from '../../../shared/settings.js';
import { useLanguage, useT, type Translate } from '../../i18n/index.js';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format.js';
import { useCleanupStore } from '../../stores/cleanupStore.js';
import { useLibraryStore } from '../../stores/libraryStore.js';
import { StarButton } from './StarButton.js';

/** "04:00 tomorrow", "18:00 today", a date further out, or "now" for a run owed since the studio was off. */
export function cleanupWhen(at: number, t: Translate, language: Language, now = Date.now()): string {
  if (at <= now) return t('lifecycle.when.now');
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(at));
  const day = (ms: number) => new Date(ms).toDateString();
  if (day(at) === day(now)) return t('lifecycle.when.today', { time });
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  if (day(at) === tomorrow.toDateString()) return t('lifecycle.when.tomorrow', { time });
  return formatDateTime(at, language);
}

function PlanList({ plan }: { plan: CleanupPlan }) {
  const t = useT();
  const language = useLanguage();
  return (
    <ul className="cleanup-preview__list" data-testid={`cleanup-list-${plan.task}`}>
      {plan.items.map(({ asset, removeAt }) => (
        <li key={asset.id} data-testid="cleanup-item" data-asset-id={asset.id}>
          <StarButton asset={asset} testId="cleanup-star" />
          <span className="cleanup-preview__name">{asset.name}</span>
          <span className="muted">{formatBytes(asset.bytes, language)}</span>
          <span className="muted">{t('lifecycle.next.removeOn', { date: formatDateTime(removeAt, language) })}</span>
        </li>
      ))}
    </ul>
  );
}

/** What the next cleanups will remove and when, with a star right there to keep an item. */
export function CleanupPreview() {
  const t = useT();
  const language = useLanguage();
  const { preview, load } = useCleanupStore();
  const items = useLibraryStore((s) => s.items);
  // Whatever changed the library's page (an import, a delete, a star) may change the plan.
  useEffect(() => {
    void load();
  }, [load, items]);
  if (!preview) return null;
  const { retention, temp } = preview;
  const summary = (plan: CleanupPlan) => ({ when: cleanupWhen(plan.at, t, language), count: formatCount(plan.items.length, language), size: formatBytes(plan.bytes, language) });
  return (
    <section className="cleanup-preview" data-testid="cleanup-preview" aria-live="polite">
      <p className="cleanup-preview__summary" data-testid="cleanup-summary">
        {retention.items.length === 0 ? t('lifecycle.next.nothing', summary(retention)) : t('lifecycle.next.summary', summary(retention))}
      </p>
      {temp.items.length > 0 ? <p className="muted" data-testid="cleanup-temp-summary">{t('lifecycle.next.temp', summary(temp))}</p> : null}
      {retention.items.length + temp.items.length > 0 ? (
        <details className="cleanup-preview__details">
          <summary data-testid="cleanup-show">{t('lifecycle.next.list')}</summary>
          <p className="muted">{t('lifecycle.next.hint')}</p>
          {retention.items.length > 0 ? <PlanList plan={retention} /> : null}
          {temp.items.length > 0 ? <PlanList plan={temp} /> : null}
        </details>
      ) : null}
    </section>
  );
}
