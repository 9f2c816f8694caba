import { Dialog } from '../../components/Dialog.js';
import { useT } from '../../i18n/index.js';
import { REVIEW_KEYS } from './useReviewKeys.js';

/** The Review page's keys (opened with ?). */
export function ReviewShortcuts({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <Dialog
      title={t('kol.review.keys.title')}
      onClose={onClose}
      testId="review-shortcuts"
      footer={
        <button type="button" className="btn btn--primary" data-autofocus="" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <dl className="shortcut-list">
        {REVIEW_KEYS.map((k) => (
          <div key={k.key} className="shortcut-list__row">
            <dt>
              <kbd>{k.key}</kbd>
            </dt>
            <dd>{t(`kol.review.keys.${k.action}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t('kol.review.keys.notTyping')}</p>
    </Dialog>
  );
}
