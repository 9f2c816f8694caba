import type { CloudErrorCode } from './error-codes.js';

/** An error with an HTTP status and a stable code; rendered as `{"error":{"code","message"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: CloudErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const insufficientCredits = (wanted: number, available: number): ApiError =>
  new ApiError(402, 'INSUFFICIENT_CREDITS', `${wanted} credits requested but only ${available} available`);

export const idempotencyConflict = (id: string): ApiError =>
  new ApiError(409, 'IDEMPOTENCY_CONFLICT', `id ${id} was already used with a different request`);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(err: ApiError): ErrorBody {
  return { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
}
