import type { DraftContent } from '../../../shared/api/publish-contract.js';
import { PLATFORM_RULES, PUBLISH_PLATFORMS, type PublishPlatform } from '../../../shared/publish/platforms.js';
import type { PostOptions, PostPayload, PostProblem, PublishAccountView } from '../../../shared/publish/post.js';
import { hashtagCount, textLength, validatePost } from '../../../shared/publish/validate.js';
import type { ComposerMedia } from '../../stores/composerStore.js';

/**
 * The Composer's draft: written once, with what one platform changes (its own
 * text or title). Options are kept per platform already (postOptions has a key
 * for each), so they travel in the shared content.
 */
export interface ComposerDraft {
  text: string;
  title: string;
  media: ComposerMedia[];
  options: PostOptions;
  overrides: Partial<Record<PublishPlatform, { text?: string; title?: string }>>;
}

export function emptyDraft(): ComposerDraft {
  return { text: '', title: '', media: [], options: {}, overrides: {} };
}

/** The platforms of the chosen accounts, in the studio's platform order. */
export function platformsOf(accountIds: readonly string[], accounts: readonly PublishAccountView[]): PublishPlatform[] {
  const chosen = new Set(accounts.filter((a) => accountIds.includes(a.id)).map((a) => a.platform));
  return PUBLISH_PLATFORMS.filter((p) => chosen.has(p));
}

export function textFor(draft: ComposerDraft, platform: PublishPlatform): string {
  return draft.overrides[platform]?.text ?? draft.text;
}

export function titleFor(draft: ComposerDraft, platform: PublishPlatform): string {
  return draft.overrides[platform]?.title ?? draft.title;
}

function contentOf(text: string, title: string, draft: ComposerDraft): DraftContent {
  return { text, ...(title.trim() ? { title: title.trim() } : {}), media: draft.media.map((m) => m.source), options: draft.options };
}

/** What `publish.check` and `publish.create` take: the shared content, and a full content for each platform that changes something. */
export function requestOf(draft: ComposerDraft, platforms: readonly PublishPlatform[]): { content: DraftContent; perPlatform: Partial<Record<PublishPlatform, DraftContent>> } {
  const perPlatform: Partial<Record<PublishPlatform, DraftContent>> = {};
  for (const p of platforms) {
    const o = draft.overrides[p];
    if (o && (o.text !== undefined || o.title !== undefined)) perPlatform[p] = contentOf(textFor(draft, p), titleFor(draft, p), draft);
  }
  return { content: contentOf(draft.text, draft.title, draft), perPlatform };
}

/** The post one platform would receive, as far as the renderer knows the media (main's check is the one that counts). */
export function payloadFor(draft: ComposerDraft, platform: PublishPlatform): PostPayload {
  const title = titleFor(draft, platform).trim();
  return { text: textFor(draft, platform), ...(title ? { title } : {}), media: draft.media.map((m) => m.probe), options: draft.options };
}

export interface PlatformLimits {
  chars: { count: number; limit: number };
  hashtags: { count: number; limit: number | null };
  media: { count: number; limit: number };
  problems: PostProblem[];
}

/** The live figures a platform's tab shows, and every rule the post breaks there. */
export function limitsFor(draft: ComposerDraft, platform: PublishPlatform): PlatformLimits {
  const rules = PLATFORM_RULES[platform];
  const text = textFor(draft, platform);
  const payload = payloadFor(draft, platform);
  return {
    chars: { count: textLength(platform, text), limit: rules.maxText },
    hashtags: { count: hashtagCount(text), limit: rules.maxHashtags },
    media: { count: draft.media.length, limit: rules.maxMedia },
    // A generator's file is known here by its name only (size 0, no dimensions): its format is checked now, the rest by main.
    problems: validatePost(platform, payload),
  };
}
