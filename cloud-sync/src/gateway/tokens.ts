import { GEN_PURPOSES, type GenPurpose, type GenToken } from '../../../src/shared/gateway.js';
import type { RevokedFamilies } from '../auth/revocations.js';
import { signClaims, TOKEN_ISSUER, tokenExpired, verifiedPayload, VerifiedTokens } from '../auth/jwt.js';
import { ApiError } from '../errors.js';

/**
 * Generation tokens: short-lived JWTs (same key and header as access tokens) with `scope: 'gen'`.
 * They open only the gateway's upstream routes (the SDKs send them as their API key), and access
 * tokens refuse them (verifyAccessToken rejects any `scope`). They carry the session (`fam`) they
 * were issued from, so signing out (the deny-list) kills them with the session's access tokens.
 */
export interface GenClaims {
  sub: string;
  role: 'user' | 'admin';
  fam: string;
  scope: 'gen';
  purpose: GenPurpose;
  job_ref: string | null;
  iat: number;
  exp: number;
  iss: string;
}

/**
 * How long a generation token lives unless configured. A studio job runs on the one token minted for
 * it, so the token outlives the longest job — a Replicate prediction polled for up to 20 minutes, a
 * Veo clip for 15 — lest a paid clip finish upstream after its job lost the right to fetch it.
 * Signing out revokes it at once (its session's family).
 */
export const GEN_TOKEN_TTL_MS = 60 * 60_000;

const invalid = (why: string) => new ApiError(401, 'GEN_TOKEN_REQUIRED', `generation token rejected: ${why}`);

export function signGenToken(
  secret: string,
  access: { sub: string; role: 'user' | 'admin'; fam: string },
  purpose: GenPurpose,
  jobRef: string | null,
  nowMs: number,
  ttlMs: number,
): GenToken {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + Math.floor(ttlMs / 1000);
  const claims: GenClaims = { sub: access.sub, role: access.role, fam: access.fam, scope: 'gen', purpose, job_ref: jobRef, iat, exp, iss: TOKEN_ISSUER };
  return { token: signClaims(secret, claims), expires_at: exp * 1000 };
}

/** A generation token's claims, or 401: not ours, not a generation token (an access token), or expired. Revocation is checked apart (GenTokenVerifier). */
export function genTokenClaims(secret: string, token: string, nowMs: number): GenClaims {
  const c = verifiedPayload(secret, token, invalid) as Partial<GenClaims>;
  if (c.scope !== 'gen') throw invalid('not a generation token (ask POST /v1/gen/tokens for one)');
  if (
    typeof c.sub !== 'string' ||
    typeof c.fam !== 'string' ||
    (c.role !== 'user' && c.role !== 'admin') ||
    typeof c.exp !== 'number' ||
    c.iss !== TOKEN_ISSUER ||
    !(GEN_PURPOSES as readonly unknown[]).includes(c.purpose) ||
    (c.job_ref !== null && typeof c.job_ref !== 'string')
  ) {
    throw invalid('malformed claims');
  }
  if (c.exp * 1000 <= nowMs) throw tokenExpired();
  return c as GenClaims;
}

/**
 * Generation tokens as every gateway call checks them: the signature and claims through the
 * verified-token cache (a job sends the same token for its whole life), then, on every call, its
 * session against the deny-list — signing out kills a cached token at once.
 */
export class GenTokenVerifier {
  private readonly tokens: VerifiedTokens<GenClaims>;

  constructor(
    secret: string,
    private readonly revoked: RevokedFamilies,
  ) {
    this.tokens = new VerifiedTokens((token, nowMs) => genTokenClaims(secret, token, nowMs));
  }

  /** The claims, or 401 (see genTokenClaims; TOKEN_REVOKED when its session was signed out). */
  async verify(token: string, nowMs: number): Promise<GenClaims> {
    const c = this.tokens.verify(token, nowMs);
    if (await this.revoked.isRevoked(c.fam)) throw new ApiError(401, 'TOKEN_REVOKED', 'this session was signed out; sign in again');
    return c;
  }
}

/** The token a generation SDK sends: Gemini's `x-goog-api-key`, Replicate's `Authorization: Bearer`. */
export function presentedGenToken(headers: Record<string, string | string[] | undefined>): string | null {
  const goog = headers['x-goog-api-key'];
  if (typeof goog === 'string' && goog.trim()) return goog.trim();
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return null;
}
