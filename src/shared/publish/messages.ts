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
  // The outbox, scheduler, CSV import and CLI (src/main/publish/).
  // CSV import (src/shared/publish/csv-posts.ts, src/main/publish/csv-import.ts): each names the line and column.
  'publish.bulk.unterminatedQuote': { params: ['line'], hint: true },
  'publish.bulk.noRows': { params: [], hint: true },
  'publish.bulk.tooManyRows': { params: ['count', 'limit'], hint: true },
  'publish.bulk.columnMissing': { params: ['column'], hint: true },
  'publish.bulk.columnUnknown': { params: ['column', 'columns'], hint: true },
  'publish.bulk.columnTwice': { params: ['column'], hint: true },
  'publish.bulk.extraFields': { params: ['count', 'columns'], hint: true },
  'publish.bulk.valueMissing': { params: ['column'], hint: true },
  'publish.bulk.badValue': { params: ['column', 'value', 'accepted'], hint: true },
  'publish.bulk.accountUnknown': { params: ['account'], hint: true },
  'publish.bulk.accountAmbiguous': { params: ['account', 'matches'], hint: true },
  'publish.bulk.timeFormat': { params: ['value'], hint: true },
  'publish.bulk.timeInvalid': { params: ['value'], hint: true },
  'publish.bulk.timeSkipped': { params: ['value', 'zone'], hint: true },
  'publish.bulk.timeAmbiguous': { params: ['value', 'zone', 'chosen'], hint: true },
  'publish.bulk.timePast': { params: ['value'], hint: true },
  'publish.bulk.mediaFileMissing': { params: ['path'], hint: true },
  'publish.bulk.mediaNotInLibrary': { params: ['id'], hint: true },
  'publish.bulk.mediaUnusable': { params: ['path', 'detail'], hint: true },
} as const;
