import { useState } from 'react';
import type { KolPostView } from '../../../shared/kol/post-record.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { approvePosts, rejectPost, requestChanges } from './reviewActions.js';

export type NotesMode = 'reject' | 'changes';

/** Why a post is rejected or sent back: required, sent with Ctrl/⌘+Enter or the button. */
function NotesBox({ mode, post, onDone }: { mode: NotesMode; post: KolPostView; onDone: (sent: boolean) => void }) {
  const t = useT();
  const [notes, setNotes] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const missing = notes.trim() === '';

  async function send() {
    setTried(true);
    if (missing) return;
    setBusy(true);
    const ok = mode === 'reject' ? await rejectPost(post.id, notes.trim()) : await requestChanges(post.id, notes.trim());
    setBusy(false);
    if (ok) onDone(true);
  }

  return (
    <form
      className="review-notes"
      data-testid="review-notes"
      data-mode={mode}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label className="field">
        <span className="field__label">{mode === 'reject' ? t('kol.review.rejectNotes') : t('kol.review.changesNotes')}</span>
        <textarea
          className="input textarea"
          rows={3}
          value={notes}
          maxLength={4000}
          autoFocus
          aria-invalid={tried && missing ? true : undefined}
          data-testid="review-notes-input"
          onChange={(e) => setNotes(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onDone(false);
            }
          }}
        />
        {tried && missing ? (
          <span className="field__error" role="alert" data-testid="review-notes-required">
            {t('kol.review.notesRequired')}
          </span>
        ) : null}
      </label>
      <div className="review-draft__buttons">
        <button type="button" className="btn btn--ghost" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className={mode === 'reject' ? 'btn btn--danger' : 'btn btn--primary'} disabled={busy} data-testid="review-notes-send">
          {mode === 'reject' ? t('kol.review.reject') : t('kol.review.requestChanges')}
        </button>
      </div>
    </form>
  );
}

/** Approve / reject / request changes while a post waits for review; Schedule once approved; its history always. */
export function ReviewActions({ post, notes, setNotes, onSchedule, onHistory, onDone }: { post: KolPostView; notes: NotesMode | null; setNotes: (mode: NotesMode | null) => void; onSchedule: () => void; onHistory: () => void; onDone: () => void }) {
  const t = useT();
  const pending = post.status === 'pending_review';
  return (
    <div className="review-actions" data-testid="review-actions">
      <div className="review-actions__row">
        {pending ? (
          <>
            <button type="button" className="btn btn--primary" data-testid="review-approve" onClick={() => void approvePosts([post.id]).then((ok) => ok && onDone())}>
              <Icon name="check" size={14} />
              {t('kol.review.approve')} <kbd>a</kbd>
            </button>
            <button type="button" className="btn btn--danger" aria-expanded={notes === 'reject'} data-testid="review-reject" onClick={() => setNotes('reject')}>
              {t('kol.review.reject')} <kbd>r</kbd>
            </button>
            <button type="button" className="btn btn--ghost" aria-expanded={notes === 'changes'} data-testid="review-request-changes" onClick={() => setNotes('changes')}>
              {t('kol.review.requestChanges')}
            </button>
          </>
        ) : null}
        {post.status === 'approved' ? (
          <button type="button" className="btn btn--primary" data-testid="review-schedule" onClick={onSchedule}>
            <Icon name="calendar" size={14} />
            {t('kol.review.schedule')}
          </button>
        ) : null}
        <button type="button" className="btn btn--ghost" data-testid="review-history" onClick={onHistory}>
          <Icon name="history" size={14} />
          {t('kol.review.history')}
        </button>
      </div>
      {pending && notes ? (
        <NotesBox
          key={`${post.id}-${notes}`}
          mode={notes}
          post={post}
          onDone={(sent) => {
            setNotes(null);
            if (sent) onDone();
          }}
        />
      ) : null}
    </div>
  );
}
