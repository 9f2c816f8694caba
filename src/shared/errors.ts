import { isMessageId, say, type MessageId } from './messages.js';

/**
 * Errors that cross a process or network boundary travel as plain data
 * ({code, message, hint, key, params}); codes and keys are stable so the UI
 * can translate them. `message` and `hint` are English, for logs and the CLI;
 * the renderer shows the code's title and the key's text (src/shared/messages.ts).
 */
export const ERROR_CODES = [
  'BAD_INPUT',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'EMPTY_FILE',
  'FILE_NOT_FOUND',
  'UNSUPPORTED_TYPE',
  'INVALID_MEDIA',
  'IMAGE_TOO_LARGE',
  'FILE_TOO_LARGE',
  'DISK_FULL',
  'WORKER_CRASHED',
  'WORKER_TIMEOUT',
  'WORKER_MEMORY_LIMIT',
  'CANCELED',
  'FFMPEG_MISSING',
  'FFMPEG_FAILED',
  'FONT_MISSING',
  'GLYPH_MISSING',
  'TIMELINE_INVALID',
  'OUTPUT_NOT_WRITABLE',
  'DB_NEWER_THAN_APP',
  'DB_CORRUPT',
  'UNKNOWN_JOB_KIND',
  'INTERNAL',
  // AI providers (src/workers/generation/providers): each names something the user can fix or wait out.
  'PROVIDER_NOT_CONFIGURED',
  'PROVIDER_AUTH_FAILED',
  'PROVIDER_QUOTA_EXCEEDED',
  'PROVIDER_UNREACHABLE',
  'PROVIDER_TIMEOUT',
  'PROVIDER_FAILED',
  'CONTENT_FILTERED',
  'MODEL_UNAVAILABLE',
  'MODEL_OUTPUT_INVALID',
  'CAPABILITY_UNSUPPORTED',
  'WORKFLOW_INVALID',
  // Credits and the cloud account (src/main/sync).
  'INSUFFICIENT_CREDITS',
  'NOT_SIGNED_IN',
  'OFFLINE',
  'CLOUD_ERROR',
  // Publishing (src/workers/publish): the code is how the outbox handles it (src/shared/publish/post.ts FAILURE_CLASSES).
  'PUBLISH_RETRY',
  'PUBLISH_REFRESH_TOKEN',
  'PUBLISH_BAD_POST',
  'PUBLISH_DISCONNECTED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** What the user can do about it. */
  hint?: string;
  /** For BAD_INPUT: the offending field, dotted. */
  field?: string;
  /** Whether trying the same thing again may succeed. */
  retryable?: boolean;
  /** For errors from the KingJam cloud: its own code (e.g. INVALID_OTP) and the figures that came with it. */
  cloud?: CloudErrorDetail;
  /** The message (and its hint) as a key of src/shared/messages.ts, for the renderer to say in the user's language. */
  key?: MessageId;
  /** The key's parameters. */
  params?: Record<string, string | number>;
  /** How long the other side asked us to wait before trying again (Retry-After, a platform's rate-limit headers). */
  retryAfterMs?: number;
}

export interface CloudErrorDetail {
  code: string;
  attemptsLeft?: number;
  retryAfterSeconds?: number;
}

export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly field: string | undefined;
  readonly retryable: boolean;
  readonly cloud: CloudErrorDetail | undefined;
  readonly key: MessageId | undefined;
  readonly params: Record<string, string | number> | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(info: ErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    this.name = 'StudioError';
    this.code = info.code;
    this.hint = info.hint;
    this.field = info.field;
    this.retryable = info.retryable ?? false;
    this.cloud = info.cloud;
    this.key = info.key;
    this.params = info.params;
    this.retryAfterMs = info.retryAfterMs;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.hint !== undefined) info.hint = this.hint;
    if (this.field !== undefined) info.field = this.field;
    if (this.cloud !== undefined) info.cloud = this.cloud;
    if (this.key !== undefined) info.key = this.key;
    if (this.params !== undefined) info.params = this.params;
    if (this.retryAfterMs !== undefined) info.retryAfterMs = this.retryAfterMs;
    return info;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Any thrown value as ErrorInfo; unknown errors become INTERNAL (retryable: they may be transient). */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof StudioError) return err.toInfo();
  if (err && typeof err === 'object' && 'code' in err && isErrorCode((err as { code: unknown }).code)) {
    const e = err as ErrorInfo;
    return {
      code: e.code,
      message: String(e.message),
      hint: e.hint,
      field: e.field,
      retryable: e.retryable,
      ...(e.cloud ? { cloud: e.cloud } : {}),
      ...(typeof e.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs) ? { retryAfterMs: e.retryAfterMs } : {}),
      ...(isMessageId(e.key) ? { key: e.key, ...(isParams(e.params) ? { params: e.params } : {}) } : {}),
    };
  }
  const nodeCode = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (nodeCode === 'ENOSPC') {
    return { code: 'DISK_FULL', message: 'The disk is full.', hint: 'Free some disk space, then retry the job.', retryable: true, ...say('disk.full') };
  }
  if (nodeCode === 'ENOENT') {
    return { code: 'FILE_NOT_FOUND', message: err instanceof Error ? err.message : String(err), retryable: false };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message, retryable: true };
}

function isParams(value: unknown): value is Record<string, string | number> {
  return !!value && typeof value === 'object' && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}

/** HTTP status for an error code, used by the web bridge. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_INPUT':
    case 'EMPTY_FILE':
    case 'UNSUPPORTED_TYPE':
    case 'INVALID_MEDIA':
    case 'IMAGE_TOO_LARGE':
    case 'FILE_TOO_LARGE':
    case 'UNKNOWN_JOB_KIND':
    case 'TIMELINE_INVALID':
    case 'WORKFLOW_INVALID':
    case 'GLYPH_MISSING':
    case 'OUTPUT_NOT_WRITABLE':
    case 'PUBLISH_BAD_POST':
      return 400;
    // 401 is the bridge's own token being refused; a cloud session that is missing is the user's to fix (403).
    case 'UNAUTHORIZED':
      return 401;
    case 'INSUFFICIENT_CREDITS':
      return 402;
    case 'FORBIDDEN':
    case 'NOT_SIGNED_IN':
      return 403;
    case 'NOT_FOUND':
    case 'FILE_NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'DISK_FULL':
      return 507;
    case 'OFFLINE':
    case 'CLOUD_ERROR':
      return 503;
    default:
      return 500;
  }
}
