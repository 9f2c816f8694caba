import { ApiError } from '../errors.js';
import { OutboundRefused, safeFetch } from '../net/safe-fetch.js';
import type { SafeFetchOptions, SafeResponse } from '../net/safe-fetch.js';

export interface WordPressSite {
  site: string;
  username: string;
  app_password: string;
}

/** `status` is null when the site could not be reached. */
export type WordPressCheck = { ok: true; id: number; name: string } | { ok: false; status: number | null; reason: string };

/**
 * `GET /wp-json/wp/v2/users/me` with the application password over Basic
 * auth, through the SSRF guard: who the password belongs to, or why not
 * (with the site's status). A site outside the guard is a 400.
 */
export async function checkWordPress(s: WordPressSite, o: { allowPrivate: boolean | readonly string[]; resolve?: SafeFetchOptions['resolve'] }): Promise<WordPressCheck> {
  let res: SafeResponse;
  try {
    res = await safeFetch(`${s.site}/wp-json/wp/v2/users/me`, {
      headers: { authorization: `Basic ${Buffer.from(`${s.username}:${s.app_password}`).toString('base64')}`, accept: 'application/json' },
      timeoutMs: 15_000,
      maxBytes: 256 * 1024,
      allowPrivate: o.allowPrivate,
      ...(o.resolve ? { resolve: o.resolve } : {}),
    });
  } catch (err) {
    if (err instanceof OutboundRefused) throw new ApiError(400, 'SITE_NOT_ALLOWED', `the site must be a public https:// address (${err.reason})`);
    return { ok: false, status: null, reason: 'could not reach the site' };
  }
  let me: { id?: unknown; name?: unknown; code?: unknown } = {};
  try {
    me = JSON.parse(res.body.toString('utf8')) as typeof me;
  } catch {
    // Not JSON: answered below as a refusal.
  }
  if (res.status >= 200 && res.status < 300 && typeof me.id === 'number') return { ok: true, id: me.id, name: typeof me.name === 'string' ? me.name : s.username };
  return { ok: false, status: res.status, reason: `the site refused the application password (${typeof me.code === 'string' ? me.code : res.status})` };
}
