import { PUBLISH_MESSAGES } from './publish/messages.js';
import { KOL_MESSAGES } from './kol/messages/index.js';
import { PHOTO_MESSAGES } from './photo/messages/index.js';
import { CHARACTER_MESSAGES } from './creator/messages.js';
import { STYLE_MESSAGES } from './style/messages.js';
import { INK_MESSAGES } from './ink/messages.js';
import { MESH_MESSAGES } from './mesh/messages/index.js';
import { BATCH_MESSAGES } from './batch/messages.js';
import { FARM_MESSAGES } from './farm/messages.js';
import { LIFECYCLE_MESSAGES } from './lifecycle/messages.js';
import { OUTPUTS_MESSAGES } from './outputs/messages.js';
import { BOXES_MESSAGES } from './boxes/messages.js';
import { CLI_MESSAGES } from './cli/messages.js';

/**
 * Every sentence main or a worker shows a user, as a stable key with named
 * parameters. The English `message` of an error stays for logs and the CLI;
 * the renderer shows `msg.<key>` (and `msg.<key>.hint` where `hint` is set)
 * from its catalogs in the user's language, filled with `params`.
 *
 * To add one: add the key here with its parameter names, throw with
 * `...say('the.key', { … })`, and give `msg.the.key` (and `.hint`) a text in
 * src/shared/i18n/messages.{en,zh-TW,zh-CN}.ts (the renderer and the CLI both say them) — the catalogs'
 * types and test/messages.test.ts fail until all three have it.
 */
interface MessageSpec {
  readonly params: readonly string[];
  /** Whether the key also has a "what to do" text (`msg.<key>.hint`). */
  readonly hint?: true;
}

export const MESSAGES = {
  // AI providers (src/workers/generation/providers/errors.ts).
  'provider.notConfigured.key': { params: ['provider'], hint: true },
  'provider.notConfigured.keyEither': { params: ['provider', 'other'], hint: true },
  'provider.notConfigured.address': { params: ['provider'], hint: true },
  'provider.notConfigured.imageWorkflow': { params: ['provider'], hint: true },
  'provider.notConfigured.videoWorkflow': { params: ['provider'], hint: true },
  'provider.authFailed': { params: ['provider', 'detail'], hint: true },
  'provider.quotaExceeded': { params: ['provider', 'detail'], hint: true },
  'provider.quotaExceededWait': { params: ['provider', 'detail', 'seconds'], hint: true },
  'provider.contentFiltered': { params: ['provider', 'detail'], hint: true },
  'provider.modelUnavailable': { params: ['provider', 'model', 'detail'], hint: true },
  'provider.modelWrongKind': { params: ['provider', 'model'], hint: true },
  'provider.timeout': { params: ['provider', 'seconds'], hint: true },
  'provider.timeoutLimit': { params: ['provider'], hint: true },
  'provider.unreachable': { params: ['provider', 'address', 'detail'], hint: true },
  'provider.unreachableLocal': { params: ['provider', 'address', 'detail'], hint: true },
  'provider.failed': { params: ['provider', 'detail'], hint: true },
  'provider.failedRetry': { params: ['provider', 'detail'], hint: true },
  'provider.failed.noImage': { params: ['provider'], hint: true },
  'provider.failed.noVideo': { params: ['provider'], hint: true },
  'provider.failed.noAudio': { params: ['provider'], hint: true },
  'provider.failed.noAnswer': { params: ['provider'], hint: true },
  'provider.failed.badFormat': { params: ['provider'], hint: true },
  'provider.failed.cutShort': { params: ['provider'], hint: true },
  'provider.failed.noFileSaved': { params: ['provider'], hint: true },
  'provider.failed.workflowError': { params: ['provider'], hint: true },
  'provider.failed.serviceError': { params: ['provider', 'status', 'detail'], hint: true },
  'provider.unsupported.text': { params: ['provider'], hint: true },
  'provider.unsupported.structured': { params: ['provider'], hint: true },
  'provider.unsupported.image': { params: ['provider'], hint: true },
  'provider.unsupported.video': { params: ['provider'], hint: true },
  'provider.unsupported.speech': { params: ['provider'], hint: true },
  'provider.badRequest': { params: ['provider', 'detail'], hint: true },
  'provider.invalidOutput': { params: ['provider', 'model', 'schema'], hint: true },
  'workflow.rejected': { params: ['detail'], hint: true },
  // Loading a ComfyUI workflow (src/shared/comfy-workflow.ts, src/workers/generation/providers/comfyui-workflow.ts).
  'workflow.notJson': { params: ['file'], hint: true },
  'workflow.editorFormat': { params: ['file'], hint: true },
  'workflow.notApiFormat': { params: ['file'], hint: true },
  'workflow.noNodes': { params: ['file'], hint: true },
  'workflow.noPromptNode': { params: [], hint: true },
  'workflow.noImageNode': { params: [], hint: true },
  'workflow.needsImage': { params: [], hint: true },
  'workflow.brokenBinding': { params: ['input', 'node'], hint: true },
  'workflow.unreadable': { params: ['file'], hint: true },
  'provider.offlineCannotDraft': { params: ['schema'], hint: true },
  'provider.needsStartImage': { params: ['model'], hint: true },
  'provider.keyInvalid': { params: [] },

  // Jobs (src/main/jobs, src/workers/entry.ts).
  'job.canceled': { params: [] },
  'job.canceledByUser': { params: [] },
  'job.workerShutdown': { params: [] },
  'job.unknownKind': { params: ['kind'] },
  'job.invalidPayload': { params: ['field'] },
  'job.notFound': { params: [] },
  'job.retryOnlyFinished': { params: [] },
  'job.changedWhileRetrying': { params: [] },
  'job.noWallet': { params: ['cost'], hint: true },

  // Importing into the library (src/main/library, src/workers/media/import-probe.ts).
  'file.notFound': { params: ['name'] },
  'file.outside': { params: ['name'], hint: true },
  'file.changed': { params: ['name'] },
  'file.notRegular': { params: ['name'] },
  'import.unsupportedType': { params: ['name', 'ext'], hint: true },
  'import.empty': { params: ['name'], hint: true },
  'file.tooLarge': { params: ['name', 'limit'] },
  'import.diskFull': { params: [], hint: true },
  'import.tooManyPixels': { params: ['name', 'width', 'height', 'limit'], hint: true },
  'import.noVideoStream': { params: ['name'], hint: true },
  'import.noAudioStream': { params: ['name'], hint: true },
  'import.unreadableImage': { params: ['name'], hint: true },
  'import.unreadableMedia': { params: ['name'], hint: true },
  'library.itemGone': { params: [] },
  'library.pickedGone': { params: ['id'], hint: true },
  'library.pickedWrongKind': { params: ['name', 'kind'] },
  'disk.full': { params: [], hint: true },
  // The studio database (src/main/store/db.ts).
  'store.corrupt': { params: ['file', 'detail'], hint: true },
  'store.newerThanApp': { params: ['file', 'current', 'latest'], hint: true },

  // Credits and the cloud account (src/main/sync).
  'account.signInFirst': { params: [], hint: true },
  'account.sessionEnded': { params: [], hint: true },
  'credits.insufficient': { params: ['needed', 'available'], hint: true },
  'credits.signInToPay': { params: ['amount'], hint: true },
  'credits.allowanceShort': { params: ['amount', 'reserved'], hint: true },
  'credits.allowanceShortOffline': { params: ['amount', 'reserved'], hint: true },
  'cloud.unreachable': { params: ['url'], hint: true },
  'document.empty': { params: [], hint: true },
  'document.tooLarge': { params: ['size'], hint: true },
  'document.wrongType': { params: [], hint: true },
  'oauth.denied': { params: ['platform', 'said'], hint: true },
  'oauth.refused': { params: ['platform', 'said'], hint: true },
  'oauth.stateMismatch': { params: [], hint: true },
  'oauth.expired': { params: [], hint: true },
  // KingJam Cloud generation (src/workers/generation/providers/cloud.ts, src/main/sync/gen.ts).
  'provider.notConfigured.signIn': { params: ['provider'], hint: true },
  'credits.insufficientAtCloud': { params: ['detail'], hint: true },
  'credits.pricesOutOfDate': { params: ['models'], hint: true },

  // Where API keys are kept (src/main/secrets).
  'secrets.wrongKey': { params: [], hint: true },
  'secrets.noStore': { params: [], hint: true },
  'secrets.badKeyLength': { params: [], hint: true },

  // Generation projects (src/main/generate).
  'project.notFound': { params: [] },
  'project.notVideo': { params: [] },
  'project.rendering': { params: [] },
  'project.noScript': { params: [] },

  // Timelines and video rendering (src/main/timeline, src/workers/media).
  'timeline.notFound': { params: ['file'] },
  'timeline.notJson': { params: ['file'] },
  'timeline.invalid': { params: ['field'], hint: true },
  'media.missing': { params: ['file'] },
  'media.notAFile': { params: ['file'] },
  'media.empty': { params: ['file'] },
  'media.unreadableImage': { params: ['file'] },
  'media.unreadable': { params: ['file'] },
  'media.noVideoStream': { params: ['file'] },
  'media.noAudioStream': { params: ['file'] },
  'image.tooManyPixels': { params: ['file', 'limit'], hint: true },
  'image.uploadTooLarge': { params: ['file', 'size'] },
  'image.cannotShrink': { params: ['file', 'bytes'] },
  'image.watermarkEmpty': { params: [] },
  'image.gridNeedsFour': { params: ['count'] },
  'media.trimPastEnd': { params: ['file', 'trim', 'duration'] },
  'output.notWritable': { params: ['dir'], hint: true },
  'output.isFolder': { params: ['path'] },
  'output.notMp4': { params: ['path'] },
  'ffmpeg.missing': { params: ['tool'] },
  'ffmpeg.failed': { params: [], hint: true },
  'font.noGlyph': { params: ['chars', 'field'], hint: true },
  // Finding ffmpeg/ffprobe (src/node/ffmpeg.ts) and the caption fonts (src/workers/media/fonts.ts).
  'ffmpeg.envNotExecutable': { params: ['variable', 'path'], hint: true },
  'ffmpeg.notFound': { params: ['tool', 'variable'], hint: true },
  'font.missing': { params: ['files'], hint: true },
  'font.faceMissing': { params: ['file', 'face'] },
  // Video effects on one image (src/workers/media/motion).
  'motion.unknownEffect': { params: ['effect', 'effects'] },
  'motion.badSeconds': { params: ['seconds', 'max'] },
  // Library files the bridge serves and "Open" hands to the system (src/main/library/media-path.ts).
  'library.outsideLibrary': { params: [] },
  'library.fileGone': { params: [] },
  'library.cannotOpenType': { params: ['name'] },
  // The web bridge's uploads and calls (src/main/bridge/server.ts).
  'upload.noFileName': { params: [] },
  'upload.fileNameTooLong': { params: ['limit'] },
  'request.tooLarge': { params: ['limit'] },
  'request.notJson': { params: [] },
  // A call's input that its contract refuses (src/main/api/dispatch.ts): every shell, the CLI included.
  'request.fieldMissing': { params: ['field'] },
  'request.fieldInvalid': { params: ['field'] },
  // Provider choices that cannot run now (src/main/providers/availability.ts, src/main/generate/refusals.ts).
  'choice.signIn': { params: [], hint: true },
  'choice.noCredits': { params: [], hint: true },
  'choice.ollamaDown': { params: ['address'], hint: true },
  'generations.unreadable': { params: [] },
  ...PUBLISH_MESSAGES,
  ...KOL_MESSAGES,
  ...PHOTO_MESSAGES,
  ...CHARACTER_MESSAGES,
  ...STYLE_MESSAGES,
  ...INK_MESSAGES,
  ...BATCH_MESSAGES,
  ...FARM_MESSAGES,
  ...CLI_MESSAGES,
  ...LIFECYCLE_MESSAGES,
  ...OUTPUTS_MESSAGES,
  ...MESH_MESSAGES,
  ...BOXES_MESSAGES,
} as const satisfies Record<string, MessageSpec>;

export type MessageId = keyof typeof MESSAGES;
type ParamName<K extends MessageId> = (typeof MESSAGES)[K]['params'][number];
export type MessageParams<K extends MessageId> = { [P in ParamName<K>]: string | number };

/** What an error carries so the renderer can say it in the user's language. */
export interface Localized {
  key: MessageId;
  params?: Record<string, string | number>;
}

/** `key` with exactly the parameters it declares (a missing or extra one is a type error). */
export function say<K extends MessageId>(key: K, ...rest: ParamName<K> extends never ? [] : [params: MessageParams<K>]): Localized {
  const params = rest[0];
  return params && Object.keys(params).length > 0 ? { key, params } : { key };
}

export function isMessageId(value: unknown): value is MessageId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MESSAGES, value);
}

export function messageHasHint(key: MessageId): boolean {
  const spec: MessageSpec = MESSAGES[key];
  return spec.hint === true;
}
