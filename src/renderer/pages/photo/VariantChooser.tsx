import { useRef, useState, type KeyboardEvent } from 'react';
import type { PhotoVariantView } from '../../../shared/api/photo-contract.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { gridStep } from './gridStep.js';

/**
 * The 2×2 chooser: one tab stop, arrow keys move between the variants,
 * Enter or Space (or a click) chooses; each is named by its number and seed.
 */
export function VariantChooser({ variants, chosen, onChoose, testId = 'photo-variants' }: { variants: PhotoVariantView[]; chosen: number | null; onChoose: (seed: number) => void; testId?: string }) {
  const t = useT();
  const chosenAt = variants.findIndex((v) => v.seed === chosen);
  const [focus, setFocus] = useState(Math.max(0, chosenAt));
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const at = Math.min(focus, variants.length - 1);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, i: number) {
    const next = gridStep(event.key, i, variants.length);
    if (next === null) return;
    event.preventDefault();
    setFocus(next);
    refs.current[next]?.focus();
  }

  return (
    <div className="photo-chooser">
    <div className="photo-variants" role="radiogroup" aria-label={t('photo.results')} aria-describedby={`${testId}-hint`} data-testid={testId}>
      {variants.map((v, i) => {
        const label = t(v.draft ? 'photo.results.variantDraft' : 'photo.results.variant', { n: i + 1, seed: v.seed });
        const isChosen = v.seed === chosen;
        return (
          <button
            key={v.seed}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={isChosen}
            aria-label={label}
            tabIndex={i === at ? 0 : -1}
            className={isChosen ? 'photo-variant photo-variant--chosen' : 'photo-variant'}
            data-testid={`${testId}-${i}`}
            data-seed={v.seed}
            onKeyDown={(e) => onKeyDown(e, i)}
            onFocus={() => setFocus(i)}
            onClick={() => onChoose(v.seed)}
          >
            <img src={api().mediaUrl(v.file)} alt="" className="photo-variant__img" width={v.width} height={v.height} />
            <span className="photo-variant__tags">
              <span className="badge">{i + 1}</span>
              {v.draft ? <span className="badge badge--queued">{t('photo.results.draft')}</span> : null}
              {v.watermarked ? <span className="badge">{t('photo.results.watermark')}</span> : null}
              {v.replacement ? <span className="badge" title={t('photo.results.replacement')}>↻</span> : null}
              {isChosen ? <span className="badge badge--succeeded">{t('photo.results.chosen')}</span> : null}
            </span>
          </button>
        );
      })}
    </div>
      <p className="photo-variants__hint muted" id={`${testId}-hint`}>
        {t('photo.results.hint')}
      </p>
    </div>
  );
}
