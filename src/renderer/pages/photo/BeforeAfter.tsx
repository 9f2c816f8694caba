import { useId, useState } from 'react';
import { useT } from '../../i18n/index.js';
import { api } from '../../api/index.js';

/**
 * The repaired (both are library paths, '/'-separated) photo over the original, split where the slider is: a native
 * range input, so keyboard and screen readers work as with any slider.
 */
export function BeforeAfter({ before, after, testId = 'photo-before-after' }: { before: string; after: string; testId?: string }) {
  const t = useT();
  const id = useId();
  const [split, setSplit] = useState(50);
  const beforeUrl = api().mediaUrl(before);
  const afterUrl = api().mediaUrl(after);
  return (
    <figure className="photo-compare" data-testid={testId}>
      <div className="photo-compare__stage">
        <img src={afterUrl} alt={t('photo.repair.after')} className="photo-compare__img" data-testid={`${testId}-after`} />
        <img
          src={beforeUrl}
          alt={t('photo.repair.before')}
          className="photo-compare__img photo-compare__img--before"
          style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
          data-testid={`${testId}-before`}
        />
        <span className="photo-compare__line" style={{ left: `${split}%` }} aria-hidden="true" />
        <span className="photo-compare__tag photo-compare__tag--before" aria-hidden="true">
          {t('photo.repair.before')}
        </span>
        <span className="photo-compare__tag photo-compare__tag--after" aria-hidden="true">
          {t('photo.repair.after')}
        </span>
      </div>
      <label className="visually-hidden" htmlFor={id}>
        {t('photo.repair.slider')}
      </label>
      <input id={id} type="range" min={0} max={100} value={split} className="photo-compare__range" data-testid={`${testId}-range`} onChange={(e) => setSplit(Number(e.target.value))} />
    </figure>
  );
}
