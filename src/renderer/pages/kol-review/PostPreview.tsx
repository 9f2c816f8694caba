import type { KolPostView } from '../../../shared/kol/post-record.js';
import { PLATFORM_LABELS, PLATFORM_RULES } from '../../../shared/publish/platforms.js';
import { hashtagCount, textLength } from '../../../shared/publish/validate.js';
import { useT } from '../../i18n/index.js';
import { useKolPersonaStore } from '../../stores/kolPersonaStore.js';
import { PlatformPreview } from '../composer/PlatformPreview.js';

function Meter({ label, count, limit, testId }: { label: string; count: number; limit: number | null; testId: string }) {
  const over = limit !== null && count > limit;
  return (
    <span className={over ? 'limit-meter limit-meter--over' : 'limit-meter'} data-testid={testId} data-over={over}>
      {label} <strong>{count}</strong>
      {limit !== null ? ` / ${limit}` : ''}
    </span>
  );
}

/**
 * How the post will read on its account's platform (the account it is
 * scheduled to, else the persona's first): the Composer's feed card, with the
 * characters and hashtags counted as the platform counts them.
 */
export function PostPreview({ post }: { post: KolPostView }) {
  const t = useT();
  const { personas, accounts } = useKolPersonaStore();
  const persona = personas.find((p) => p.id === post.personaId);
  const accountId = post.accountId ?? persona?.accountIds[0] ?? null;
  const account = accounts.find((a) => a.id === accountId);
  const platform = post.platform ?? account?.platform ?? null;
  if (!platform) {
    return (
      <p className="muted" data-testid="review-preview-none">
        {t('kol.review.noAccount')}
      </p>
    );
  }
  // What the outbox sends is the content as written (its hashtags are part of it); the tags are the record's own.
  const text = post.content;
  const rules = PLATFORM_RULES[platform];
  const length = textLength(platform, text);
  const tooLong = length > rules.maxText;
  return (
    <div className="review-preview" data-testid="review-preview" data-platform={platform}>
      <PlatformPreview platform={platform} accountName={account?.displayName ?? post.personaNickname} text={tooLong ? [...text].slice(0, rules.maxText).join('') : text} title={post.title} media={[]} options={{}} />
      <div className="review-preview__meters">
        <Meter label={t('kol.review.chars')} count={length} limit={rules.maxText} testId="review-preview-chars" />
        <Meter label={t('kol.review.hashtags')} count={hashtagCount(text)} limit={rules.maxHashtags} testId="review-preview-hashtags" />
      </div>
      {tooLong ? (
        <p className="field__error" role="alert" data-testid="review-preview-too-long">
          {t('kol.review.tooLong', { platform: PLATFORM_LABELS[platform], limit: rules.maxText })}
        </p>
      ) : null}
    </div>
  );
}
