import { useState } from 'react';
import { PLATFORM_LABELS } from '../../../shared/publish/platforms.js';
import type { OutboxPostView, PublishAccountView } from '../../../shared/publish/post.js';
import { Dialog } from '../../components/Dialog.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { fromLocalInput, toLocalInput } from '../../lib/calendar.js';
import { errorDetail } from '../../lib/serverText.js';
import { canReschedule, postTime } from '../../stores/schedulerStore.js';
import { reschedulePost } from './postActions.js';
import { PostActions, PostFailure, PublishedLink, StateBadge } from './PostParts.js';
import { accountZoneTime, formatWhen } from './postText.js';

/** Moves a post to a typed date and time: the keyboard's way to reschedule besides Alt+arrows. */
function MoveForm({ post }: { post: OutboxPostView }) {
  const t = useT();
  const [value, setValue] = useState(post.scheduledAt !== null ? toLocalInput(post.scheduledAt) : '');
  const at = fromLocalInput(value);
  return (
    <form
      className="copy-row"
      onSubmit={(event) => {
        event.preventDefault();
        if (at !== null) void reschedulePost(post, at);
      }}
    >
      <label className="field">
        <span className="field__label">{t('scheduler.moveTo')}</span>
        <input className="input" type="datetime-local" value={value} data-testid="post-move-input" onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" className="btn btn--ghost" disabled={at === null || at === post.scheduledAt} data-testid="post-move">
        {t('scheduler.move')}
      </button>
    </form>
  );
}

/** One post opened from the calendar: everything about it, its attempts, and what can be done. */
export function PostDialog({ post, account, onClose }: { post: OutboxPostView; account: PublishAccountView | undefined; onClose: () => void }) {
  const t = useT();
  const language = useLanguage();
  const at = postTime(post);
  const zone = at !== null && account ? accountZoneTime(at, account.timeZone, language, true) : null;
  return (
    <Dialog
      title={`${PLATFORM_LABELS[post.platform]} · ${account?.displayName ?? post.accountId}`}
      onClose={onClose}
      testId="post-dialog"
      className="dialog--wide"
      footer={
        <>
          <PostActions post={post} />
          <button type="button" className="btn btn--primary" data-autofocus="" onClick={onClose}>
            {t('common.close')}
          </button>
        </>
      }
    >
      <div className="post-detail" data-state={post.state}>
        <div className="post-detail__head">
          <StateBadge state={post.state} />
          {at !== null ? <time dateTime={new Date(at).toISOString()}>{formatWhen(at, language)}</time> : <span className="muted">{t('scheduler.unscheduled')}</span>}
          {zone ? <span className="muted">{t('scheduler.accountTime', { time: zone })}</span> : null}
          {post.missed ? <span className="badge badge--canceled">{t('scheduler.missed')}</span> : null}
        </div>
        {post.payload.title ? <h3 className="post-detail__title">{post.payload.title}</h3> : null}
        <p className="post-detail__text" data-testid="post-dialog-text">
          {post.payload.text || t('scheduler.noText')}
        </p>
        {post.payload.media.length ? <p className="muted">{t('scheduler.mediaCount', { count: post.payload.media.length })}</p> : null}
        <PostFailure post={post} />
        <PublishedLink post={post} />
        {canReschedule(post) && post.scheduledAt !== null ? <MoveForm post={post} /> : null}
        {post.attempts.length ? (
          <>
            <h3 className="gen-subtitle">{t('scheduler.attempts')}</h3>
            <ol className="attempt-list" data-testid="post-attempts">
              {post.attempts.map((a) => (
                <li key={a.n}>
                  {formatWhen(a.startedAt, language)} — {t(`scheduler.outcome.${a.outcome}`)}
                  {a.error ? <span className="muted"> · {errorDetail(a.error, t, language) ?? ''}</span> : null}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
