import type { JobView } from '../../shared/jobs/model.js';
import type { ErrorCode, ErrorInfo } from '../../shared/errors.js';
import type { MessageKey, Translate } from '../i18n/index.js';

/**
 * Job titles come from main in English ("Import photo.png"). For the kinds
 * the renderer knows, the parameters are read back out of that title and the
 * title is shown in the user's language; anything else is shown as sent.
 */
const TITLE_PATTERNS: { kind: string; key: MessageKey; pattern: RegExp; vars: string[] }[] = [
  { kind: 'media.probe', key: 'jobTitle.media.probe', pattern: /^Import (.+)$/s, vars: ['name'] },
  { kind: 'media.contactSheet', key: 'jobTitle.media.contactSheet', pattern: /^Contact sheet of (\d+) images$/, vars: ['count'] },
  {
    kind: 'media.compose',
    key: 'jobTitle.media.compose',
    pattern: /^Render video \((\d+) scenes\) → (.+)$/s,
    vars: ['scenes', 'name'],
  },
  { kind: 'diag.noop', key: 'jobTitle.diag.noop', pattern: /^Worker round trip$/, vars: [] },
  { kind: 'diag.steps', key: 'jobTitle.diag.steps', pattern: /^Diagnostic run of (\d+) steps$/, vars: ['steps'] },
  { kind: 'diag.fail', key: 'jobTitle.diag.fail', pattern: /^Diagnostic failure$/, vars: [] },
];

export function jobTitle(job: Pick<JobView, 'kind' | 'title'>, t: Translate): string {
  for (const p of TITLE_PATTERNS) {
    if (p.kind !== job.kind) continue;
    const match = p.pattern.exec(job.title);
    if (!match) break;
    const vars: Record<string, string> = {};
    p.vars.forEach((name, i) => {
      vars[name] = match[i + 1] ?? '';
    });
    return t(p.key, vars);
  }
  return job.title;
}

/** The name of the imported file, for a media.probe job. */
export function importedName(job: Pick<JobView, 'kind' | 'title'>): string | null {
  if (job.kind !== 'media.probe') return null;
  const match = /^Import (.+)$/s.exec(job.title);
  return match?.[1] ?? null;
}

/** Partial: a code added to the contract later reads as INTERNAL until it is translated here. */
const ERROR_KEYS: Partial<Record<ErrorCode, MessageKey>> = {
  BAD_INPUT: 'error.BAD_INPUT',
  NOT_FOUND: 'error.NOT_FOUND',
  UNAUTHORIZED: 'error.UNAUTHORIZED',
  FORBIDDEN: 'error.FORBIDDEN',
  CONFLICT: 'error.CONFLICT',
  EMPTY_FILE: 'error.EMPTY_FILE',
  FILE_NOT_FOUND: 'error.FILE_NOT_FOUND',
  UNSUPPORTED_TYPE: 'error.UNSUPPORTED_TYPE',
  INVALID_MEDIA: 'error.INVALID_MEDIA',
  IMAGE_TOO_LARGE: 'error.IMAGE_TOO_LARGE',
  FILE_TOO_LARGE: 'error.FILE_TOO_LARGE',
  DISK_FULL: 'error.DISK_FULL',
  WORKER_CRASHED: 'error.WORKER_CRASHED',
  WORKER_TIMEOUT: 'error.WORKER_TIMEOUT',
  WORKER_MEMORY_LIMIT: 'error.WORKER_MEMORY_LIMIT',
  CANCELED: 'error.CANCELED',
  FFMPEG_MISSING: 'error.FFMPEG_MISSING',
  FFMPEG_FAILED: 'error.FFMPEG_FAILED',
  FONT_MISSING: 'error.FONT_MISSING',
  GLYPH_MISSING: 'error.GLYPH_MISSING',
  TIMELINE_INVALID: 'error.TIMELINE_INVALID',
  OUTPUT_NOT_WRITABLE: 'error.OUTPUT_NOT_WRITABLE',
  DB_NEWER_THAN_APP: 'error.DB_NEWER_THAN_APP',
  DB_CORRUPT: 'error.DB_CORRUPT',
  UNKNOWN_JOB_KIND: 'error.UNKNOWN_JOB_KIND',
  INTERNAL: 'error.INTERNAL',
  INSUFFICIENT_CREDITS: 'error.INSUFFICIENT_CREDITS',
  NOT_SIGNED_IN: 'error.NOT_SIGNED_IN',
  OFFLINE: 'error.OFFLINE',
  CLOUD_ERROR: 'error.CLOUD_ERROR',
  PROVIDER_NOT_CONFIGURED: 'error.PROVIDER_NOT_CONFIGURED',
  PROVIDER_AUTH_FAILED: 'error.PROVIDER_AUTH_FAILED',
  PROVIDER_QUOTA_EXCEEDED: 'error.PROVIDER_QUOTA_EXCEEDED',
  PROVIDER_UNREACHABLE: 'error.PROVIDER_UNREACHABLE',
  PROVIDER_TIMEOUT: 'error.PROVIDER_TIMEOUT',
  PROVIDER_FAILED: 'error.PROVIDER_FAILED',
  CONTENT_FILTERED: 'error.CONTENT_FILTERED',
  MODEL_UNAVAILABLE: 'error.MODEL_UNAVAILABLE',
  MODEL_OUTPUT_INVALID: 'error.MODEL_OUTPUT_INVALID',
  CAPABILITY_UNSUPPORTED: 'error.CAPABILITY_UNSUPPORTED',
  WORKFLOW_INVALID: 'error.WORKFLOW_INVALID',
};

/** A short heading for an error, in the user's language (unknown codes read as INTERNAL). */
export function errorTitle(error: Pick<ErrorInfo, 'code'>, t: Translate): string {
  return t(ERROR_KEYS[error.code] ?? 'error.INTERNAL');
}
