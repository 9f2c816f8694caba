import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  differsFromLocal,
  fromLocalInput,
  groupByDay,
  keyboardMove,
  monthGrid,
  moveToDay,
  moveToSlot,
  stepAnchor,
  toLocalInput,
  visibleRange,
  weekDays,
  zonedParts,
  zoneOffsetMinutes,
} from '../../src/renderer/lib/calendar.js';

/**
 * The calendar's date math, run in a zone with DST (New York: 2026-03-08 has
 * 23 hours, 2026-11-01 has 25) so a step by 24 hours would be caught.
 */
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  process.env.TZ = savedTz;
});

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const wall = (ms: number) => {
  const d = new Date(ms);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()];
};

describe('calendar days in a DST zone', () => {
  it('runs in the DST zone it claims (otherwise the other tests prove nothing)', () => {
    expect(new Date(local(2026, 3, 8, 12)).getTimezoneOffset()).toBe(240);
    expect(new Date(local(2026, 3, 7, 12)).getTimezoneOffset()).toBe(300);
  });

  it('addDays keeps the wall time across the spring and autumn changes', () => {
    expect(wall(addDays(local(2026, 3, 7, 9, 30), 1))).toEqual([2026, 3, 8, 9, 30]);
    expect(addDays(local(2026, 3, 7, 9, 30), 1) - local(2026, 3, 7, 9, 30)).toBe(23 * 3600_000);
    expect(wall(addDays(local(2026, 10, 31, 9, 30), 1))).toEqual([2026, 11, 1, 9, 30]);
    expect(wall(addDays(local(2026, 1, 31, 8), 1))).toEqual([2026, 2, 1, 8, 0]);
  });

  it('a week starts on Sunday or Monday as asked, and has seven local midnights', () => {
    const wed = local(2026, 3, 11, 15);
    expect(weekDays(wed, 0).map((d) => wall(d).slice(0, 4))).toEqual([
      [2026, 3, 8, 0],
      [2026, 3, 9, 0],
      [2026, 3, 10, 0],
      [2026, 3, 11, 0],
      [2026, 3, 12, 0],
      [2026, 3, 13, 0],
      [2026, 3, 14, 0],
    ]);
    expect(wall(weekDays(local(2026, 3, 8, 1), 1)[0]!)).toEqual([2026, 3, 2, 0, 0]);
  });

  it('the month grid covers the month in whole weeks: February 2026 (starts on a Sunday) is four rows, March five, August six', () => {
    const feb = monthGrid(local(2026, 2, 14), 0);
    expect(feb).toHaveLength(4);
    expect(wall(feb[0]![0]!)).toEqual([2026, 2, 1, 0, 0]);
    expect(wall(feb[3]![6]!)).toEqual([2026, 2, 28, 0, 0]);
    expect(monthGrid(local(2026, 3, 1), 0)).toHaveLength(5);
    const aug = monthGrid(local(2026, 8, 1), 0);
    expect(aug).toHaveLength(6);
    expect(wall(aug[0]![0]!)).toEqual([2026, 7, 26, 0, 0]);
    expect(wall(aug[5]![6]!)).toEqual([2026, 9, 5, 0, 0]);
  });

  it('visible ranges: the grid for a month, seven days for a week, the month for the list; steps by a month or a week', () => {
    const anchor = local(2026, 3, 11, 15);
    const month = visibleRange('month', anchor, 0);
    expect(wall(month.from)).toEqual([2026, 3, 1, 0, 0]);
    expect(wall(month.to)).toEqual([2026, 4, 5, 0, 0]);
    const week = visibleRange('week', anchor, 0);
    expect(week.to - week.from).toBe(7 * 24 * 3600_000 - 3600_000);
    expect(wall(visibleRange('list', anchor, 0).to)).toEqual([2026, 4, 1, 0, 0]);
    expect(wall(stepAnchor('month', local(2026, 1, 31), 1))).toEqual([2026, 2, 1, 0, 0]);
    expect(wall(stepAnchor('week', anchor, -1))).toEqual([2026, 3, 4, 0, 0]);
  });

  it('dropping on a day keeps the local time of day; on an hour slot keeps the minutes', () => {
    const at = local(2026, 3, 6, 18, 45);
    expect(wall(moveToDay(at, local(2026, 3, 9)))).toEqual([2026, 3, 9, 18, 45]);
    expect(wall(moveToSlot(at, local(2026, 3, 8), 9))).toEqual([2026, 3, 8, 9, 45]);
  });

  it('Alt+arrows move a day sideways, a week up and down (an hour in the week view)', () => {
    const at = local(2026, 3, 7, 10, 15);
    expect(wall(keyboardMove(at, 'ArrowRight', 'month'))).toEqual([2026, 3, 8, 10, 15]);
    expect(wall(keyboardMove(at, 'ArrowLeft', 'week'))).toEqual([2026, 3, 6, 10, 15]);
    expect(wall(keyboardMove(at, 'ArrowDown', 'month'))).toEqual([2026, 3, 14, 10, 15]);
    expect(wall(keyboardMove(at, 'ArrowUp', 'list'))).toEqual([2026, 2, 28, 10, 15]);
    expect(wall(keyboardMove(at, 'ArrowDown', 'week'))).toEqual([2026, 3, 7, 11, 15]);
    expect(wall(keyboardMove(local(2026, 3, 7, 23, 15), 'ArrowDown', 'week'))).toEqual([2026, 3, 8, 0, 15]);
  });

  it('groups posts by local day in time order and leaves out drafts without a time', () => {
    const posts = [
      { id: 'late', at: local(2026, 3, 8, 23, 30) },
      { id: 'draft', at: null },
      { id: 'early', at: local(2026, 3, 8, 0, 10) },
      { id: 'next', at: local(2026, 3, 9, 0, 0) },
    ];
    const days = groupByDay(posts, (p) => p.at);
    expect([...days.keys()]).toEqual(['2026-03-08', '2026-03-09']);
    expect(days.get('2026-03-08')!.map((p) => p.id)).toEqual(['early', 'late']);
  });
});

describe("an account's own zone", () => {
  it('reads the wall time in Asia/Taipei (no DST) and its offset', () => {
    const at = Date.UTC(2026, 2, 8, 1, 5);
    expect(zonedParts(at, 'Asia/Taipei')).toEqual({ year: 2026, month: 3, day: 8, hour: 9, minute: 5 });
    expect(zoneOffsetMinutes(at, 'Asia/Taipei')).toBe(480);
    expect(zonedParts(Date.UTC(2026, 2, 8, 16, 0), 'Asia/Taipei')).toEqual({ year: 2026, month: 3, day: 9, hour: 0, minute: 0 });
  });

  it('differs from local only when the offsets differ at that instant', () => {
    expect(differsFromLocal(local(2026, 3, 8, 12), 'Asia/Taipei')).toBe(true);
    expect(differsFromLocal(local(2026, 3, 8, 12), 'America/New_York')).toBe(false);
    // Toronto keeps New York's clock, DST included.
    expect(differsFromLocal(local(2026, 7, 1, 12), 'America/Toronto')).toBe(false);
    // Phoenix has no DST: the same as New York in winter, an hour off in summer.
    expect(differsFromLocal(local(2026, 1, 15, 12), 'America/Phoenix')).toBe(true);
    expect(zoneOffsetMinutes(local(2026, 1, 15, 12), 'America/Phoenix')).toBe(-420);
  });
});

describe('the datetime-local input', () => {
  it('round-trips a local time and refuses what is not a date', () => {
    const at = local(2026, 3, 8, 9, 5);
    expect(toLocalInput(at)).toBe('2026-03-08T09:05');
    expect(fromLocalInput('2026-03-08T09:05')).toBe(at);
    expect(fromLocalInput('2026-02-30T09:05')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });
});
