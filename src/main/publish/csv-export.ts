import { writePostsCsv, type CsvPostOut } from '../../shared/publish/csv-posts.js';
import type { OutboxPostView, PublishAccountView } from '../../shared/publish/post.js';
import { formatUtcIso, formatZonedIso } from '../../shared/publish/time.js';

/**
 * The calendar as CSV (docs/publish-csv.md): the import's columns, so an
 * export imports again, plus each post's state, URL and failure. Times are
 * in each account's zone with its offset (the account's clock, unambiguous),
 * and in UTC beside them.
 */
export function exportPostsCsv(posts: readonly OutboxPostView[], accounts: readonly PublishAccountView[]): string {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const rows = posts.map((p): CsvPostOut => {
    const account = byId.get(p.accountId);
    const zone = account?.timeZone ?? 'UTC';
    const error = p.failure?.error ?? null;
    return {
      id: p.id,
      accountId: p.accountId,
      accountName: account?.displayName ?? '',
      platform: p.platform,
      time: p.scheduledAt === null ? '' : formatZonedIso(p.scheduledAt, zone),
      timeZone: zone,
      timeUtc: p.scheduledAt === null ? '' : formatUtcIso(p.scheduledAt),
      state: p.state,
      payload: p.payload,
      missedPolicy: p.missedPolicy,
      publishedAt: p.publishedAt === null ? '' : formatUtcIso(p.publishedAt),
      url: p.url ?? '',
      failure: error?.message ?? '',
      whatToDo: error?.hint ?? '',
    };
  });
  return writePostsCsv(rows);
}
