import type { SocialVariant } from '../../../shared/generate/requests.js';
import { charCount, postText as composePost } from '../../../shared/generate/platforms.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';

/** The text a post publishes: the caption, then its hashtags. */
export function postText(variant: SocialVariant): string {
  return composePost(variant.caption, variant.hashtags);
}

/** One caption variant with its length against the platform's limit, and the button that chooses it. */
export function VariantCard({ variant, index, max, chosen, onChoose, onSchedule }: { variant: SocialVariant; index: number; max: number; chosen: boolean; onChoose: () => void; onSchedule: () => void }) {
  const t = useT();
  const count = charCount(postText(variant));
  const over = count > max;
  return (
    <article className={chosen ? 'variant-card variant-card--chosen' : 'variant-card'} data-testid="social-variant" data-chosen={chosen ? 'true' : 'false'}>
      <div className="variant-card__head">
        <strong>{t('social.variant', { n: index + 1 })}</strong>
        <span className={over ? 'variant-card__count variant-card__count--over' : 'variant-card__count'} data-testid="social-variant-count">
          {t('social.chars', { count, max })}
          {over ? ` · ${t('social.overLimit')}` : ''}
        </span>
      </div>
      <p className="variant-card__caption" data-testid="social-variant-caption">
        {variant.caption}
      </p>
      {variant.hashtags.length ? (
        <div className="gen-tags" data-testid="social-variant-tags">
          {variant.hashtags.map((h) => (
            <span key={h} className="gen-tag">
              {h.startsWith('#') ? h : `#${h}`}
            </span>
          ))}
        </div>
      ) : null}
      <button type="button" className={chosen ? 'btn btn--primary btn--small' : 'btn btn--ghost btn--small'} data-testid="social-choose" onClick={onChoose}>
        <Icon name={chosen ? 'check' : 'copy'} size={14} />
        {chosen ? t('social.chosen') : t('social.choose')}
      </button>
      <button type="button" className="btn btn--ghost btn--small" data-testid="social-schedule" onClick={onSchedule}>
        <Icon name="calendar" size={14} />
        {t('scheduler.scheduleFromSocial')}
      </button>
    </article>
  );
}
