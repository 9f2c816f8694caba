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
  // TikTok, YouTube, LinkedIn (src/workers/publish/{tiktok,youtube,linkedin}/).
  'publish.video.tiktok.privacyNotAllowed': { params: ['privacy', 'allowed'], hint: true },
  'publish.video.tiktok.tooLongForCreator': { params: ['name', 'seconds', 'max'], hint: true },
  'publish.video.tiktok.dailyCap': { params: [], hint: true },
  'publish.video.tiktok.appDailyCap': { params: [], hint: true },
  'publish.video.tiktok.pendingShares': { params: [], hint: true },
  'publish.video.tiktok.banned': { params: [], hint: true },
  'publish.video.tiktok.privateOnly': { params: [], hint: true },
  'publish.video.tiktok.processingFailed': { params: ['reason'], hint: true },
  'publish.video.fileMissing': { params: ['name'], hint: true },
  'publish.video.youtube.longUploadsNotAllowed': { params: ['name', 'minutes'], hint: true },
  'publish.video.youtube.shortNotVertical': { params: ['name', 'width', 'height'], hint: true },
  'publish.video.youtube.shortTooLong': { params: ['name', 'seconds'], hint: true },
  'publish.video.youtube.descriptionTooLong': { params: ['bytes', 'limit'], hint: true },
  'publish.video.youtube.angleBrackets': { params: [], hint: true },
  'publish.video.youtube.quotaExceeded': { params: [], hint: true },
  'publish.video.youtube.uploadLimit': { params: [], hint: true },
  'publish.video.youtube.noChannel': { params: [], hint: true },
  'publish.video.linkedin.oneVideo': { params: ['count'], hint: true },
  'publish.video.linkedin.tooManyPixels': { params: ['name', 'width', 'height'], hint: true },
  'publish.video.linkedin.videoFailed': { params: [], hint: true },
  'publish.video.linkedin.duplicate': { params: ['url'], hint: true },
  'publish.video.linkedin.cannotVerify': { params: [], hint: true },
  'publish.video.linkedin.versionSunset': { params: ['version'], hint: true },
  // LINE, WordPress (src/workers/publish/{line,wordpress}/) and the media relay (cloud-sync/src/relay/).
  // The outbox, scheduler, CSV import and CLI (src/main/publish/).
} as const;
