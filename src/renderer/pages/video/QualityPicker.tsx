import { QUALITIES, type Quality } from '../../../shared/timeline.js';
import { useT, type MessageKey } from '../../i18n/index.js';

export const QUALITY_KEYS: Record<Quality, MessageKey> = {
  draft: 'video.quality.draft',
  standard: 'video.quality.standard',
  high: 'video.quality.high',
};

/** Draft / standard / high, as a segmented control. */
export function QualityPicker({
  value,
  disabled,
  onChange,
}: {
  value: Quality;
  disabled: boolean;
  onChange: (quality: Quality) => void;
}) {
  const t = useT();
  return (
    <div className="field-inline">
      <span>{t('video.quality')}</span>
      <div className="segmented" role="group" aria-label={t('video.quality')} data-testid="render-quality">
        {QUALITIES.map((quality) => (
          <button
            key={quality}
            type="button"
            className={quality === value ? 'segmented__item segmented__item--active' : 'segmented__item'}
            aria-pressed={quality === value}
            disabled={disabled}
            data-testid={`quality-${quality}`}
            onClick={() => onChange(quality)}
          >
            {t(QUALITY_KEYS[quality])}
          </button>
        ))}
      </div>
    </div>
  );
}
