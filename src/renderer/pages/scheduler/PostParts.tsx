import type { OutboxPostView, OutboxState } from '../../../shared/publish/post.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { OpenLink } from '../../components/OpenLink.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';
import { cancelPost, editPost, publishPostNow, retryPost } from './postActions.js';
import { STATE_ICON, stateLabel } from './postText.js';

/** A post's state as a word with its icon and colour. */
export function StateBadge({ state }: { state: OutboxState }) {
  const t = useT();
  return (
    <span className={`badge post-state post-state--${state}`} data-testid="post-state" data-state={state}>
      <Icon name={STATE_ICON[state]} size={12} />
      {stateLabel(state, t)}
    </span>
  );
}

/** Why a post failed, in the user's language, and what to do. */
export function PostFailure({ post, compact = false }: { post: OutboxPostView; compact?: boolean }) {
  const t = useT();
  if (!post.failure) return null;
  return (
    <div className="post-failure" role="note" data-testid="post-failure" data-class={post.failure.class}>
      <strong className="post-failure__title">
        <Icon name="warning" size={14} />
        {errorTitle(post.failure.error, t)}
      </strong>
      <ErrorText error={post.failure.error} hideHint={compact} messageTestId="post-failure-reason" hintTestId="post-failure-hint" />
    </div>
  );
}

export function PublishedLink({ post }: { post: OutboxPostView }) {
  const t = useT();
  if (!post.url) return null;
  return (
    <OpenLink url={post.url} className="post-link" testId="post-url">
      <Icon name="external" size={14} />
      {t('scheduler.viewPost')}
    </OpenLink>
  );
}

/**
 * What can be done to a post in its state: a failed one is retried, edited or
 * canceled; a scheduled one or a draft is published now, edited or canceled.
 */
export function PostActions({ post }: { post: OutboxPostView }) {
  const t = useT();
  const button = (testId: string, icon: Parameters<typeof Icon>[0]['name'], label: string, onClick: () => void, danger = false) => (
    <button key={testId} type="button" className={danger ? 'btn btn--danger btn--small' : 'btn btn--ghost btn--small'} data-testid={testId} onClick={onClick}>
      <Icon name={icon} size={14} />
      {label}
    </button>
  );
  const out = [];
  if (post.state === 'failed') out.push(button('post-retry', 'retry', t('scheduler.retry'), () => void retryPost(post)));
  if (post.state === 'scheduled' || post.state === 'draft') out.push(button('post-now', 'play', t('scheduler.publishNow'), () => void publishPostNow(post)));
  if (post.state === 'failed' || post.state === 'scheduled' || post.state === 'draft' || post.state === 'canceled') out.push(button('post-edit', 'article', t('scheduler.edit'), () => editPost(post)));
  if (post.state === 'failed' || post.state === 'scheduled' || post.state === 'draft') out.push(button('post-cancel', 'stop', t('scheduler.cancelPost'), () => void cancelPost(post), true));
  return out.length ? <div className="post-actions">{out}</div> : null;
}
