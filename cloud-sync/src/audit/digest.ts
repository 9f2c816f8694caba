import type { KeyObject } from 'node:crypto';
import { sign } from 'node:crypto';

/**
 * The daily digest: the head of the audit log at the end of each Asia/Taipei day, signed with
 * Ed25519. Anyone who kept a digest can later show that the log then ended at that (seq, hash): a
 * log rewritten afterwards cannot reproduce the hash, and a new signature needs the private key.
 */

/** Asia/Taipei is UTC+8 all year (no daylight saving). */
export const TAIPEI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** A day is signed this long after it ends, so a transaction that began just before midnight has committed. */
export const DIGEST_GRACE_MS = 60_000;
/** At most this many days are signed per run (a server that was down for longer catches up over several runs). */
export const DIGEST_DAYS_PER_RUN = 400;

/** The Asia/Taipei calendar day (YYYY-MM-DD) of an epoch-ms time. */
export function taipeiDay(t: number): string {
  return new Date(t + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The epoch ms at which `day` (Asia/Taipei) ends. */
export function taipeiDayEnd(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - TAIPEI_OFFSET_MS + DAY_MS;
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The exact bytes a digest signs (UTF-8). */
export function digestMessage(day: string, seq: number, hash: string): string {
  return `kingjam-audit:${day}:${seq}:${hash}`;
}

export function signDigest(key: KeyObject, day: string, seq: number, hash: string): string {
  return sign(null, Buffer.from(digestMessage(day, seq, hash), 'utf8'), key).toString('base64');
}

/** The days to sign now: from `from` (inclusive) while the day has ended (plus the grace). */
export function daysToSign(from: string, now: number): string[] {
  const out: string[] = [];
  for (let d = from; taipeiDayEnd(d) + DIGEST_GRACE_MS <= now && out.length < DIGEST_DAYS_PER_RUN; d = nextDay(d)) out.push(d);
  return out;
}
