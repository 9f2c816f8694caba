import type { PlatformConfig } from './platforms.js';

export interface TokenSet {
  access_token: string;
  refresh_token: string | null;
  /** Epoch ms, or null when the platform gives no expiry. */
  expires_at: number | null;
  scope: string | null;
}

/** A platform refused or failed; `reason` is the platform's error code/description, never a token. */
export class PlatformError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PlatformError';
  }
}

const s = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

async function readJson(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  let j: Record<string, unknown> = {};
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  if (!res.ok || j.error !== undefined) {
    // Only the error fields are quoted: a platform body may echo credentials elsewhere.
    const err = j.error;
    const code = typeof err === 'object' && err !== null ? s((err as Record<string, unknown>).code) ?? s((err as Record<string, unknown>).message) : s(err);
    const desc = s(j.error_description) ?? (typeof err === 'object' && err !== null ? s((err as Record<string, unknown>).message) : null);
    throw new PlatformError(`HTTP ${res.status}${code ? ` ${code}` : ''}${desc ? `: ${desc.slice(0, 200)}` : ''}`);
  }
  return j;
}

function tokens(j: Record<string, unknown>, now: number): TokenSet {
  const access = s(j.access_token);
  if (!access) throw new PlatformError('the platform answered without an access_token');
  const expiresIn = typeof j.expires_in === 'number' ? j.expires_in : typeof j.expires_in === 'string' ? Number(j.expires_in) : NaN;
  return { access_token: access, refresh_token: s(j.refresh_token), expires_at: Number.isFinite(expiresIn) ? now + expiresIn * 1000 : null, scope: s(j.scope) };
}

async function post(url: string, form: Record<string, string>): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams(form).toString(), signal: AbortSignal.timeout(20_000) });
  } catch (err) {
    throw new PlatformError(`network error: ${(err as Error).name}`);
  }
  return readJson(res);
}

export async function exchangeCode(p: PlatformConfig, code: string, redirectUri: string, verifier: string | null, now: number): Promise<TokenSet> {
  const j = await post(p.tokenUrl, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    [p.clientIdParam]: p.clientId,
    client_secret: p.clientSecret,
    ...(verifier ? { code_verifier: verifier } : {}),
  });
  return tokens(j, now);
}

/** Renews a token. Platforms that rotate refresh tokens answer a new one; others keep the old one (the caller keeps it). */
export async function refreshToken(p: PlatformConfig, current: { access: string; refresh: string | null }, now: number): Promise<TokenSet> {
  if (p.refresh === 'refresh_token') {
    if (!current.refresh) throw new PlatformError('no refresh token stored for this connection');
    return tokens(await post(p.tokenUrl, { grant_type: 'refresh_token', refresh_token: current.refresh, [p.clientIdParam]: p.clientId, client_secret: p.clientSecret }), now);
  }
  const url = new URL(p.refreshUrl ?? p.tokenUrl);
  if (p.refresh === 'th_refresh_token') {
    url.search = new URLSearchParams({ grant_type: 'th_refresh_token', access_token: current.access }).toString();
  } else {
    url.search = new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: p.clientId, client_secret: p.clientSecret, fb_exchange_token: current.access }).toString();
  }
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  } catch (err) {
    throw new PlatformError(`network error: ${(err as Error).name}`);
  }
  return tokens(await readJson(res), now);
}

export async function fetchProfile(p: PlatformConfig, accessToken: string): Promise<{ id: string; name: string }> {
  let res: Response;
  try {
    res = await fetch(p.profileUrl, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(20_000) });
  } catch (err) {
    throw new PlatformError(`network error: ${(err as Error).name}`);
  }
  const prof = p.profile(await readJson(res));
  if (!prof.id) throw new PlatformError('the platform did not say whose account this is');
  return { id: prof.id, name: prof.name || prof.id };
}
