/**
 * The verified-token cache (AccessTokenVerifier) answers exactly as verifyAccessToken would:
 * an expired token is refused even after it verified, a token whose signature (or any byte) was
 * changed is refused even while the genuine one is cached, and the cache stays bounded.
 */
import { describe, expect, it } from 'vitest';
import { AccessTokenVerifier, signAccessToken, verifyAccessToken } from '../src/auth/jwt.js';
import { ApiError } from '../src/errors.js';

const SECRET = 'a'.repeat(40);
const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err.code;
    throw err;
  }
  return 'OK';
}

/** The same token with one character of its signature changed (still valid base64url). */
function tamperSignature(token: string): string {
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -2)}${last}${token.slice(-1)}`;
}

describe('AccessTokenVerifier', () => {
  it('accepts a valid token and answers the same claims from the cache', () => {
    const v = new AccessTokenVerifier(SECRET);
    const token = signAccessToken(SECRET, 'user-1', 'user', 'family-1', NOW, HOUR);
    const first = v.verify(token, NOW);
    expect(first).toEqual(verifyAccessToken(SECRET, token, NOW));
    expect(v.verify(token, NOW + 1000)).toEqual(first);
    expect(v.size).toBe(1);
  });

  it('refuses a cached token once it has expired, and forgets it', () => {
    const v = new AccessTokenVerifier(SECRET);
    const token = signAccessToken(SECRET, 'user-1', 'user', 'family-1', NOW, HOUR);
    expect(code(() => v.verify(token, NOW))).toBe('OK');
    expect(code(() => v.verify(token, NOW + HOUR - 1000))).toBe('OK');
    expect(code(() => v.verify(token, NOW + HOUR))).toBe('TOKEN_EXPIRED');
    expect(v.size).toBe(0);
    expect(code(() => v.verify(token, NOW + 2 * HOUR))).toBe('TOKEN_EXPIRED');
  });

  it('refuses a token with a wrong signature, while the genuine one is cached and after', () => {
    const v = new AccessTokenVerifier(SECRET);
    const token = signAccessToken(SECRET, 'user-1', 'user', 'family-1', NOW, HOUR);
    const forged = tamperSignature(token);
    expect(forged).not.toBe(token);
    expect(code(() => v.verify(token, NOW))).toBe('OK');
    expect(code(() => v.verify(forged, NOW))).toBe('INVALID_TOKEN');
    expect(code(() => v.verify(forged, NOW))).toBe('INVALID_TOKEN');
    // Signed with another key: same claims, different signature.
    const otherKey = signAccessToken('b'.repeat(40), 'user-1', 'user', 'family-1', NOW, HOUR);
    expect(code(() => v.verify(otherKey, NOW))).toBe('INVALID_TOKEN');
    // A payload swapped in under the genuine signature (an admin role, say).
    const [header, , signature] = token.split('.');
    const admin = signAccessToken(SECRET, 'user-1', 'admin', 'family-1', NOW, HOUR).split('.')[1];
    expect(code(() => v.verify(`${header}.${admin}.${signature}`, NOW))).toBe('INVALID_TOKEN');
    expect(v.size).toBe(1);
  });

  it('hands out claims no caller can change for the next request', () => {
    const v = new AccessTokenVerifier(SECRET);
    const token = signAccessToken(SECRET, 'user-1', 'user', 'family-1', NOW, HOUR);
    const claims = v.verify(token, NOW);
    expect(() => {
      (claims as { role: string }).role = 'admin';
    }).toThrow(TypeError);
    expect(v.verify(token, NOW).role).toBe('user');
  });

  it('stays within its bound', () => {
    const v = new AccessTokenVerifier(SECRET, 3);
    const tokens = ['u1', 'u2', 'u3', 'u4'].map((sub) => signAccessToken(SECRET, sub, 'user', 'family-1', NOW, HOUR));
    for (const t of tokens) v.verify(t, NOW);
    expect(v.size).toBe(3);
    // Evicted or not, every token still verifies (an evicted one through the full check).
    for (const t of tokens) expect(v.verify(t, NOW).exp).toBe(Math.floor(NOW / 1000) + 3600);
    expect(v.size).toBe(3);
  });
});
