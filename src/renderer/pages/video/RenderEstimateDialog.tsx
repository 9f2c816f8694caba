import type { TimelineOverview } from '../../../shared/api/contract.js';
import type { Quality } from '../../../shared/timeline.js';
import { Dialog } from '../../components/Dialog.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatBytes, formatMediaDuration, formatSeconds } from '../../lib/format.js';
import { renderEstimate } from '../../lib/videoRender.js';
import { QUALITY_KEYS } from './QualityPicker.js';

interface RenderEstimateDialogProps {
  overview: TimelineOverview;
  quality: Quality;
  onStart: () => void;
  onCancel: () => void;
}

/** What a render will make (length, frame, rough size) before it starts. */
export function RenderEstimateDialog({ overview, quality, onStart, onCancel }: RenderEstimateDialogProps) {
  const t = useT();
  const language = useLanguage();
  const estimate = renderEstimate(overview, quality);
  return (
    <Dialog
      title={t('video.estimate.title')}
      onClose={onCancel}
      testId="render-estimate"
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" data-autofocus="" data-testid="render-confirm" onClick={onStart}>
            {t('video.estimate.start')}
          </button>
        </>
      }
    >
      <dl className="meta-list">
        <div className="meta-list__row">
          <dt>{t('video.estimate.duration')}</dt>
          <dd data-testid="estimate-duration">
            {t('video.seconds', { seconds: formatSeconds(estimate.seconds, language) })}
            {estimate.seconds >= 60 ? ` (${formatMediaDuration(estimate.seconds)})` : null}
          </dd>
        </div>
        <div className="meta-list__row">
          <dt>{t('video.estimate.size')}</dt>
          <dd data-testid="estimate-size">
            {t('video.estimate.sizeValue', { width: estimate.width, height: estimate.height, fps: estimate.fps })}
          </dd>
        </div>
        <div className="meta-list__row">
          <dt>{t('video.estimate.scenes')}</dt>
          <dd>{estimate.scenes}</dd>
        </div>
        <div className="meta-list__row">
          <dt>{t('video.estimate.quality')}</dt>
          <dd data-testid="estimate-quality">{t(QUALITY_KEYS[quality])}</dd>
        </div>
        <div className="meta-list__row">
          <dt>{t('video.estimate.bytes')}</dt>
          <dd data-testid="estimate-bytes">{t('video.estimate.bytesValue', { size: formatBytes(estimate.bytes, language) })}</dd>
        </div>
      </dl>
      <p className="muted">{t('video.estimate.note')}</p>
    </Dialog>
  );
}
