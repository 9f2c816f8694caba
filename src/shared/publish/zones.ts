/**
 * Wall-clock times in an account's time zone (issue 13: each account has
 * one, Asia/Taipei by default). The outbox stores instants (UTC ms); the
 * calendar shows them in a zone, and CSV import turns a zone's wall-clock
 * time into an instant. Intl is the authority on zones and their DST rules.
 */
export interface WallTime {
  year: number;
  /** 1…12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time an instant shows in `zone`. */
export function wallTimeIn(instant: number, zone: string): WallTime {
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** Minutes `zone` is ahead of UTC at `instant`. */
function offsetMinutes(instant: number, zone: string): number {
  const w = wallTimeIn(instant, zone);
  const seconds = new Date(instant).getUTCSeconds();
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, seconds) - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time in `zone` names. A time skipped by a DST
 * change (02:30 on the night clocks go forward) is read with the offset
 * before the change, so it lands an hour later (03:30); a time that happens
 * twice (clocks going back) is its first occurrence.
 */
export function instantOf(wall: WallTime, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = offsetMinutes(asUtc - 86_400_000, zone);
  const after = offsetMinutes(asUtc + 86_400_000, zone);
  // Try each offset around the date; keep the one whose instant shows the same wall time.
  for (const offset of before === after ? [before] : [Math.max(before, after), Math.min(before, after)]) {
    const candidate = asUtc - offset * 60_000;
    const shown = wallTimeIn(candidate, zone);
    if (shown.hour === wall.hour && shown.minute === wall.minute && shown.day === wall.day) return candidate;
  }
  return asUtc - before * 60_000;
}
