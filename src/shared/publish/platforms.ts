/**
 * The eight platforms the studio publishes to (issue 13) and what each one
 * accepts. The rules are checked before anything is sent (the composer shows
 * them live; the worker checks again); each publisher may refine them with
 * what only the platform can tell (Instagram's publishing quota, TikTok's
 * creator_info limits).
 */
export const PUBLISH_PLATFORMS = ['instagram', 'facebook', 'threads', 'tiktok', 'linkedin', 'youtube', 'line', 'wordpress'] as const;
export type PublishPlatform = (typeof PUBLISH_PLATFORMS)[number];

/** The platforms' own names (brand names: the same in every language). */
export const PLATFORM_LABELS: Record<PublishPlatform, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  threads: 'Threads',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  line: 'LINE',
  wordpress: 'WordPress',
};

/** The vault connection a platform posts through: Instagram and Facebook Pages share one Meta login. */
export const VAULT_PLATFORM: Record<PublishPlatform, string> = {
  instagram: 'meta',
  facebook: 'meta',
  threads: 'threads',
  tiktok: 'tiktok',
  linkedin: 'linkedin',
  youtube: 'youtube',
  line: 'line-oa',
  wordpress: 'wordpress',
};

/** Platforms that fetch media from a public URL (so the file goes through cloud-sync's media relay first). */
export const FETCHES_MEDIA_BY_URL: Record<PublishPlatform, boolean> = {
  instagram: true,
  facebook: false,
  threads: true,
  tiktok: false,
  linkedin: false,
  youtube: false,
  line: true,
  wordpress: false,
};

export const MEDIA_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'mp4', 'mov', 'webm'] as const;
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

/** What a platform accepts in one post. Lengths count what the platform counts (hashtags included). */
export interface PlatformRules {
  /** Characters of the text (Unicode code points unless `countsUtf16`). */
  maxText: number;
  /** Whether at least one video or image is required. */
  needsMedia: boolean;
  maxMedia: number;
  maxHashtags: number | null;
  /** Whether images and videos may be mixed in one post (a carousel of both). */
  mixedMedia: boolean;
  image: { formats: MediaFormat[]; maxBytes: number; minAspect: number | null; maxAspect: number | null } | null;
  video: { formats: MediaFormat[]; maxBytes: number; minSeconds: number; maxSeconds: number; minAspect: number | null; maxAspect: number | null } | null;
  /** A title is required (YouTube, WordPress) and how long it may be. */
  title: { required: boolean; max: number } | null;
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

export const PLATFORM_RULES: Record<PublishPlatform, PlatformRules> = {
  // Graph API content publishing: JPEG only for images, aspect 4:5 … 1.91:1; Reels 3 s … 15 min; carousels of up to 10.
  instagram: {
    maxText: 2200,
    needsMedia: true,
    maxMedia: 10,
    maxHashtags: 30,
    mixedMedia: true,
    image: { formats: ['jpeg'], maxBytes: 8 * MB, minAspect: 4 / 5, maxAspect: 1.91 },
    video: { formats: ['mp4', 'mov'], maxBytes: 1 * GB, minSeconds: 3, maxSeconds: 15 * 60, minAspect: 0.01, maxAspect: 10 },
    title: null,
  },
  // Pages API: feed text ≤ 63,206 characters; photos via /photos; a video by the Video API's non-resumable upload (≤ 1 GB, ≤ 20 min).
  facebook: {
    maxText: 63_206,
    needsMedia: false,
    maxMedia: 10,
    maxHashtags: null,
    mixedMedia: false,
    image: { formats: ['jpeg', 'png', 'gif', 'webp'], maxBytes: 10 * MB, minAspect: null, maxAspect: null },
    video: { formats: ['mp4', 'mov', 'webm'], maxBytes: 1 * GB, minSeconds: 1, maxSeconds: 20 * 60, minAspect: null, maxAspect: null },
    title: null,
  },
  // Threads API: text ≤ 500 characters and one topic tag; JPEG/PNG ≤ 8 MB; MOV/MP4 ≤ 1 GB and ≤ 5 min; carousels of 2 … 20.
  threads: {
    maxText: 500,
    needsMedia: false,
    maxMedia: 20,
    maxHashtags: 1,
    mixedMedia: true,
    image: { formats: ['jpeg', 'png'], maxBytes: 8 * MB, minAspect: 1 / 10, maxAspect: 10 },
    video: { formats: ['mp4', 'mov'], maxBytes: 1 * GB, minSeconds: 0, maxSeconds: 5 * 60, minAspect: 1 / 10, maxAspect: 10 },
    title: null,
  },
  // Content Posting API (video): caption ≤ 2,200 UTF-16 units; ≤ 10 min (creator_info's max_video_post_duration_sec may be
  // less: the TikTok publisher's preflight asks); ≤ 4 GB; MP4, WebM, MOV.
  tiktok: {
    maxText: 2200,
    needsMedia: true,
    maxMedia: 1,
    maxHashtags: null,
    mixedMedia: false,
    image: null,
    video: { formats: ['mp4', 'mov', 'webm'], maxBytes: 4 * GB, minSeconds: 3, maxSeconds: 10 * 60, minAspect: null, maxAspect: null },
    title: null,
  },
  // Posts API: commentary ≤ 3,000; 2–20 images (multiImage) or one video; Videos API (organic): MP4, 3 s … 30 min, 75 KB … 500 MB,
  // aspect 1:2.4 … 2.4:1. Images are limited in pixels (< 36,152,320), checked by the LinkedIn publisher's preflight.
  linkedin: {
    maxText: 3000,
    needsMedia: false,
    maxMedia: 20,
    maxHashtags: null,
    mixedMedia: false,
    image: { formats: ['jpeg', 'png', 'gif'], maxBytes: 36 * MB, minAspect: null, maxAspect: null },
    video: { formats: ['mp4'], maxBytes: 500 * MB, minSeconds: 3, maxSeconds: 30 * 60, minAspect: 1 / 2.4, maxAspect: 2.4 },
    title: null,
  },
  // Data API v3: title ≤ 100 characters, description ≤ 5,000 bytes (the YouTube publisher's preflight checks bytes and < >);
  // more than 15 hashtags and YouTube ignores them all; a Short is vertical or square and ≤ 3 min.
  youtube: {
    maxText: 5000,
    needsMedia: true,
    maxMedia: 1,
    maxHashtags: 15,
    mixedMedia: false,
    image: null,
    video: { formats: ['mp4', 'mov', 'webm'], maxBytes: 256 * GB, minSeconds: 1, maxSeconds: 12 * 3600, minAspect: null, maxAspect: null },
    title: { required: true, max: 100 },
  },
  // Messaging API: one send carries ≤ 5 messages (the text and 4 media); a text message ≤ 5,000 UTF-16 units;
  // images JPEG/PNG ≤ 10 MB, videos mp4 ≤ 200 MB, both on HTTPS. Videos have had no length limit since
  // May 2020 (the 200 MB binds first); the hour here only keeps the number finite.
  line: {
    maxText: 5000,
    needsMedia: false,
    maxMedia: 4,
    maxHashtags: null,
    mixedMedia: true,
    image: { formats: ['jpeg', 'png'], maxBytes: 10 * MB, minAspect: null, maxAspect: null },
    video: { formats: ['mp4'], maxBytes: 200 * MB, minSeconds: 0, maxSeconds: 3600, minAspect: null, maxAspect: null },
    title: null,
  },
  wordpress: {
    maxText: 1_000_000,
    needsMedia: false,
    maxMedia: 1,
    maxHashtags: null,
    mixedMedia: false,
    image: { formats: ['jpeg', 'png', 'webp', 'gif'], maxBytes: 64 * MB, minAspect: null, maxAspect: null },
    video: null,
    title: { required: true, max: 200 },
  },
};

/** Environment variables that point a platform's API at another address (tests: loopback fakes). */
export const PUBLISH_BASE_URL_ENV: Record<Exclude<PublishPlatform, 'wordpress'>, string> = {
  instagram: 'KINGJAM_META_GRAPH_BASE_URL',
  facebook: 'KINGJAM_META_GRAPH_BASE_URL',
  threads: 'KINGJAM_THREADS_BASE_URL',
  tiktok: 'KINGJAM_TIKTOK_BASE_URL',
  linkedin: 'KINGJAM_LINKEDIN_BASE_URL',
  youtube: 'KINGJAM_YOUTUBE_BASE_URL',
  line: 'KINGJAM_LINE_BASE_URL',
};

/** WordPress posts to the user's own site: `1` lets a private or loopback site through the SSRF guard (tests, intranets). */
export const WORDPRESS_ALLOW_PRIVATE_ENV = 'KINGJAM_WORDPRESS_ALLOW_PRIVATE';

/** The real services' addresses (versions included where the API is versioned by path). */
export const PUBLISH_BASE_URL: Record<Exclude<PublishPlatform, 'wordpress'>, string> = {
  instagram: 'https://graph.facebook.com/v21.0',
  facebook: 'https://graph.facebook.com/v21.0',
  threads: 'https://graph.threads.net/v1.0',
  tiktok: 'https://open.tiktokapis.com',
  linkedin: 'https://api.linkedin.com',
  youtube: 'https://www.googleapis.com',
  line: 'https://api.line.me',
};

/**
 * How often the queue may start a publish to one account and to one platform
 * (all accounts of this studio together). The platform's own quota (Instagram's
 * content_publishing_limit, TikTok's 6 inits a minute) is read by the publisher.
 */
export const PUBLISH_RATE: Record<PublishPlatform, { perAccountPerMinute: number; perPlatformConcurrency: number }> = {
  instagram: { perAccountPerMinute: 10, perPlatformConcurrency: 4 },
  facebook: { perAccountPerMinute: 20, perPlatformConcurrency: 4 },
  threads: { perAccountPerMinute: 10, perPlatformConcurrency: 4 },
  tiktok: { perAccountPerMinute: 6, perPlatformConcurrency: 2 },
  linkedin: { perAccountPerMinute: 20, perPlatformConcurrency: 4 },
  youtube: { perAccountPerMinute: 5, perPlatformConcurrency: 2 },
  line: { perAccountPerMinute: 60, perPlatformConcurrency: 4 },
  wordpress: { perAccountPerMinute: 30, perPlatformConcurrency: 4 },
};
