import { REVIEW_UNDO_MS, type KolPostFilter, type ReviewResult } from '../../../shared/api/kol-contract.js';
import type { KolPostView } from '../../../shared/kol/post-record.js';
import { api, errorInfoOf } from '../../api/index.js';
import { t } from '../../i18n/index.js';
import { confirm } from '../../stores/confirmStore.js';
import { useKolReviewStore } from '../../stores/kolReviewStore.js';
import { toastError, toastInfo, toastSuccess, toastUndo } from '../../stores/toastStore.js';

/**
 * What the Review page's buttons and keys do. Each answer from main replaces
 * the posts in the queue at once (the event follows), and each action offers
 * Undo for REVIEW_UNDO_MS, as the token main gave allows.
 */

function show(posts: KolPostView[]): void {
  const store = useKolReviewStore.getState();
  posts.forEach((p) => store.received(p));
}

async function undo(token: string): Promise<void> {
  try {
    show((await api().call('kol.review.undo', { token })).posts);
    toastSuccess(t('kol.review.undone'));
  } catch (err) {
    toastError(errorInfoOf(err), t('kol.review.undoFailed'));
  }
}

function offerUndo(result: ReviewResult, title: string): void {
  show(result.posts);
  if (!result.undo) {
    toastSuccess(title);
    return;
  }
  const { token, expiresAt } = result.undo;
  // The toast lasts the undo window as main counts it (never longer than REVIEW_UNDO_MS).
  const left = Math.min(REVIEW_UNDO_MS, Math.max(1000, expiresAt - Date.now()));
  toastUndo(title, t('kol.review.undo'), left, () => void undo(token));
}

export async function approvePosts(ids: string[]): Promise<boolean> {
  try {
    offerUndo(await api().call('kol.review.approve', { ids }), t('kol.review.approved', { count: ids.length }));
    return true;
  } catch (err) {
    toastError(errorInfoOf(err), t('kol.review.actionFailed'));
    return false;
  }
}

export async function rejectPost(id: string, notes: string): Promise<boolean> {
  try {
    offerUndo(await api().call('kol.review.reject', { id, notes }), t('kol.review.rejected'));
    return true;
  } catch (err) {
    toastError(errorInfoOf(err), t('kol.review.actionFailed'));
    return false;
  }
}

export async function requestChanges(id: string, notes: string): Promise<boolean> {
  try {
    offerUndo(await api().call('kol.review.requestChanges', { id, notes }), t('kol.review.changesRequested'));
    return true;
  } catch (err) {
    toastError(errorInfoOf(err), t('kol.review.actionFailed'));
    return false;
  }
}

/** A filter narrowed to what bulk approval takes: pending posts of low risk (null when the filter leaves none). */
export function lowRiskFilter(filter: KolPostFilter): KolPostFilter | null {
  const statuses = (filter.statuses ?? ['pending_review']).filter((s) => s === 'pending_review');
  const risk = (filter.risk ?? ['low']).filter((r) => r === 'low');
  return statuses.length === 0 || risk.length === 0 ? null : { ...filter, statuses, risk };
}

const BULK_MAX = 500;

/** How many posts bulk approval would take (counted page by page, up to what one approval may take). */
async function countLowRisk(filter: KolPostFilter): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await api().call('kol.posts.list', { filter, limit: 200, ...(cursor ? { cursor } : {}) });
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && count < BULK_MAX);
  return Math.min(count, BULK_MAX);
}

/** Approves the low-risk posts the current filter shows, after saying how many. */
export async function approveLowRisk(filter: KolPostFilter): Promise<void> {
  const narrowed = lowRiskFilter(filter);
  try {
    const count = narrowed ? await countLowRisk(narrowed) : 0;
    if (!narrowed || count === 0) {
      toastInfo(t('kol.review.bulk.none'));
      return;
    }
    const ok = await confirm({ title: t('kol.review.bulk.title', { count }), body: t('kol.review.bulk.body', { count }), confirmLabel: t('kol.review.bulk.confirm', { count }) });
    if (!ok) return;
    const result = await api().call('kol.review.approveLowRisk', { filter: narrowed, limit: count });
    offerUndo(result, t('kol.review.approved', { count: result.posts.length }));
  } catch (err) {
    toastError(errorInfoOf(err), t('kol.review.actionFailed'));
  }
}

/** Puts an approved post on the calendar; Undo takes it off again. */
export async function schedulePost(id: string, accountId: string, at: number | null): Promise<boolean> {
  try {
    const post = await api().call('kol.posts.schedule', { id, accountId, at });
    show([post]);
    toastUndo(t('kol.review.scheduled'), t('kol.review.undo'), REVIEW_UNDO_MS, () => {
      void api()
        .call('kol.posts.unschedule', { id })
        .then((p) => {
          show([p]);
          toastSuccess(t('kol.review.undone'));
        })
        .catch((err: unknown) => toastError(errorInfoOf(err), t('kol.review.undoFailed')));
    });
    return true;
  } catch (err) {
    toastError(errorInfoOf(err), t('kol.review.scheduleFailed'));
    return false;
  }
}

export async function editPost(id: string, patch: { title: string; content: string; tags: string[] }): Promise<boolean> {
  try {
    show([await api().call('kol.posts.edit', { id, ...patch })]);
    toastSuccess(t('kol.review.saved'));
    return true;
  } catch (err) {
    toastError(errorInfoOf(err), t('kol.review.saveFailed'));
    return false;
  }
}
