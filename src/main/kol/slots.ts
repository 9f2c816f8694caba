import type { PostingLimits } from '../../shared/kol/persona.js';
import { wallClockAt, zonedToUtc, type WallClock } from '../../shared/publish/time.js';

/**
 * When a persona may post (issue 14): never inside its quiet hours (a span
 * whose start is after its end runs over midnight) and at most `perDay`
 * posts on one local day of its time zone. Pure: the caller counts the posts
 * already on a day.
 */
export type DayCount = (dayStart: number, dayEnd: number) => number;

export type SlotCheck = { ok: true } | { ok: false; reason: 'quiet' | 'perDay' };

/** How far ahead the next free slot is looked for before giving up. */
export const SLOT_SEARCH_DAYS = 366;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function inQuiet(w: WallClock, quiet: PostingLimits['quietHours']): boolean {
  if (!quiet) return false;
  const m = w.hour * 60 + w.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** The instant a local date's clock shows hh:mm (a time the clocks skip is taken an hour later). */
function localTime(year: number, month: number, day: number, minutes: number, zone: string): number {
  // Normalize the day (the 32nd is the 1st of the next month) with plain calendar arithmetic.
  const d = new Date(Date.UTC(year, month - 1, day));
  const w: WallClock = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 };
  const t = zonedToUtc(w, zone);
  if (t.ok) return t.utc;
  const later = zonedToUtc({ ...w, hour: Math.min(w.hour + 1, 23) }, zone);
  if (later.ok) return later.utc;
  throw new Error(`no instant for ${JSON.stringify(w)} in ${zone}`);
}

/** The local day `t` falls on, as [its first instant, the next day's first instant). */
export function localDay(t: number, zone: string): [number, number] {
  const w = wallClockAt(t, zone);
  return [localTime(w.year, w.month, w.day, 0, zone), localTime(w.year, w.month, w.day + 1, 0, zone)];
}

export function checkSlot(t: number, limits: PostingLimits, count: DayCount): SlotCheck {
  if (inQuiet(wallClockAt(t, limits.timeZone), limits.quietHours)) return { ok: false, reason: 'quiet' };
  const [start, end] = localDay(t, limits.timeZone);
  if (count(start, end) >= limits.perDay) return { ok: false, reason: 'perDay' };
  return { ok: true };
}

/** The first instant at or after `from` (to the minute) the limits allow; null when none within SLOT_SEARCH_DAYS. */
export function nextSlot(from: number, limits: PostingLimits, count: DayCount): number | null {
  const zone = limits.timeZone;
  let t = Math.ceil(from / 60_000) * 60_000;
  const until = from + SLOT_SEARCH_DAYS * 86_400_000;
  while (t <= until) {
    const w = wallClockAt(t, zone);
    if (limits.quietHours && inQuiet(w, limits.quietHours)) {
      // The quiet span ends at `end` today, or tomorrow when today's end has passed (a span over midnight).
      const endToday = localTime(w.year, w.month, w.day, minutesOf(limits.quietHours.end), zone);
      t = endToday > t ? endToday : localTime(w.year, w.month, w.day + 1, minutesOf(limits.quietHours.end), zone);
      continue;
    }
    const [start, end] = localDay(t, zone);
    if (count(start, end) >= limits.perDay) {
      t = end;
      continue;
    }
    return t;
  }
  return null;
}
