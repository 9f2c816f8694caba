import type { OutboxPostView } from '../../../shared/publish/post.js';
import { api, errorInfoOf } from '../../api/index.js';
import { t } from '../../i18n/index.js';
import { mediaFromPost, useComposerStore } from '../../stores/composerStore.js';
import { confirm } from '../../stores/confirmStore.js';
import { useSchedulerStore } from '../../stores/schedulerStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';

/** What a post's buttons do: each answer from main replaces the post on the calendar. */

export async function retryPost(post: OutboxPostView): Promise<void> {
  try {
    useSchedulerStore.getState().received(await api().call('publish.retry', { id: post.id }));
    toastSuccess(t('scheduler.retried'));
  } catch (err) {
    toastError(errorInfoOf(err), t('scheduler.actionFailed'));
  }
}

export async function publishPostNow(post: OutboxPostView): Promise<void> {
  try {
    useSchedulerStore.getState().received(await api().call('publish.now', { id: post.id }));
    toastSuccess(t('scheduler.publishingNow'));
  } catch (err) {
    toastError(errorInfoOf(err), t('scheduler.actionFailed'));
  }
}

export async function cancelPost(post: OutboxPostView): Promise<void> {
  const ok = await confirm({
    title: t('scheduler.cancel.title'),
    body: t('scheduler.cancel.body'),
    confirmLabel: t('scheduler.cancel.confirm'),
    dismissLabel: t('scheduler.cancel.keep'),
    danger: true,
  });
  if (!ok) return;
  try {
    useSchedulerStore.getState().received(await api().call('publish.cancel', { id: post.id }));
    toastSuccess(t('scheduler.canceled'));
  } catch (err) {
    toastError(errorInfoOf(err), t('scheduler.actionFailed'));
  }
}

export async function reschedulePost(post: OutboxPostView, scheduledAt: number): Promise<void> {
  if (post.scheduledAt === scheduledAt) return;
  try {
    await useSchedulerStore.getState().reschedule(post.id, scheduledAt);
  } catch (err) {
    toastError(errorInfoOf(err), t('scheduler.rescheduleFailed'));
  }
}

/** Opens the Composer on a saved post (its one account, its text and media). */
export function editPost(post: OutboxPostView): void {
  useComposerStore.getState().openComposer({
    editing: post,
    accountIds: [post.accountId],
    text: post.payload.text,
    media: post.payload.media.map(mediaFromPost),
    scheduledAt: post.scheduledAt,
  });
}
