import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.js';

/** HS256 JSON Web Tokens (RFC 7519), signed with the key from KINGJAM_JWT_SECRET. */
export interface AccessClaims {
  sub: string;
  role: 'user' | 'admin';
  /** The session (refresh-token family) it was issued to: revoking the family revokes the token. */
  fam: string;
  iat: number;
  exp: number;
  iss: string;
}

const ISSUER = 'kingjam-cloud';
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function mac(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function signAccessToken(secret: string, sub: string, role: 'user' | 'admin', fam: string, nowMs: number, ttlMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const claims: AccessClaims = { sub, role, fam, iat, exp: iat + Math.floor(ttlMs / 1000), iss: ISSUER };
  return signClaims(secret, claims);
}

/** Signs any claims with our one header; the token kinds differ by their claims (a scoped token has `scope`). */
export function signClaims(secret: string, claims: object): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

const invalid = (why: string) => new ApiError(401, 'INVALID_TOKEN', `access token rejected: ${why}`);

/** The payload of a token signed with our key and header, not yet checked for its kind or expiry. */
export function verifiedPayload(secret: string, token: string, invalid: (why: string) => ApiError): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid('malformed');
  const [header, payload, signature] = parts as [string, string, string];
  // Only our exact header is accepted: no alg=none, no algorithm confusion.
  if (header !== HEADER) throw invalid('unexpected header');
  const expected = mac(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('bad signature');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid('malformed payload');
  }
  if (typeof claims !== 'object' || claims === null) throw invalid('malformed payload');
  return claims as Record<string, unknown>;
}

export const TOKEN_ISSUER = ISSUER;

export function verifyAccessToken(secret: string, token: string, nowMs: number): AccessClaims {
  const c = verifiedPayload(secret, token, invalid) as Partial<AccessClaims> & { scope?: unknown };
  // A scoped token (a generation token) opens only its own routes, never the account's.
  if (c.scope !== undefined) throw invalid('a scoped token cannot be used here');
  // A token without its session (issued before sessions could be revoked) is refused: the client refreshes it.
  if (typeof c.sub !== 'string' || typeof c.fam !== 'string' || (c.role !== 'user' && c.role !== 'admin') || typeof c.exp !== 'number' || c.iss !== ISSUER) throw invalid('malformed claims');
  if (c.exp * 1000 <= nowMs) throw tokenExpired();
  return c as AccessClaims;
}

export const tokenExpired = (): ApiError => new ApiError(401, 'TOKEN_EXPIRED', 'access token expired; refresh it');

/**
 * A token check (`check`: signature, claims, expiry) with a bounded cache of tokens that passed
 * it. Every authenticated request verifies its token, and a client sends the same one for up to
 * a day; the HMAC and the JSON decoding were ~5 % of the server's CPU per ledger call.
 *
 * Safe because the signature and claims of a token never change: a token that verified once
 * verifies again until its `exp` under the same key. Revocation (logout, a password change, a
 * reused refresh token) is a separate check on the token's session (`RevokedFamilies`), made on
 * every request after this one.
 * The key is the whole token, signature included, so a token differing in any byte — a forged
 * signature too — misses and goes through the full check. Only successes are cached, and `exp`
 * is checked again on every use. Least recently used entries go first past `max`.
 */
export class VerifiedTokens<C extends { exp: number }> {
  private readonly verified = new Map<string, C>();

  constructor(
    private readonly check: (token: string, nowMs: number) => C,
    private readonly max = 10_000,
  ) {}

  verify(token: string, nowMs: number): C {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.exp * 1000 <= nowMs) {
        this.verified.delete(token);
        throw tokenExpired();
      }
      // Move it to the young end: a Map iterates in insertion order.
      this.verified.delete(token);
      this.verified.set(token, cached);
      return cached;
    }
    const claims = this.check(token, nowMs);
    if (this.verified.size >= this.max) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    // Frozen: callers share the cached object, and none may change what a later request sees.
    this.verified.set(token, Object.freeze(claims));
    return claims;
  }

  get size(): number {
    return this.verified.size;
  }
}

/** verifyAccessToken behind the verified-token cache. */
export class AccessTokenVerifier extends VerifiedTokens<AccessClaims> {
  constructor(secret: string, max = 10_000) {
    super((token, nowMs) => verifyAccessToken(secret, token, nowMs), max);
  }
}
