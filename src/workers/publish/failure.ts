import { StudioError } from '../../shared/errors.js';
import type { Localized } from '../../shared/messages.js';
import { FAILURE_CODES, type FailureClass } from '../../shared/publish/post.js';

/**
 * Every error a publisher throws: classified (how the outbox handles it),
 * said in the user's language with what to do, and carried to main as an
 * ErrorInfo whose code is the class (main reads it back with failureClassOf).
 */
export class PublishFailure extends StudioError {
  constructor(
    readonly failure: FailureClass,
    said: Localized,
    /** English, for logs and the CLI: what the platform answered. Never a token. */
    detail: string,
    retryAfterMs?: number,
  ) {
    super({
      code: FAILURE_CODES[failure],
      message: detail,
      retryable: failure === 'retry' || failure === 'refresh-token',
      ...said,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
    this.name = 'PublishFailure';
  }
}
