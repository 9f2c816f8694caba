import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import { WORDPRESS_ALLOW_PRIVATE_ENV } from '../../../shared/publish/platforms.js';
import { AddressRefused, guardedFetch } from '../../../node/guarded-fetch.js';
import { PublishFailure } from '../failure.js';
import { describe, platformCall, statusFailure, type CallOptions, type PlatformAnswer } from '../http.js';
import type { PublishContext } from '../types.js';

/**
 * A WordPress site as the vault hands it out: `ctx.token` is the JSON
 * `{site, username, app_password}` (an Application Password, sent over Basic
 * auth). The site's address is the user's, so every request goes through the
 * SSRF guard (src/node/guarded-fetch.ts) instead of `ctx.fetch`: the guard
 * must own the socket to connect to the address it checked. Private addresses
 * (and plain http) are allowed only when KINGJAM_WORDPRESS_ALLOW_PRIVATE=1 (tests).
 */

const connectionSchema = z.object({
  site: z.url({ protocol: /^https?$/ }),
  username: z.string().min(1),
  app_password: z.string().min(1),
});

export interface WordPressSite {
  /** The site's root, no trailing slash (`https://blog.example.com`). */
  base: string;
  /** The context to hand platformCall: its fetch is the guarded one. */
  ctx: PublishContext;
  authorization: string;
}

/** WordPress's error body: `{"code", "message", "data": {"status", "params"?}}`. */
const errorBody = z.object({
  code: z.string(),
  message: z.string().default(''),
  data: z.object({ status: z.number().optional(), params: z.record(z.string(), z.string()).optional() }).nullish(),
});

export function allowsPrivateSites(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[WORDPRESS_ALLOW_PRIVATE_ENV] === '1';
}

export function openSite(ctx: PublishContext): WordPressSite {
  let raw: unknown;
  try {
    raw = JSON.parse(ctx.token);
  } catch {
    raw = null;
  }
  const parsed = connectionSchema.safeParse(raw);
  const site = parsed.success ? new URL(parsed.data.site) : null;
  // Never echo the token: it holds the application password (and a site address with
  // credentials in it would put them into every message that names the site).
  if (!parsed.success || !site || site.username || site.password) {
    throw new PublishFailure('disconnected', say('publish.rest.wordpress.badConnection'), 'WordPress: the connection is not {site, username, app_password} with a plain site address');
  }
  const base = `${site.origin}${site.pathname}`.replace(/\/+$/, '');
  const guarded = guardedFetch({ allowPrivate: allowsPrivateSites() });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    try {
      return await guarded(input, init);
    } catch (err) {
      if (!(err instanceof AddressRefused)) throw err;
      throw new PublishFailure('disconnected', say('publish.rest.wordpress.siteNotPublic', { site: base, reason: err.reason }), `WordPress: ${base} refused by the address guard: ${err.reason}`);
    }
  };
  const authorization = `Basic ${Buffer.from(`${parsed.data.username}:${parsed.data.app_password}`, 'utf8').toString('base64')}`;
  // Without `exchange`: every request of the site goes through the guard.
  const { exchange: _unguarded, ...guardedCtx } = ctx;
  return { base, ctx: { ...guardedCtx, fetch }, authorization };
}

/** One authenticated call to `/wp-json{route}` on the site. */
export function wpCall(site: WordPressSite, route: string, options: CallOptions = {}): Promise<PlatformAnswer> {
  const headers = new Headers(options.headers);
  headers.set('authorization', site.authorization);
  headers.set('accept', 'application/json');
  return platformCall(site.ctx, 'wordpress', `${site.base}/wp-json${route}`, { ...options, headers });
}

/** What a non-2xx answer from the site means. `fileName` names the upload a 413 refers to. */
export function wpFailure(site: WordPressSite, answer: PlatformAnswer, fileName?: string): PublishFailure {
  const parsed = errorBody.safeParse(answer.json);
  const code = parsed.success ? parsed.data.code : '';
  const message = parsed.success ? parsed.data.message : '';
  const log = `WordPress ${site.base}: ${describe(answer)}`;
  // A wrong or revoked application password (incorrect_password, invalid_username,
  // rest_not_logged_in, rest_cannot_create for an anonymous request): it does not refresh.
  if (answer.status === 401) return new PublishFailure('disconnected', say('publish.rest.wordpress.authFailed', { site: site.base, code: code || 'HTTP 401' }), log);
  // Signed in, but the account's role may not do this (a Contributor cannot publish or upload).
  if (answer.status === 403) return new PublishFailure('disconnected', say('publish.rest.wordpress.forbidden', { site: site.base, detail: message || code || 'HTTP 403' }), log);
  if (answer.status === 413 || code === 'rest_upload_file_too_big' || code === 'rest_upload_limited_space') {
    return new PublishFailure('bad-post', say('publish.rest.wordpress.fileTooLarge', { name: fileName ?? '—', site: site.base }), log);
  }
  if (answer.status === 404 && (code === 'rest_no_route' || !parsed.success)) return new PublishFailure('disconnected', say('publish.rest.wordpress.notWordPress', { site: site.base }), log);
  if (answer.status === 400 && parsed.success) {
    const params = parsed.data.data?.params;
    const detail = params && Object.keys(params).length > 0 ? Object.entries(params).map(([k, v]) => `${k}: ${v}`).join('; ') : message || code;
    return new PublishFailure('bad-post', say('publish.rest.wordpress.invalidParam', { detail }), log);
  }
  return statusFailure('wordpress', answer, message ? `${code}: ${message}` : describe(answer));
}

/** The JSON of a 2xx answer, or the failure it means. */
export function wpOk(site: WordPressSite, answer: PlatformAnswer, fileName?: string): unknown {
  if (answer.status >= 200 && answer.status < 300) return answer.json;
  throw wpFailure(site, answer, fileName);
}

/** A 2xx answer whose body is not what WordPress sends: the address is not a WordPress REST API. */
export function notWordPress(site: WordPressSite, answer: PlatformAnswer): PublishFailure {
  return new PublishFailure('disconnected', say('publish.rest.wordpress.notWordPress', { site: site.base }), `WordPress ${site.base}: unexpected answer ${describe(answer)}`);
}
