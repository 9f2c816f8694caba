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
  // LINE, WordPress (src/workers/publish/{line,wordpress}/) and the media relay (cloud-sync/src/relay/).
  'publish.rest.line.monthlyLimit': { params: ['detail'], hint: true },
  'publish.rest.line.tokenInvalid': { params: ['detail'], hint: true },
  'publish.rest.line.rejected': { params: ['property', 'detail'], hint: true },
  'publish.rest.line.noRecipients': { params: [], hint: true },
  'publish.rest.line.quotaShort': { params: ['needed', 'remaining'], hint: true },
  'publish.rest.line.unreadableMedia': { params: ['name'], hint: true },
  'publish.rest.line.retryKeyExpired': { params: ['hours'], hint: true },
  'publish.rest.wordpress.badConnection': { params: [], hint: true },
  'publish.rest.wordpress.siteNotPublic': { params: ['site', 'reason'], hint: true },
  'publish.rest.wordpress.authFailed': { params: ['site', 'code'], hint: true },
  'publish.rest.wordpress.forbidden': { params: ['site', 'detail'], hint: true },
  'publish.rest.wordpress.notWordPress': { params: ['site'], hint: true },
  'publish.rest.wordpress.invalidParam': { params: ['detail'], hint: true },
  'publish.rest.wordpress.fileTooLarge': { params: ['name', 'site'], hint: true },
  // The outbox, scheduler, CSV import and CLI (src/main/publish/).
} as const;
