import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import { canceled } from '../../generation/providers/errors.js';

/**
 * The seed's rule for every provider call of the photo studio (§3.1.2: a
 * 30-second limit, the call recovered): each try gets PHOTO_LIMITS.callTimeoutMs,
 * and a try that fails with something that may pass (a 5xx, a timeout, a
 * dropped connection) is made once more (PHOTO_LIMITS.callRetries). A refusal
 * (a bad key, a filtered prompt, no credits) is not tried again: it would
 * fail the same way. A try cut off by the limit is aborted, so the provider
 * cancels its remote work (a Replicate prediction) and nothing is billed for it.
 */
export async function withCallLimit<T>(provider: string, signal: AbortSignal, call: (signal: AbortSignal) => Promise<T>, opts: { timeoutMs?: number; retries?: number } = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? PHOTO_LIMITS.callTimeoutMs;
  const tries = 1 + (opts.retries ?? PHOTO_LIMITS.callRetries);
  let last: unknown;
  for (let attempt = 1; attempt <= tries; attempt++) {
    if (signal.aborted) throw canceled(signal);
    const limit = new AbortController();
    const timer = setTimeout(() => limit.abort(new Error('photo call limit')), timeoutMs);
    try {
      return await call(AbortSignal.any([signal, limit.signal]));
    } catch (err) {
      if (signal.aborted) throw canceled(signal);
      const timedOut = limit.signal.aborted || (err instanceof StudioError && err.code === 'PROVIDER_TIMEOUT');
      last = timedOut ? timeoutError(provider, timeoutMs, attempt) : err;
      if (!timedOut && !(err instanceof StudioError && err.retryable)) throw err;
    } finally {
      clearTimeout(timer);
    }
  }
  throw last;
}

function timeoutError(provider: string, timeoutMs: number, tries: number): StudioError {
  const seconds = Math.round(timeoutMs / 1000);
  return new StudioError({
    code: 'PROVIDER_TIMEOUT',
    message: `${provider} did not answer within ${seconds} s, ${tries} time${tries === 1 ? '' : 's'} in a row.`,
    hint: 'The service is busy: try again in a few minutes, or choose another backend.',
    retryable: true,
    ...say('photo.online.timeout', { provider, seconds, tries }),
  });
}
