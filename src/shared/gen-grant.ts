/**
 * The platform-paid daily grant (issue 15, seed §3.1.1: the photo studio's
 * free tier is one watermarked variant a day, free). On KingJam Cloud the
 * platform pays for it: the studio asks for it with a header on the one image
 * call, and the gateway lets that call through without a hold or a charge, at
 * most once per user per day.
 *
 *   x-kingjam-grant: photo-free-daily
 *
 * Only on a single image (count 1) of a standard-tier photo-studio image model
 * (Gemini's standard image tier, Seedream, FLUX Kontext); anything else is
 * refused with 403 GEN_GRANT_NOT_ELIGIBLE. A second grant the same day is
 * refused with 429 GEN_GRANT_USED, `details.resets_at` (ISO) and Retry-After.
 * The day is the calendar day in Asia/Taipei (UTC+8, no daylight saving; the
 * product's market), so it resets at 00:00 Taipei time = 16:00 UTC.
 */

export const GRANT_HEADER = 'x-kingjam-grant';

export const GEN_GRANTS = ['photo-free-daily'] as const;
export type GenGrant = (typeof GEN_GRANTS)[number];

/** Asia/Taipei is UTC+8 all year round. */
const TAIPEI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The Taipei calendar day of an instant, 'YYYY-MM-DD'. */
export function grantDay(atMs: number): string {
  return new Date(atMs + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (epoch ms) the grant of `atMs`'s Taipei day resets: the next 00:00 in Taipei. */
export function grantResetsAt(atMs: number): number {
  return (Math.floor((atMs + TAIPEI_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - TAIPEI_OFFSET_MS;
}

export function isGenGrant(value: unknown): value is GenGrant {
  return typeof value === 'string' && (GEN_GRANTS as readonly string[]).includes(value);
}
