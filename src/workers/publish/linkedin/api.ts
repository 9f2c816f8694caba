import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import { PublishFailure } from '../failure.js';
import { describe, platformCall, statusFailure, type PlatformAnswer } from '../http.js';
import type { PublishContext } from '../types.js';

/**
 * LinkedIn's versioned REST API (https://api.linkedin.com/rest/): every call
 * names the monthly version it was written against and the Rest.li protocol
 * version. Versions are supported for at least a year after release; when one
 * is sunset LinkedIn answers 426 and this constant must move on.
 */
export const LINKEDIN_VERSION = '202607';

export function restHeaders(ctx: PublishContext, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${ctx.token}`, 'linkedin-version': LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0', ...extra };
}

/** One call to /rest/…: JSON in, the answer out; any non-2xx is thrown classified. */
export async function restCall(ctx: PublishContext, method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<PlatformAnswer> {
  const answer = await platformCall(ctx, 'linkedin', `${ctx.baseUrl}${path}`, {
    method,
    headers: restHeaders(ctx, body === undefined ? extra : { 'content-type': 'application/json', ...extra }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (answer.status >= 200 && answer.status < 300) return answer;
  throw linkedinFailure(answer);
}

export function parseAnswer<T>(answer: PlatformAnswer, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(answer.json);
  if (!parsed.success) {
    throw new PublishFailure('retry', say('publish.platform.unavailable', { platform: 'LinkedIn', status: answer.status }), `LinkedIn: unexpected answer: ${describe(answer)}`);
  }
  return parsed.data;
}

const errorSchema = z.object({ status: z.number().optional(), serviceErrorCode: z.number().optional(), code: z.string().optional(), message: z.string().default('') });

/** The post's public address from its URN (`urn:li:share:…` or `urn:li:ugcPost:…`). */
export function postUrl(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}/`;
}

/** The earlier post LinkedIn names when it refuses an exact repeat (422 "Content is a duplicate of urn:li:share:…"), or null. */
export function duplicateOf(answer: PlatformAnswer): string | null {
  if (answer.status !== 422) return null;
  const parsed = errorSchema.safeParse(answer.json);
  const m = parsed.success ? /duplicate of (urn:li:(?:share|ugcPost):\d+)/i.exec(parsed.data.message) : null;
  return m ? m[1]! : null;
}

/** Classifies LinkedIn's `{"status","serviceErrorCode","code","message"}`: 401 refresh, 403 disconnected, 400/422 the post, 429/5xx retry. */
export function linkedinFailure(answer: PlatformAnswer): PublishFailure {
  const parsed = errorSchema.safeParse(answer.json);
  const message = parsed.success ? parsed.data.message : '';
  const code = parsed.success ? (parsed.data.code ?? '') : '';
  const detail = message ? `${code || answer.status}: ${message}`.slice(0, 300) : describe(answer);
  const log = `LinkedIn: HTTP ${answer.status} ${detail}`;
  if (answer.status === 426 || code === 'NONEXISTENT_VERSION' || code === 'VERSION_MISSING') {
    return new PublishFailure('bad-post', say('publish.video.linkedin.versionSunset', { version: LINKEDIN_VERSION }), log);
  }
  const duplicate = duplicateOf(answer);
  if (duplicate) return new PublishFailure('bad-post', say('publish.video.linkedin.duplicate', { url: postUrl(duplicate) }), log);
  return statusFailure('linkedin', answer, detail);
}

/**
 * Commentary in LinkedIn's "little" text format: its reserved characters are
 * escaped so the text shows as written (unescaped, LinkedIn silently cuts the
 * post at the first one), and each #hashtag becomes a hashtag element.
 */
export function littleText(text: string): string {
  const HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu;
  const escape = (s: string) => s.replace(/[\\|{}@[\]()<>#*_~]/g, (c) => `\\${c}`);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(HASHTAG)) {
    const at = m.index + m[1]!.length;
    out += escape(text.slice(last, at)) + `{hashtag|\\#|${escape(m[2]!)}}`;
    last = at + 1 + m[2]!.length;
  }
  return out + escape(text.slice(last));
}
