import { useState } from 'react';
import type { KolPostView } from '../../../shared/kol/post-record.js';
import { scoredText } from '../../../shared/kol/score/index.js';
import type { RiskMatch } from '../../../shared/kol/scores.js';
import { useT } from '../../i18n/index.js';
import { ChipsInput } from '../kol-personas/ChipsInput.js';
import { editPost } from './reviewActions.js';
import { hashtagsOf, isEditable, riskLabel } from './reviewText.js';
import { highlightSegments } from '../kol-rules/highlight.js';

/** Text with each matched risky phrase in a <mark> of its category (`risk-<category>`), named by category and level. */
function Marked({ text, matches, testId }: { text: string; matches: RiskMatch[]; testId: string }) {
  const t = useT();
  return (
    <span data-testid={testId}>
      {highlightSegments(text, matches).map((s, i) =>
        s.match ? (
          <mark key={i} className={`risk-${s.match.category}`} data-level={s.match.level} data-rule={s.match.ruleId} title={`${t(`kolscore.category.${s.match.category}`)} · ${riskLabel(s.match.level, t)}`}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}

/**
 * The matches of the title and of the content, each with offsets into its own
 * text: the scorer indexes the title and the content joined as `scoredText`.
 */
function splitMatches(post: KolPostView): { title: RiskMatch[]; content: RiskMatch[] } {
  const matches = post.scores?.risk.matches ?? [];
  const base = scoredText({ text: post.content, title: post.title }).length - post.content.length;
  return {
    title: matches.filter((m) => m.end <= post.title.trim().length),
    content: matches.filter((m) => m.start >= base).map((m) => ({ ...m, start: m.start - base, end: m.end - base })),
  };
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
  const marks = splitMatches(post);
  return (
    <div className="review-draft" data-testid="review-draft">
      <div className="review-draft__head">
        <h2 className="card__title">{post.title ? <Marked text={post.title.trim()} matches={marks.title} testId="review-draft-title" /> : post.topic}</h2>
        {isEditable(post) ? (
          <button type="button" className="btn btn--ghost btn--small" data-testid="review-edit" onClick={() => setEditing(true)}>
            {t('kol.review.edit')} <kbd>e</kbd>
          </button>
        ) : null}
      </div>
      <div className="review-draft__content">
        <Marked text={post.content} matches={marks.content} testId="review-draft-content" />
      </div>
      {post.tags.length > 0 ? <p className="review-draft__tags">{hashtagsOf(post.tags).join(' ')}</p> : null}
      {post.reviewerNotes ? (
        <p className="review-draft__notes" data-testid="review-draft-notes">
          <strong>{t('kol.review.notes')}:</strong> {post.reviewerNotes}
        </p>
      ) : null}
    </div>
  );
}
