import { useId, type ReactNode } from 'react';
import type { PublishPlatform } from '../../../shared/publish/platforms.js';
import type { PostOptions } from '../../../shared/publish/post.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { Segmented } from '../generate/fields.js';

type Opt<P extends keyof PostOptions> = NonNullable<PostOptions[P]>;

/** The platforms' own defaults (as postOptionsSchema fills them), shown before the user changes anything. */
export const OPTION_DEFAULTS: { [P in keyof PostOptions]-?: Opt<P> } = {
  instagram: { kind: 'feed' },
  facebook: {},
  tiktok: { mode: 'direct', privacy: 'SELF_ONLY', disableComment: false, disableDuet: false, disableStitch: false },
  youtube: { privacy: 'private', short: false, categoryId: '22', tags: [] },
  linkedin: { visibility: 'PUBLIC' },
  line: { mode: 'broadcast', to: [] },
  wordpress: { status: 'publish', categories: [], tags: [], format: 'markdown' },
};

const TIKTOK_PRIVACY = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;
const YOUTUBE_PRIVACY = ['private', 'unlisted', 'public'] as const;
const WORDPRESS_STATUS = ['publish', 'draft', 'pending', 'private'] as const;

const words = (value: string): string[] =>
  value
    .split(/[,，、]/)
    .map((w) => w.trim())
    .filter(Boolean);

function SelectField<T extends string>({ label, value, options, testId, disabled, onChange }: { label: string; value: T; options: readonly { value: T; label: string }[]; testId: string; disabled?: boolean; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select" value={value} disabled={disabled} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function ListField({ label, value, testId, onChange }: { label: string; value: string[]; testId: string; onChange: (v: string[]) => void }) {
  const id = useId();
  const t = useT();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input" defaultValue={value.join(', ')} placeholder={t('scheduler.composer.commaSeparated')} data-testid={testId} onBlur={(e) => onChange(words(e.target.value))} />
    </div>
  );
}

/**
 * What only one platform asks: Instagram feed/reel/story, TikTok's privacy
 * (private only for an unaudited app, said here), YouTube's privacy and Short,
 * WordPress's categories and tags, a Facebook link, LinkedIn's audience.
 */
export function PlatformOptions({ platform, options, privateOnly, onChange }: { platform: PublishPlatform; options: PostOptions; privateOnly: boolean; onChange: (options: PostOptions) => void }) {
  const t = useT();
  function set<P extends keyof PostOptions>(key: P, patch: Partial<Opt<P>>) {
    onChange({ ...options, [key]: { ...OPTION_DEFAULTS[key], ...options[key], ...patch } });
  }
  let body: ReactNode = null;
  if (platform === 'instagram') {
    const o = { ...OPTION_DEFAULTS.instagram, ...options.instagram };
    body = (
      <Segmented
        label={t('scheduler.composer.igKind')}
        testId="option-instagram-kind"
        value={o.kind}
        onChange={(kind) => set('instagram', { kind })}
        options={(['feed', 'reel', 'story'] as const).map((k) => ({ value: k, label: t(`scheduler.composer.igKind.${k}`) }))}
      />
    );
  } else if (platform === 'tiktok') {
    const o = { ...OPTION_DEFAULTS.tiktok, ...options.tiktok };
    body = (
      <>
        <SelectField label={t('scheduler.composer.privacy')} testId="option-tiktok-privacy" value={privateOnly ? 'SELF_ONLY' : o.privacy} disabled={privateOnly} onChange={(privacy) => set('tiktok', { privacy })} options={TIKTOK_PRIVACY.map((p) => ({ value: p, label: t(`scheduler.composer.tiktokPrivacy.${p}`) }))} />
        <SelectField label={t('scheduler.composer.tiktokMode')} testId="option-tiktok-mode" value={o.mode} onChange={(mode) => set('tiktok', { mode })} options={(['direct', 'inbox'] as const).map((m) => ({ value: m, label: t(`scheduler.composer.tiktokMode.${m}`) }))} />
        {privateOnly ? (
          <p className="platform-note" role="note" data-testid="tiktok-private-note">
            <Icon name="warning" size={14} />
            {t('scheduler.composer.tiktokPrivateOnly')}
          </p>
        ) : null}
      </>
    );
  } else if (platform === 'youtube') {
    const o = { ...OPTION_DEFAULTS.youtube, ...options.youtube };
    body = (
      <>
        <SelectField label={t('scheduler.composer.privacy')} testId="option-youtube-privacy" value={o.privacy} onChange={(privacy) => set('youtube', { privacy })} options={YOUTUBE_PRIVACY.map((p) => ({ value: p, label: t(`scheduler.composer.youtubePrivacy.${p}`) }))} />
        <label className="checkbox-field">
          <input type="checkbox" checked={o.short} data-testid="option-youtube-short" onChange={(e) => set('youtube', { short: e.target.checked })} />
          {t('scheduler.composer.youtubeShort')}
        </label>
        <ListField label={t('scheduler.composer.tags')} testId="option-youtube-tags" value={o.tags} onChange={(tags) => set('youtube', { tags })} />
      </>
    );
  } else if (platform === 'wordpress') {
    const o = { ...OPTION_DEFAULTS.wordpress, ...options.wordpress };
    body = (
      <>
        <SelectField label={t('scheduler.composer.wpStatus')} testId="option-wordpress-status" value={o.status} onChange={(status) => set('wordpress', { status })} options={WORDPRESS_STATUS.map((s) => ({ value: s, label: t(`scheduler.composer.wpStatus.${s}`) }))} />
        <ListField label={t('scheduler.composer.categories')} testId="option-wordpress-categories" value={o.categories} onChange={(categories) => set('wordpress', { categories })} />
        <ListField label={t('scheduler.composer.tags')} testId="option-wordpress-tags" value={o.tags} onChange={(tags) => set('wordpress', { tags })} />
      </>
    );
  } else if (platform === 'facebook') {
    body = (
      <div className="field">
        <label className="field__label" htmlFor="option-facebook-link">
          {t('scheduler.composer.fbLink')}
        </label>
        <input
          id="option-facebook-link"
          className="input"
          type="url"
          defaultValue={options.facebook?.link ?? ''}
          placeholder="https://"
          onBlur={(e) => {
            const link = e.target.value.trim();
            onChange({ ...options, facebook: /^https?:\/\/\S+$/.test(link) ? { link } : {} });
          }}
        />
      </div>
    );
  } else if (platform === 'linkedin') {
    const o = { ...OPTION_DEFAULTS.linkedin, ...options.linkedin };
    body = <SelectField label={t('scheduler.composer.liVisibility')} testId="option-linkedin-visibility" value={o.visibility} onChange={(visibility) => set('linkedin', { visibility })} options={(['PUBLIC', 'CONNECTIONS'] as const).map((v) => ({ value: v, label: t(`scheduler.composer.liVisibility.${v}`) }))} />;
  } else if (platform === 'line') {
    body = <p className="muted">{t('scheduler.composer.lineBroadcast')}</p>;
  }
  return body ? <div className="platform-options" data-testid={`options-${platform}`}>{body}</div> : null;
}
