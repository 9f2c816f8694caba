import { useState } from 'react';
import type { KolPostView } from '../../../shared/kol/post-record.js';
import { useT } from '../../i18n/index.js';
import { ChipsInput } from '../kol-personas/ChipsInput.js';
import { editPost } from './reviewActions.js';
import { hashtagsOf, isEditable, riskLabel } from './reviewText.js';
import { riskSegments } from './riskMarks.js';

/** The content with each matched risky phrase in a <mark> of its category. */
function MarkedText({ post }: { post: KolPostView }) {
  const t = useT();
  const segments = riskSegments(post.content, post.scores?.risk.matches ?? []);
  return (
    <div className="review-draft__content" data-testid="review-draft-content">
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} className={`risk-${s.match.category}`} data-level={s.match.level} title={`${t(`kol.review.category.${s.match.category}`)} · ${riskLabel(s.match.level, t)}`}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </div>
  );
}

function Editor({ post, onDone }: { post: KolPostView; onDone: () => void }) {
  const t = useT();
  const [title, setTitle] = useState(post.title);
  const [content, setContent] = useState(post.content);
  const [tags, setTags] = useState(post.tags);
  const [busy, setBusy] = useState(false);
  const empty = content.trim() === '';

  async function save() {
    setBusy(true);
    const ok = await editPost(post.id, { title, content, tags });
    setBusy(false);
    if (ok) onDone();
  }

  return (
    <form
      className="review-draft__editor"
      data-testid="review-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <label className="field">
        <span className="field__label">{t('kol.review.field.title')}</span>
        <input className="input" value={title} maxLength={300} data-testid="review-edit-title" onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">{t('kol.review.field.content')}</span>
        <textarea className="input textarea" rows={10} value={content} autoFocus data-testid="review-edit-content" onChange={(e) => setContent(e.target.value)} />
        {empty ? (
          <span className="field__error" role="alert">
            {t('kol.review.contentRequired')}
          </span>
        ) : null}
      </label>
      <ChipsInput label={t('kol.review.field.tags')} values={tags} max={30} maxLength={60} testId="review-edit-tags" onChange={setTags} />
      <div className="review-draft__buttons">
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy || empty} data-testid="review-edit-save">
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** The draft as written, edited in place while it is still under review. */
export function DraftPanel({ post, editing, setEditing }: { post: KolPostView; editing: boolean; setEditing: (editing: boolean) => void }) {
  const t = useT();
  if (editing && isEditable(post)) return <Editor key={post.id} post={post} onDone={() => setEditing(false)} />;
  return (
    <div className="review-draft" data-testid="review-draft">
      <div className="review-draft__head">
        <h2 className="card__title" data-testid="review-draft-title">
          {post.title || post.topic}
        </h2>
        {isEditable(post) ? (
          <button type="button" className="btn btn--ghost btn--small" data-testid="review-edit" onClick={() => setEditing(true)}>
            {t('kol.review.edit')} <kbd>e</kbd>
          </button>
        ) : null}
      </div>
      <MarkedText post={post} />
      {post.tags.length > 0 ? <p className="review-draft__tags">{hashtagsOf(post.tags).join(' ')}</p> : null}
      {post.reviewerNotes ? (
        <p className="review-draft__notes" data-testid="review-draft-notes">
          <strong>{t('kol.review.notes')}:</strong> {post.reviewerNotes}
        </p>
      ) : null}
    </div>
  );
}
