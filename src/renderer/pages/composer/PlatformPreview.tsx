import { Fragment } from 'react';
import { PLATFORM_LABELS, type PublishPlatform } from '../../../shared/publish/platforms.js';
import type { PostOptions } from '../../../shared/publish/post.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import type { ComposerMedia } from '../../stores/composerStore.js';
import { useShowUrl } from './MediaPicker.js';

/** How much of the text each feed shows before "more" (roughly what the apps show on a phone). */
const FOLD: Record<PublishPlatform, number> = { instagram: 125, facebook: 480, threads: 500, tiktok: 150, linkedin: 210, youtube: 160, line: 5000, wordpress: 300 };

/** The text as the feed shows it: hashtags and links highlighted, cut at the fold. */
function FeedText({ text, fold }: { text: string; fold: number }) {
  const t = useT();
  const chars = [...text];
  const shown = chars.length > fold ? chars.slice(0, fold).join('') : text;
  const parts = shown.split(/((?:^|\s)#[\p{L}\p{N}_]+|https?:\/\/\S+)/u);
  return (
    <p className="preview-card__text">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="preview-card__tag">
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
      {chars.length > fold ? <span className="preview-card__more">… {t('scheduler.composer.more')}</span> : null}
    </p>
  );
}

function aspectClass(platform: PublishPlatform, options: PostOptions): string {
  if (platform === 'tiktok' || (platform === 'youtube' && options.youtube?.short)) return 'preview-card__media--tall';
  if (platform === 'instagram') return options.instagram?.kind === 'feed' || !options.instagram ? 'preview-card__media--portrait' : 'preview-card__media--tall';
  if (platform === 'youtube') return 'preview-card__media--wide';
  return '';
}

/** A card that looks like the platform's feed item: who posts, the media, the title and the text as it will read. */
export function PlatformPreview({ platform, accountName, text, title, media, options }: { platform: PublishPlatform; accountName: string; text: string; title: string; media: ComposerMedia[]; options: PostOptions }) {
  const t = useT();
  const urlOf = useShowUrl();
  const first = media[0];
  const url = first ? urlOf(first.showFile) : null;
  const titleFirst = platform === 'wordpress';
  return (
    <figure className={`preview-card preview-card--${platform}`} data-testid={`preview-${platform}`} aria-label={t('scheduler.composer.previewOf', { platform: PLATFORM_LABELS[platform] })}>
      <header className="preview-card__head">
        <span className="preview-card__avatar" aria-hidden="true">
          {(accountName[0] ?? '?').toUpperCase()}
        </span>
        <span>
          <strong>{accountName}</strong>
          <span className="preview-card__platform">{PLATFORM_LABELS[platform]}</span>
        </span>
      </header>
      {titleFirst && title ? <h4 className="preview-card__title">{title}</h4> : null}
      {first ? (
        <div className={`preview-card__media ${aspectClass(platform, options)}`}>
          {url ? <img src={url} alt={first.name} /> : <Icon name={first.probe.kind} size={40} />}
          {media.length > 1 ? <span className="preview-card__count">1 / {media.length}</span> : null}
        </div>
      ) : null}
      {!titleFirst && title ? <h4 className="preview-card__title">{title}</h4> : null}
      {text ? <FeedText text={text} fold={FOLD[platform]} /> : <p className="muted">{t('scheduler.noText')}</p>}
    </figure>
  );
}
