import { useId } from 'react';
import { INK_LIMITS, INK_SMOOTHING, type InkOptions } from '../../../shared/ink/options.js';
import { useT } from '../../i18n/index.js';

/** Step 2: thickening, paper removal, straightening and smoothing, with the worker's defaults. */
export function InkOptionsForm({ value, onChange }: { value: InkOptions; onChange: (next: InkOptions) => void }) {
  const t = useT();
  const ids = { thicken: useId(), smoothing: useId() };
  return (
    <div className="card ink-step" data-testid="ink-options">
      <h2 className="card__title">{t('ink.options.heading')}</h2>
      <div className="field-grid">
        <div className="field">
          <label className="field__label" htmlFor={ids.thicken}>
            {t('ink.options.thicken')}
          </label>
          <input
            id={ids.thicken}
            className="input input--number"
            type="number"
            min={0}
            max={INK_LIMITS.maxThicken}
            value={value.thicken}
            onChange={(e) => onChange({ ...value, thicken: Math.max(0, Math.min(INK_LIMITS.maxThicken, Math.round(Number(e.target.value) || 0))) })}
            data-testid="ink-thicken"
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.smoothing}>
            {t('ink.options.smoothing')}
          </label>
          <select id={ids.smoothing} className="select" value={value.smoothing} onChange={(e) => onChange({ ...value, smoothing: e.target.value as InkOptions['smoothing'] })} data-testid="ink-smoothing">
            {INK_SMOOTHING.map((s) => (
              <option key={s} value={s}>
                {t(`ink.smoothing.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="field-inline">
        <input type="checkbox" checked={value.removeBackground} onChange={(e) => onChange({ ...value, removeBackground: e.target.checked })} data-testid="ink-remove-background" />
        {t('ink.options.removeBackground')}
      </label>
      <label className="field-inline">
        <input type="checkbox" checked={value.deskew} onChange={(e) => onChange({ ...value, deskew: e.target.checked })} data-testid="ink-deskew" />
        {t('ink.options.deskew')}
      </label>
    </div>
  );
}
