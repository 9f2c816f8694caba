/**
 * Wall-clock times in an account's IANA time zone, with Intl only (no time
 * zone library: every runtime the studio runs in ships the zone database).
 *
 * A wall-clock time read in a zone is one instant, none or two:
 * - none when the clocks jump forward over it (America/New_York skips
 *   02:00–02:59 on the second Sunday of March): refused, because any instant
 *   we picked would be a time the user did not write;
 * - two when the clocks fall back over it (01:00–01:59 on the first Sunday of
 *   November happens twice): the earlier instant (the first 01:30, still on
 *   daylight time) is taken, and the caller is told so it can say it.
 */

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type ZonedTime =
  | { ok: true; utc: number; /** The wall clock happened twice; `utc` is the earlier one. */ ambiguous: boolean }
  | { ok: false; problem: 'invalid-date' | 'nonexistent' | 'bad-zone' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock an instant shows in a zone. */
export function wallClockAt(utc: number, zone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(utc))) parts[p.type] = p.value;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** The wall clock read as if it were UTC, in ms (a plain calendar computation). */
function asUtc(w: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

/** The zone's offset from UTC at an instant, in ms (+8 h in Taipei). Whole seconds: Intl shows no milliseconds. */
export function offsetAt(utc: number, zone: string): number {
  const whole = Math.floor(utc / 1000) * 1000;
  return asUtc(wallClockAt(whole, zone)) - whole;
}

const DAY = 86_400_000;

/** A wall-clock time in a zone as an instant (see the top of this file for the DST cases). */
export function zonedToUtc(w: WallClock, zone: string): ZonedTime {
  if (!isTimeZone(zone)) return { ok: false, problem: 'bad-zone' };
  const local = asUtc(w);
  const back = new Date(local);
  if (
    !Number.isFinite(local) ||
    back.getUTCMonth() !== w.month - 1 ||
    back.getUTCDate() !== w.day ||
    back.getUTCHours() !== w.hour ||
    w.minute > 59 ||
    w.second > 59 ||
    w.minute < 0 ||
    w.second < 0
  ) {
    return { ok: false, problem: 'invalid-date' };
  }
  // Zones change their offset at most once within a day of any time, so the
  // offsets a day before and after (and at) are the only candidates.
  const offsets = new Set([offsetAt(local - DAY, zone), offsetAt(local, zone), offsetAt(local + DAY, zone)]);
  const instants = [...offsets]
    .map((o) => local - o)
    .filter((t) => offsetAt(t, zone) === local - t)
    .sort((a, b) => a - b);
  const unique = [...new Set(instants)];
  if (unique.length === 0) return { ok: false, problem: 'nonexistent' };
  return { ok: true, utc: unique[0]!, ambiguous: unique.length > 1 };
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** `2026-12-05 09:00` as the zone's clock shows it (the calendar, the CLI). */
export function formatWallClock(utc: number, zone: string): string {
  const w = wallClockAt(utc, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** `+08:00`, `-04:00` */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** ISO 8601 with the zone's offset at that instant: `2026-12-05T09:00:00+08:00`. Unambiguous, and still the zone's clock. */
export function formatZonedIso(utc: number, zone: string): string {
  const w = wallClockAt(utc, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${formatOffset(offsetAt(utc, zone))}`;
}

/** `2026-12-05T01:00:00Z` (seconds, no milliseconds: a schedule is to the minute). */
export function formatUtcIso(utc: number): string {
  return new Date(Math.floor(utc / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export type ParsedTime =
  | { ok: true; utc: number; ambiguous: boolean; /** Whether the text named its own offset (else it was read in the zone). */ explicitOffset: boolean }
  | { ok: false; problem: 'empty' | 'format' | 'invalid-date' | 'nonexistent' | 'bad-zone' };

// 2026-12-05T09:00:00+08:00, 2026-12-05 09:00Z, 2026-12-05T09:00:00.000-05:00
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
// 2026-12-05 09:00, 2026-12-05T09:00:30, and what Excel saves after reformatting a date: 2026/12/5 9:00
const WALL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)$/;

/**
 * A time as a user writes it in a CSV or on the command line: ISO 8601 with
 * an offset (taken as that instant), or a wall-clock `YYYY-MM-DD HH:mm`
 * (seconds optional, `/` accepted) read in `zone`. Day-first and month-first
 * dates (`5/12/2026`) are refused: nobody can tell which one was meant.
 */
export function parseTime(text: string, zone: string): ParsedTime {
  const s = text.trim();
  if (s === '') return { ok: false, problem: 'empty' };
  const iso = ISO_WITH_OFFSET.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, off] = iso;
    const w: WallClock = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(sec ?? 0) };
    const asZoned = zonedToUtc(w, 'UTC');
    if (!asZoned.ok) return { ok: false, problem: 'invalid-date' };
    let offsetMinutes = 0;
    if (off!.toUpperCase() !== 'Z') {
      const digits = off!.replace(':', '');
      offsetMinutes = (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
      if (Math.abs(offsetMinutes) > 18 * 60 || Number(digits.slice(3, 5)) > 59) return { ok: false, problem: 'format' };
    }
    return { ok: true, utc: asZoned.utc - offsetMinutes * 60_000, ambiguous: false, explicitOffset: true };
  }
  const wall = WALL.exec(s);
  if (!wall) return { ok: false, problem: 'format' };
  const [, y, mo, d, h, mi, sec] = wall;
  const zoned = zonedToUtc({ year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(sec ?? 0) }, zone);
  if (!zoned.ok) return zoned;
  return { ok: true, utc: zoned.utc, ambiguous: zoned.ambiguous, explicitOffset: false };
}
