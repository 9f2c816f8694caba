import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { KolPostTransition } from '../../../shared/kol/post-record.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { actorLabel, stateLabel } from './reviewText.js';

/** Every move of one post (kol.posts.get): from, to, who, when and the note, oldest first. */
export function HistoryDrawer({ postId, onClose }: { postId: string; onClose: () => void }) {
  const t = useT();
  const language = useLanguage();
  const [history, setHistory] = useState<KolPostTransition[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    api()
      .call('kol.posts.get', { id: postId })
      .then((r) => live && setHistory([...r.history].sort((a, b) => a.seq - b.seq)))
      .catch((err: unknown) => live && setError(errorInfoOf(err)));
    return () => {
      live = false;
    };
  }, [postId, attempt]);

  return (
    <Dialog
      title={t('kol.review.historyTitle')}
      onClose={onClose}
      testId="review-history-drawer"
      className="dialog--drawer"
      footer={
        <button type="button" className="btn btn--primary" data-autofocus="" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {error ? <ErrorPanel error={error} onRetry={() => setAttempt(attempt + 1)} testId="review-history-error" /> : null}
      {!error && history === null ? <SkeletonRows rows={3} testId="review-history-loading" /> : null}
      {history ? (
        <ol className="review-history">
          {history.map((h) => (
            <li key={h.seq} data-testid="review-history-row" data-to={h.to} data-actor={h.actor}>
              <span className="review-history__move">
                {h.from ? `${stateLabel(h.from, t)} → ` : ''}
                <strong>{stateLabel(h.to, t)}</strong>
              </span>
              <span className="muted small">
                {actorLabel(h.actor, t)} · {formatDateTime(h.at, language)}
              </span>
              {h.note ? <q className="review-history__note">{h.note}</q> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </Dialog>
  );
}
