import { useEffect, useRef } from 'react';
import type { KolPostView } from '../../../shared/kol/post-record.js';
import { LoadMore } from '../../components/LoadMore.js';
import { useT } from '../../i18n/index.js';
import { useKolReviewStore } from '../../stores/kolReviewStore.js';
import { riskLabel, stateLabel } from './reviewText.js';

function QueueRow({ post, selected, onSelect }: { post: KolPostView; selected: boolean; onSelect: () => void }) {
  const t = useT();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // j/k move the selection: keep the selected row in view.
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const risk = post.scores?.risk.level ?? null;
  return (
    <li>
      <button ref={ref} type="button" className={selected ? 'review-row review-row--selected' : 'review-row'} aria-current={selected ? 'true' : undefined} data-testid="review-row" data-post-id={post.id} data-status={post.status} onClick={onSelect}>
        <span className="review-row__head">
          <strong>{post.personaNickname}</strong>
          <span className={`badge review-state review-state--${post.status}`} data-testid="review-row-status">
            {stateLabel(post.status, t)}
          </span>
        </span>
        <span className="review-row__title">{post.title || post.topic}</span>
        <span className="review-row__meta muted small">
          {risk ? <span className={`risk-badge risk-badge--${risk}`}>{riskLabel(risk, t)}</span> : null}
          {post.scores ? ` ${t('kol.review.qualityShort', { score: Math.round(post.scores.quality.score) })}` : ''}
        </span>
      </button>
    </li>
  );
}

/** The queue: newest first, the selected post marked; pages by keyset ("Load more"). */
export function ReviewQueue() {
  const t = useT();
  const { items, selectedId, nextCursor, loadingMore, select, loadMore } = useKolReviewStore();
  return (
    <nav className="review-queue" aria-label={t('kol.review.queue')}>
      <ul className="review-queue__list" data-testid="review-queue">
        {items.map((post) => (
          <QueueRow key={post.id} post={post} selected={post.id === selectedId} onSelect={() => select(post.id)} />
        ))}
      </ul>
      {nextCursor ? <LoadMore testId="review-load-more" loading={loadingMore} onLoad={() => void loadMore()} /> : null}
    </nav>
  );
}
