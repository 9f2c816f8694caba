import type { DragEvent, KeyboardEvent } from 'react';
import { PLATFORM_LABELS } from '../../../shared/publish/platforms.js';
import type { OutboxPostView, PublishAccountView } from '../../../shared/publish/post.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { keyboardMove, type CalendarView, type MoveKey } from '../../lib/calendar.js';
import { errorDetail } from '../../lib/serverText.js';
import { canReschedule, postTime } from '../../stores/schedulerStore.js';
import { reschedulePost } from './postActions.js';
import { accountZoneTime, formatTime, STATE_ICON, stateLabel } from './postText.js';

/** The drag payload's type: only posts can be dropped on the calendar. */
export const POST_DRAG_TYPE = 'application/x-kingjam-post';

const MOVE_KEYS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];

/**
 * One post on the calendar: its state (icon and word, not colour alone), time,
 * account and first words; a failed post says why. Drag it to another day or
 * slot, or focus it and press Alt+arrows; Enter opens it.
 */
export function PostChip({ post, account, view, onOpen }: { post: OutboxPostView; account: PublishAccountView | undefined; view: CalendarView; onOpen: () => void }) {
  const t = useT();
  const language = useLanguage();
  const at = postTime(post);
  const movable = canReschedule(post) && post.scheduledAt !== null;
  const zoneTime = at !== null && account ? accountZoneTime(at, account.timeZone, language) : null;
  const reason = post.state === 'failed' && post.failure ? errorDetail(post.failure.error, t, language) : null;

  function onDragStart(event: DragEvent<HTMLButtonElement>) {
    event.dataTransfer.setData(POST_DRAG_TYPE, post.id);
    event.dataTransfer.setData('text/plain', post.id);
    event.dataTransfer.effectAllowed = 'move';
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (!event.altKey || !MOVE_KEYS.includes(event.key) || !movable) return;
    event.preventDefault();
    void reschedulePost(post, keyboardMove(post.scheduledAt!, event.key as MoveKey, view));
  }

  const name = account?.displayName ?? post.accountId;
  const label = [stateLabel(post.state, t), at !== null ? formatTime(at, language) : null, PLATFORM_LABELS[post.platform], name, movable ? t('scheduler.moveHint') : null].filter(Boolean).join(' · ');

  return (
    <button
      type="button"
      className={`post-chip post-chip--${post.state}`}
      draggable={movable}
      aria-label={label}
      title={post.payload.text.slice(0, 200)}
      data-testid="post-chip"
      data-post-id={post.id}
      data-state={post.state}
      data-account={post.accountId}
      onDragStart={movable ? onDragStart : undefined}
      onKeyDown={onKeyDown}
      onClick={onOpen}
    >
      <span className="post-chip__head">
        <Icon name={STATE_ICON[post.state]} size={13} />
        <span className="post-chip__state">{stateLabel(post.state, t)}</span>
        {at !== null ? <time dateTime={new Date(at).toISOString()}>{formatTime(at, language)}</time> : null}
      </span>
      <span className="post-chip__account">
        {PLATFORM_LABELS[post.platform]} · {name}
      </span>
      {zoneTime ? <span className="post-chip__zone">{zoneTime}</span> : null}
      <span className="post-chip__text">{post.payload.text || post.payload.title || t('scheduler.noText')}</span>
      {reason ? (
        <span className="post-chip__reason" data-testid="post-chip-reason">
          {reason}
        </span>
      ) : null}
    </button>
  );
}
