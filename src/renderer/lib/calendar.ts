/**
 * Date math of the publishing calendar (Scheduler page and Composer). Days,
 * weeks and months are the viewer's local calendar (the Date object's zone),
 * so a day is not always 24 hours (DST); every step goes through the local
 * calendar fields, never by adding milliseconds. An account's own zone is read
 * with Intl only to show its wall time beside the local one.
 */

export const CALENDAR_VIEWS = ['month', 'week', 'list'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];
/** 0: weeks start on Sunday (Taiwan, mainland calendars and the US); 1: Monday. */
export type WeekStart = 0 | 1;

export function startOfDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** The same local wall time `n` calendar days later (23 or 25 hours over a DST change). */
export function addDays(ms: number, n: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n, d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()).getTime();
}

export function startOfWeek(ms: number, weekStart: WeekStart): number {
  const day = startOfDay(ms);
  const back = (new Date(day).getDay() - weekStart + 7) % 7;
  return addDays(day, -back);
}

export function startOfMonth(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
}

/** The first day of the month `n` months away. */
export function addMonths(ms: number, n: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth() + n, 1).getTime();
}

/** The seven days (their local midnights) of the week holding `anchor`. */
export function weekDays(anchor: number, weekStart: WeekStart): number[] {
  const first = startOfWeek(anchor, weekStart);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/** The weeks shown for a month: from the week holding the 1st to the week holding the last day (4 to 6 rows). */
export function monthGrid(anchor: number, weekStart: WeekStart): number[][] {
  const first = startOfMonth(anchor);
  const next = addMonths(anchor, 1);
  const weeks: number[][] = [];
  for (let week = startOfWeek(first, weekStart); week < next; week = addDays(week, 7)) weeks.push(weekDays(week, weekStart));
  return weeks;
}

/** What a view shows: [from, to) in Unix ms. The list shows the anchor's month, like the month view. */
export function visibleRange(view: CalendarView, anchor: number, weekStart: WeekStart): { from: number; to: number } {
  if (view === 'week') {
    const from = startOfWeek(anchor, weekStart);
    return { from, to: addDays(from, 7) };
  }
  if (view === 'list') return { from: startOfMonth(anchor), to: addMonths(anchor, 1) };
  const weeks = monthGrid(anchor, weekStart);
  return { from: weeks[0]![0]!, to: addDays(weeks[weeks.length - 1]![6]!, 1) };
}

/** The anchor one page earlier or later (a week in the week view, a month otherwise). */
export function stepAnchor(view: CalendarView, anchor: number, direction: -1 | 1): number {
  return view === 'week' ? addDays(startOfDay(anchor), 7 * direction) : addMonths(anchor, direction);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the local day: groups posts into the calendar's cells. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function sameMonth(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth();
}

/** A post dropped on another day keeps its local time of day. */
export function moveToDay(at: number, dayStart: number): number {
  const from = new Date(at);
  const day = new Date(dayStart);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), from.getHours(), from.getMinutes()).getTime();
}

/** A post dropped on an hour slot of the week view keeps its minutes. */
export function moveToSlot(at: number, dayStart: number, hour: number): number {
  const day = new Date(dayStart);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, new Date(at).getMinutes()).getTime();
}

export type MoveKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/**
 * The keyboard's alternative to dragging (Alt+arrow on a post): left and right
 * move a day; up and down move a week in the month and list views, an hour in
 * the week view (where the rows are hours).
 */
export function keyboardMove(at: number, key: MoveKey, view: CalendarView): number {
  const sign = key === 'ArrowLeft' || key === 'ArrowUp' ? -1 : 1;
  if (key === 'ArrowLeft' || key === 'ArrowRight') return addDays(at, sign);
  if (view === 'week') {
    const d = new Date(at);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours() + sign, d.getMinutes()).getTime();
  }
  return addDays(at, 7 * sign);
}

/** Items by local day, each day's in time order; items without a time are left out. */
export function groupByDay<T>(items: readonly T[], timeOf: (item: T) => number | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  const timed = items.filter((i) => timeOf(i) !== null).sort((a, b) => timeOf(a)! - timeOf(b)!);
  for (const item of timed) {
    const key = dayKey(timeOf(item)!);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall time at `ms` in an IANA zone. */
export function zonedParts(ms: number, timeZone: string): WallTime {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    partFormats.set(timeZone, format);
  }
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of format.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute! };
}

/** Minutes the zone is ahead of UTC at `ms` (Asia/Taipei: 480). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const w = zonedParts(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/** Whether an account's zone shows another wall time than the viewer's at `ms` (then both are shown). */
export function differsFromLocal(ms: number, timeZone: string): boolean {
  return zoneOffsetMinutes(ms, timeZone) !== -new Date(ms).getTimezoneOffset();
}

/** A `datetime-local` input's value for `ms` in local time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${dayKey(ms)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Unix ms from a `datetime-local` value (local time); null when it is not one. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const d = new Date(year, month - 1, day, hour, minute);
  return d.getMonth() === month - 1 && d.getDate() === day ? d.getTime() : null;
}
