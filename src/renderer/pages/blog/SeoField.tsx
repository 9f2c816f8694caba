import { charCount } from '../../../shared/generate/platforms.js';
import { useT } from '../../i18n/index.js';

/** An SEO text with its character count against the search engines' limit. */
export function SeoField({ label, value, max, testId }: { label: string; value: string; max: number; testId: string }) {
  const t = useT();
  const count = charCount(value);
  return (
    <div className="seo-field" data-testid={testId}>
      <div className="seo-field__head">
        <span className="field__label">{label}</span>
        <span className={count > max ? 'seo-field__count seo-field__count--over' : 'seo-field__count'} data-testid={`${testId}-count`}>
          {t('blog.counter', { count, max })}
        </span>
      </div>
      <p className="seo-field__value" data-testid={`${testId}-value`}>
        {value}
      </p>
    </div>
  );
}
