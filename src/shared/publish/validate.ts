import { say } from '../messages.js';
import { PLATFORM_LABELS, PLATFORM_RULES, type MediaFormat, type PublishPlatform } from './platforms.js';
import type { PostMedia, PostPayload, PostProblem } from './post.js';

/**
 * Checks a post against a platform's rules before anything is sent: the
 * composer shows the result live, main refuses to schedule a post with
 * problems, and the worker checks again (rules can change between scheduling
 * and publishing). Every problem says what to change.
 */

const HASHTAG = /(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu;

/** What a platform counts: TikTok and LINE (Messaging API, "Character counting in a text") count UTF-16 units, the others characters. */
export function textLength(platform: PublishPlatform, text: string): number {
  return platform === 'tiktok' || platform === 'line' ? text.length : [...text].length;
}

export function hashtagCount(text: string): number {
  return [...text.matchAll(HASHTAG)].length;
}

const FORMAT_BY_MIME: Record<string, MediaFormat> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
};

export function mediaFormat(mime: string): MediaFormat | null {
  return FORMAT_BY_MIME[mime.toLowerCase()] ?? null;
}

const fileName = (m: PostMedia): string => m.path.split(/[\\/]/).pop() ?? m.path;
const round2 = (n: number): number => Math.round(n * 100) / 100;
const mb = (bytes: number): string => `${round2(bytes / (1024 * 1024))} MB`;

/** Instagram Stories are full screen (9:16 recommended): the feed's 4:5 … 1.91:1 image range does not apply to them. */
function checksAspect(platform: PublishPlatform, post: PostPayload): boolean {
  return !(platform === 'instagram' && post.options.instagram?.kind === 'story');
}

function mediaProblems(platform: PublishPlatform, m: PostMedia, field: string, checkAspect: boolean): PostProblem[] {
  const rules = PLATFORM_RULES[platform];
  const spec = m.kind === 'image' ? rules.image : rules.video;
  if (!spec) return [{ field, message: say(m.kind === 'image' ? 'publish.imageNotAccepted' : 'publish.videoNotAccepted', { platform }) }];
  const out: PostProblem[] = [];
  const name = fileName(m);
  const format = mediaFormat(m.mime);
  if (!format || !spec.formats.includes(format)) {
    out.push({ field, message: say('publish.formatNotAccepted', { platform: PLATFORM_LABELS[platform], name, format: format ?? m.mime, accepted: spec.formats.join(', ') }) });
  }
  if (m.bytes > spec.maxBytes) out.push({ field, message: say('publish.fileTooLarge', { platform: PLATFORM_LABELS[platform], name, size: mb(m.bytes), limit: mb(spec.maxBytes) }) });
  if (checkAspect && m.width && m.height && (spec.minAspect !== null || spec.maxAspect !== null)) {
    const aspect = m.width / m.height;
    const min = spec.minAspect ?? 0;
    const max = spec.maxAspect ?? Infinity;
    // A hundredth of slack: 1080×1350 is 4:5 even when the encoder rounded a pixel.
    if (aspect < min - 0.01 || aspect > max + 0.01) {
      out.push({ field, message: say('publish.aspectOutOfRange', { platform: PLATFORM_LABELS[platform], name, aspect: round2(aspect), min: round2(min), max: Number.isFinite(max) ? round2(max) : '∞' }) });
    }
  }
  if (m.kind === 'video' && rules.video && m.durationSeconds !== null) {
    if (m.durationSeconds < rules.video.minSeconds) out.push({ field, message: say('publish.videoTooShort', { platform: PLATFORM_LABELS[platform], name, seconds: round2(m.durationSeconds), min: rules.video.minSeconds }) });
    if (m.durationSeconds > rules.video.maxSeconds) out.push({ field, message: say('publish.videoTooLong', { platform: PLATFORM_LABELS[platform], name, seconds: round2(m.durationSeconds), max: rules.video.maxSeconds }) });
  }
  return out;
}

export function validatePost(platform: PublishPlatform, post: PostPayload): PostProblem[] {
  const rules = PLATFORM_RULES[platform];
  const out: PostProblem[] = [];
  const length = textLength(platform, post.text);
  if (length > rules.maxText) out.push({ field: 'text', message: say('publish.textTooLong', { platform: PLATFORM_LABELS[platform], count: length, limit: rules.maxText }) });
  if (rules.maxHashtags !== null) {
    const tags = hashtagCount(post.text);
    if (tags > rules.maxHashtags) out.push({ field: 'text', message: say('publish.tooManyHashtags', { platform: PLATFORM_LABELS[platform], count: tags, limit: rules.maxHashtags }) });
  }
  if (rules.title) {
    const title = (post.title ?? '').trim();
    if (rules.title.required && title === '') out.push({ field: 'title', message: say('publish.titleMissing', { platform: PLATFORM_LABELS[platform] }) });
    const titleLength = [...title].length;
    if (titleLength > rules.title.max) out.push({ field: 'title', message: say('publish.titleTooLong', { platform: PLATFORM_LABELS[platform], count: titleLength, limit: rules.title.max }) });
  }
  if (post.media.length === 0) {
    if (rules.needsMedia) out.push({ field: 'media', message: say('publish.mediaMissing', { platform: PLATFORM_LABELS[platform] }) });
    else if (post.text.trim() === '') out.push({ field: 'text', message: say('publish.textEmpty', { platform: PLATFORM_LABELS[platform] }) });
  }
  if (post.media.length > rules.maxMedia) out.push({ field: 'media', message: say('publish.tooManyMedia', { platform: PLATFORM_LABELS[platform], count: post.media.length, limit: rules.maxMedia }) });
  if (!rules.mixedMedia && new Set(post.media.map((m) => m.kind)).size > 1) out.push({ field: 'media', message: say('publish.mixedMedia', { platform: PLATFORM_LABELS[platform] }) });
  const checkAspect = checksAspect(platform, post);
  post.media.forEach((m, i) => out.push(...mediaProblems(platform, m, `media.${i}`, checkAspect)));
  return out;
}
