/**
 * Message keys of publishing (issue 13), spread into MESSAGES (src/shared/messages.ts).
 * Each area keeps its own block so parallel work does not collide.
 */
export const PUBLISH_MESSAGES = {
  // Checking a post against a platform's rules (src/shared/publish/validate.ts).
  'publish.textTooLong': { params: ['platform', 'count', 'limit'], hint: true },
  'publish.textEmpty': { params: ['platform'], hint: true },
  'publish.titleMissing': { params: ['platform'], hint: true },
  'publish.titleTooLong': { params: ['platform', 'count', 'limit'], hint: true },
  'publish.tooManyHashtags': { params: ['platform', 'count', 'limit'], hint: true },
  'publish.mediaMissing': { params: ['platform'], hint: true },
  'publish.tooManyMedia': { params: ['platform', 'count', 'limit'], hint: true },
  'publish.mixedMedia': { params: ['platform'], hint: true },
  'publish.imageNotAccepted': { params: ['platform'], hint: true },
  'publish.videoNotAccepted': { params: ['platform'], hint: true },
  'publish.formatNotAccepted': { params: ['platform', 'name', 'format', 'accepted'], hint: true },
  'publish.fileTooLarge': { params: ['platform', 'name', 'size', 'limit'], hint: true },
  'publish.aspectOutOfRange': { params: ['platform', 'name', 'aspect', 'min', 'max'], hint: true },
  'publish.videoTooShort': { params: ['platform', 'name', 'seconds', 'min'], hint: true },
  'publish.videoTooLong': { params: ['platform', 'name', 'seconds', 'max'], hint: true },
  // Publishers shared: what any platform answered, classified (src/workers/publish/http.ts).
  'publish.platform.timeout': { params: ['platform', 'seconds'], hint: true },
  'publish.platform.unreachable': { params: ['platform', 'detail'], hint: true },
  'publish.platform.rateLimited': { params: ['platform', 'seconds'], hint: true },
  'publish.platform.unavailable': { params: ['platform', 'status'], hint: true },
  'publish.platform.tokenExpired': { params: ['platform'], hint: true },
  'publish.platform.disconnected': { params: ['platform', 'detail'], hint: true },
  'publish.platform.rejected': { params: ['platform', 'detail'], hint: true },
  'publish.platform.stillProcessing': { params: ['platform', 'minutes'], hint: true },
  // Instagram, Facebook Pages, Threads (src/workers/publish/meta/).
  'publish.meta.rateLimited': { params: ['platform', 'minutes'], hint: true },
  'publish.meta.quotaReached': { params: ['platform', 'minutes'], hint: true },
  'publish.meta.tokenExpired': { params: ['platform'], hint: true },
  'publish.meta.permission': { params: ['platform', 'detail'], hint: true },
  'publish.meta.temporary': { params: ['platform', 'detail'], hint: true },
  'publish.meta.mediaRejected': { params: ['platform', 'detail'], hint: true },
  'publish.meta.rejected': { params: ['platform', 'detail'], hint: true },
  'publish.meta.spam': { params: ['platform'], hint: true },
  'publish.meta.accountRestricted': { params: ['platform'], hint: true },
  'publish.meta.unexpected': { params: ['platform'], hint: true },
  'publish.meta.containerFailed': { params: ['platform', 'reason'], hint: true },
  'publish.meta.containerExpired': { params: ['platform'], hint: true },
  'publish.meta.quotaUsed': { params: ['platform', 'used', 'total', 'hours'], hint: true },
  'publish.meta.noTarget': { params: ['platform'], hint: true },
  'publish.meta.pageNotManaged': { params: ['page'], hint: true },
  'publish.meta.reelNeedsVideo': { params: [], hint: true },
  'publish.meta.storyOneMedia': { params: [], hint: true },
  'publish.meta.oneVideo': { params: ['platform'], hint: true },
  'publish.meta.linkWithMedia': { params: [], hint: true },
  // TikTok, YouTube, LinkedIn (src/workers/publish/{tiktok,youtube,linkedin}/).
  // LINE, WordPress (src/workers/publish/{line,wordpress}/) and the media relay (cloud-sync/src/relay/).
  // The outbox, scheduler, CSV import and CLI (src/main/publish/).
} as const;
