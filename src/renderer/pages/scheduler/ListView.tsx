import type { OutboxPostView, PublishAccountView } from '../../../shared/publish/post.js';
import { PLATFORM_LABELS } from '../../../shared/publish/platforms.js';
import { EmptyState } from '../../components/EmptyState.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { postTime } from '../../stores/schedulerStore.js';
import { PostActions, PostFailure, PublishedLink, StateBadge } from './PostParts.js';
import { accountZoneTime, formatWhen } from './postText.js';

function Row({ post, account, onOpen }: { post: OutboxPostView; account: PublishAccountView | undefined; onOpen: () => void }) {
  const t = useT();
  const language = useLanguage();
  const at = postTime(post);
  const zone = at !== null && account ? accountZoneTime(at, account.timeZone, language, true) : null;
  return (
    <tr data-testid="post-row" data-post-id={post.id} data-state={post.state}>
      <td>
        <StateBadge state={post.state} />
      </td>
      <td>
        {at !== null ? <time dateTime={new Date(at).toISOString()}>{formatWhen(at, language)}</time> : <span className="muted">{t('scheduler.unscheduled')}</span>}
        {zone ? <div className="muted small">{zone}</div> : null}
      </td>
      <td>
        {PLATFORM_LABELS[post.platform]} · {account?.displayName ?? post.accountId}
        {account?.clientName ? <div className="muted small">{account.clientName}</div> : null}
      </td>
      <td className="post-row__text">
        <button type="button" className="link-button" data-testid="post-row-open" onClick={onOpen}>
          {post.payload.title || post.payload.text.slice(0, 120) || t('scheduler.noText')}
        </button>
        {post.state === 'failed' ? <PostFailure post={post} compact /> : null}
        {post.state === 'published' ? <PublishedLink post={post} /> : null}
      </td>
      <td className="post-row__actions">
        <PostActions post={post} />
      </td>
    </tr>
  );
}

/** Every post of the range (and the drafts without a time) as a table, each with its actions. */
export function ListView({ posts, drafts, accounts, onOpen }: { posts: OutboxPostView[]; drafts: OutboxPostView[]; accounts: Map<string, PublishAccountView>; onOpen: (post: OutboxPostView) => void }) {
  const t = useT();
  const rows = [...posts].sort((a, b) => postTime(a)! - postTime(b)!).concat(drafts);
  if (rows.length === 0) return <EmptyState icon="history" title={t('scheduler.empty.title')} body={t('scheduler.empty.body')} testId="scheduler-empty" />;
  return (
    <div className="table-wrap" data-testid="calendar-list">
      <table className="table">
        <caption className="visually-hidden">{t('scheduler.view.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scheduler.col.state')}</th>
            <th scope="col">{t('scheduler.col.time')}</th>
            <th scope="col">{t('scheduler.col.account')}</th>
            <th scope="col">{t('scheduler.col.post')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('scheduler.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((post) => (
            <Row key={post.id} post={post} account={accounts.get(post.accountId)} onOpen={() => onOpen(post)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
