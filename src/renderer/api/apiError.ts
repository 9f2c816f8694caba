import type { ErrorCode, ErrorInfo } from '../../shared/errors.js';

/** A failed API call, carrying the ErrorInfo main sent (or one made up for transport failures). */
export class ApiError extends Error {
  readonly info: ErrorInfo;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.info = info;
  }

  get code(): ErrorCode {
    return this.info.code;
  }
}

/** Any thrown value as ErrorInfo, for showing to the user. */
export function errorInfoOf(err: unknown): ErrorInfo {
  if (err instanceof ApiError) return err.info;
  if (err instanceof Error) return { code: 'INTERNAL', message: err.message, retryable: true };
  return { code: 'INTERNAL', message: String(err), retryable: true };
}
