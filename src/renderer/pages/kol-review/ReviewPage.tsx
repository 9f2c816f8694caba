import { useEffect, useState } from 'react';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { useKolPersonaStore } from '../../stores/kolPersonaStore.js';
import { toPostFilter, useKolReviewStore } from '../../stores/kolReviewStore.js';
import { DraftPanel } from './DraftPanel.js';
import { HistoryDrawer } from './HistoryDrawer.js';
import { PostPreview } from './PostPreview.js';
import { approveLowRisk, approvePosts } from './reviewActions.js';
import { ReviewActions, type NotesMode } from './ReviewActions.js';
import { ReviewFilters } from './ReviewFilters.js';
import { ReviewQueue } from './ReviewQueue.js';
import { ReviewShortcuts } from './ReviewShortcuts.js';
import { isEditable } from './reviewText.js';
import { ScoresPanel } from './ScoresPanel.js';
import { ScheduleDialog } from './ScheduleDialog.js';
import { useReviewKeys } from './useReviewKeys.js';

/**
 * 審核 / Review: the queue of drafts with filters; the selected one side by
 * side with its platform preview, its three scores and its risky phrases
 * marked; approve, reject or send back with notes, each undoable for 10 s;
 * kept live by `kol.post.updated`.
 */
export function ReviewPage() {
  const t = useT();
  const { items, selectedId, filters, loading, error, load, step } = useKolReviewStore();
  const loadPersonas = useKolPersonaStore((s) => s.load);
  const [editing, setEditing] = useState(false);
  const [notes, setNotes] = useState<NotesMode | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const post = items.find((p) => p.id === selectedId) ?? null;

  useEffect(() => {
    void loadPersonas();
    void load();
  }, [load, loadPersonas]);

  // A different post starts without an open editor or notes box.
  useEffect(() => {
    setEditing(false);
    setNotes(null);
  }, [selectedId]);

  /** After an action, on to the next post that still waits for review. */
  function advance() {
    const list = useKolReviewStore.getState().items;
    const at = list.findIndex((p) => p.id === selectedId);
    const next = list.slice(at + 1).find((p) => p.status === 'pending_review') ?? list.find((p) => p.status === 'pending_review' && p.id !== selectedId);
    if (next) useKolReviewStore.getState().select(next.id);
  }

  useReviewKeys({
    next: () => step(1),
    previous: () => step(-1),
    approve: () => {
      if (post?.status === 'pending_review') void approvePosts([post.id]).then((ok) => ok && advance());
    },
    reject: () => {
      if (post?.status === 'pending_review') setNotes('reject');
    },
    edit: () => {
      if (post && isEditable(post)) setEditing(true);
    },
    help: () => setHelp(true),
  });

  function body() {
    if (error && items.length === 0) return <ErrorPanel error={error} onRetry={() => void load()} testId="review-error" />;
    if (loading && items.length === 0) return <SkeletonRows rows={6} testId="review-loading" />;
    if (items.length === 0) return <EmptyState icon="check" title={t('kol.review.empty.title')} body={t('kol.review.empty.body')} testId="review-empty" />;
    return (
      <div className="review-layout">
        <ReviewQueue />
        {post ? (
          <article className="review-detail" data-testid="review-detail" data-post-id={post.id} data-status={post.status} aria-label={post.title || post.topic}>
            <div className="review-detail__side-by-side">
              <section className="card review-detail__draft" aria-label={t('kol.review.draft')}>
                <DraftPanel post={post} editing={editing} setEditing={setEditing} />
                <ReviewActions post={post} notes={notes} setNotes={setNotes} onSchedule={() => setScheduling(true)} onHistory={() => setHistoryOf(post.id)} onDone={advance} />
              </section>
              <section className="card review-detail__preview" aria-label={t('kol.review.preview')}>
                <h3 className="gen-subtitle">{t('kol.review.preview')}</h3>
                <PostPreview post={post} />
              </section>
            </div>
            <section className="card">
              <ScoresPanel post={post} />
            </section>
          </article>
        ) : (
          <p className="muted">{t('kol.review.pick')}</p>
        )}
      </div>
    );
  }

  return (
    <section className="page" data-testid="page-kol-review">
      <PageHeader
        title={t('kol.review.title')}
        subtitle={t('kol.review.subtitle')}
        actions={
          <>
            <button type="button" className="btn btn--ghost" data-testid="review-keys" onClick={() => setHelp(true)}>
              <Icon name="keyboard" />
              {t('kol.review.keys.open')}
            </button>
            <button type="button" className="btn btn--primary" data-testid="review-bulk-approve" onClick={() => void approveLowRisk(toPostFilter(filters))}>
              <Icon name="check" />
              {t('kol.review.bulk.open')}
            </button>
          </>
        }
      />
      <ReviewFilters />
      {body()}
      {scheduling && post ? <ScheduleDialog post={post} onClose={() => setScheduling(false)} /> : null}
      {historyOf ? <HistoryDrawer postId={historyOf} onClose={() => setHistoryOf(null)} /> : null}
      {help ? <ReviewShortcuts onClose={() => setHelp(false)} /> : null}
    </section>
  );
}
