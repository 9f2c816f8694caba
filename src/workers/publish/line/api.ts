import { createHash } from 'node:crypto';
import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import { PublishFailure } from '../failure.js';
import { describe, platformCall, statusFailure, type CallOptions, type PlatformAnswer } from '../http.js';
import type { PublishContext } from '../types.js';

/**
 * One exchange with the LINE Messaging API and what its errors mean. LINE
 * answers errors as `{"message", "details": [{"message", "property"}]}` with
 * no machine code, so the class comes from the status and, for 429, from the
 * message: the monthly message limit is the plan's, not a rate limit.
 */

const errorBody = z.object({
  message: z.string().default(''),
  details: z.array(z.object({ message: z.string().optional(), property: z.string().optional() })).default([]),
});

export async function lineCall(ctx: PublishContext, path: string, options: CallOptions = {}): Promise<PlatformAnswer> {
  const headers = new Headers(options.headers);
  headers.set('authorization', `Bearer ${ctx.token}`);
  return platformCall(ctx, 'line', `${ctx.baseUrl.replace(/\/$/, '')}${path}`, { ...options, headers });
}

/** The failure for a non-2xx LINE answer (409 is handled by the caller: it means "already sent"). */
export function lineFailure(answer: PlatformAnswer): PublishFailure {
  const parsed = errorBody.safeParse(answer.json);
  const body = parsed.success ? parsed.data : { message: '', details: [] };
  const detail = body.message || describe(answer);
  const log = `LINE: ${describe(answer)}`;
  if (answer.status === 429 && /monthly limit/i.test(body.message)) {
    return new PublishFailure('bad-post', say('publish.rest.line.monthlyLimit', { detail }), log);
  }
  // Channel access tokens are issued in the LINE Developers Console and are not refreshed by the
  // studio: a refused token means the connection must be made again with a valid one.
  if (answer.status === 401) return new PublishFailure('disconnected', say('publish.rest.line.tokenInvalid', { detail }), log);
  if (answer.status === 400) {
    const first = body.details.find((d) => d.property) ?? body.details[0];
    const property = first?.property ?? '—';
    const said = first?.message ? `${detail}: ${first.message}` : detail;
    return new PublishFailure('bad-post', say('publish.rest.line.rejected', { property, detail: said }), log);
  }
  return statusFailure('line', answer, detail);
}

/** Answers the JSON of a 2xx answer, or throws what the error means. */
export function lineOk(answer: PlatformAnswer): unknown {
  if (answer.status >= 200 && answer.status < 300) return answer.json;
  throw lineFailure(answer);
}

// A fixed namespace (random once) so that the keys are this studio's own.
const RETRY_KEY_NAMESPACE = Buffer.from('5f0c6a1e8d2b4c7a9e3f1b6d2a8c4e70', 'hex');

/**
 * The `X-Line-Retry-Key` of an outbox post: a name-based UUID (RFC 9562
 * version 5) of the post id, so every attempt of the same post sends the same
 * key and LINE accepts it only once.
 */
export function retryKeyOf(postId: string): string {
  const hash = createHash('sha1').update(RETRY_KEY_NAMESPACE).update(postId, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
