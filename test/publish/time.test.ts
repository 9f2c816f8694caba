import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUtcIso, formatWallClock, formatZonedIso, parseTime, wallClockAt, zonedToUtc } from '../../src/shared/publish/time.js';

const at = (iso: string) => Date.parse(iso);
const wall = (s: string) => {
  const [d, t] = s.split(' ');
  const [year, month, day] = d!.split('-').map(Number);
  const [hour, minute] = t!.split(':').map(Number);
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: 0 };
};

describe('wall clock in a zone → UTC', () => {
  it('Asia/Taipei is UTC+8 all year (no DST)', () => {
    expect(zonedToUtc(wall('2026-12-05 09:00'), 'Asia/Taipei')).toEqual({ ok: true, utc: at('2026-12-05T01:00:00Z'), ambiguous: false });
    expect(zonedToUtc(wall('2026-07-01 00:30'), 'Asia/Taipei')).toEqual({ ok: true, utc: at('2026-06-30T16:30:00Z'), ambiguous: false });
  });

  it('America/New_York: EST in winter, EDT in summer', () => {
    expect(zonedToUtc(wall('2026-01-15 09:00'), 'America/New_York')).toMatchObject({ ok: true, utc: at('2026-01-15T14:00:00Z') });
    expect(zonedToUtc(wall('2026-07-15 09:00'), 'America/New_York')).toMatchObject({ ok: true, utc: at('2026-07-15T13:00:00Z') });
  });

  it('refuses a time the spring-forward skips (2026-03-08 02:30 never happens in New York)', () => {
    expect(zonedToUtc(wall('2026-03-08 02:30'), 'America/New_York')).toEqual({ ok: false, problem: 'nonexistent' });
    // Either side of the gap is fine.
    expect(zonedToUtc(wall('2026-03-08 01:59'), 'America/New_York')).toMatchObject({ ok: true, utc: at('2026-03-08T06:59:00Z'), ambiguous: false });
    expect(zonedToUtc(wall('2026-03-08 03:00'), 'America/New_York')).toMatchObject({ ok: true, utc: at('2026-03-08T07:00:00Z'), ambiguous: false });
  });

  it('takes the earlier instant of a fall-back time that happens twice, and says it was ambiguous', () => {
    // 2026-11-01 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(zonedToUtc(wall('2026-11-01 01:30'), 'America/New_York')).toEqual({ ok: true, utc: at('2026-11-01T05:30:00Z'), ambiguous: true });
    expect(zonedToUtc(wall('2026-11-01 02:00'), 'America/New_York')).toEqual({ ok: true, utc: at('2026-11-01T07:00:00Z'), ambiguous: false });
    expect(zonedToUtc(wall('2026-11-01 00:59'), 'America/New_York')).toEqual({ ok: true, utc: at('2026-11-01T04:59:00Z'), ambiguous: false });
  });

  it('refuses dates that do not exist and zones that are not zones', () => {
    expect(zonedToUtc(wall('2026-02-30 09:00'), 'Asia/Taipei')).toEqual({ ok: false, problem: 'invalid-date' });
    expect(zonedToUtc(wall('2026-12-05 24:00'), 'Asia/Taipei')).toEqual({ ok: false, problem: 'invalid-date' });
    expect(zonedToUtc(wall('2026-12-05 09:00'), 'Mars/Olympus')).toEqual({ ok: false, problem: 'bad-zone' });
  });
});

describe('parseTime', () => {
  it('takes ISO 8601 with an offset as that instant, whatever the zone', () => {
    expect(parseTime('2026-12-05T09:00:00+08:00', 'America/New_York')).toEqual({ ok: true, utc: at('2026-12-05T01:00:00Z'), ambiguous: false, explicitOffset: true });
    expect(parseTime('2026-12-05T01:00Z', 'Asia/Taipei')).toMatchObject({ ok: true, utc: at('2026-12-05T01:00:00Z') });
    expect(parseTime('2026-03-08T02:30:00.000-0500', 'Asia/Taipei')).toMatchObject({ ok: true, utc: at('2026-03-08T07:30:00Z') });
  });

  it("reads a wall clock in the account's zone, also as Excel rewrites it (2026/12/5 9:00)", () => {
    expect(parseTime('2026-12-05 09:00', 'Asia/Taipei')).toEqual({ ok: true, utc: at('2026-12-05T01:00:00Z'), ambiguous: false, explicitOffset: false });
    expect(parseTime('2026/12/5 9:00', 'Asia/Taipei')).toMatchObject({ ok: true, utc: at('2026-12-05T01:00:00Z') });
    expect(parseTime(' 2026-12-05T09:00:30 ', 'America/New_York')).toMatchObject({ ok: true, utc: at('2026-12-05T14:00:30Z') });
  });

  it('refuses what cannot be read, saying why', () => {
    expect(parseTime('', 'Asia/Taipei')).toEqual({ ok: false, problem: 'empty' });
    expect(parseTime('5/12/2026 09:00', 'Asia/Taipei')).toEqual({ ok: false, problem: 'format' });
    expect(parseTime('tomorrow', 'Asia/Taipei')).toEqual({ ok: false, problem: 'format' });
    expect(parseTime('2026-12-05', 'Asia/Taipei')).toEqual({ ok: false, problem: 'format' });
    expect(parseTime('2026-13-05 09:00', 'Asia/Taipei')).toEqual({ ok: false, problem: 'invalid-date' });
    expect(parseTime('2026-03-08 02:30', 'America/New_York')).toEqual({ ok: false, problem: 'nonexistent' });
    expect(parseTime('2026-11-01 01:30', 'America/New_York')).toMatchObject({ ok: true, ambiguous: true, utc: at('2026-11-01T05:30:00Z') });
  });
});

describe('UTC → wall clock', () => {
  it('shows the zone’s clock and offset on both sides of each DST change', () => {
    expect(formatWallClock(at('2026-12-05T01:00:00Z'), 'Asia/Taipei')).toBe('2026-12-05 09:00');
    expect(formatZonedIso(at('2026-12-05T01:00:00Z'), 'Asia/Taipei')).toBe('2026-12-05T09:00:00+08:00');
    expect(formatZonedIso(at('2026-03-08T06:59:00Z'), 'America/New_York')).toBe('2026-03-08T01:59:00-05:00');
    expect(formatZonedIso(at('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
    expect(formatZonedIso(at('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
    expect(formatZonedIso(at('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30:00-05:00');
    expect(formatUtcIso(at('2026-11-01T06:30:00.250Z'))).toBe('2026-11-01T06:30:00Z');
  });

  it('an exported time reads back as the same instant, even the second 01:30 of a fall-back night', () => {
    for (const utc of [at('2026-11-01T05:30:00Z'), at('2026-11-01T06:30:00Z'), at('2026-03-08T07:00:00Z'), at('2026-12-31T23:59:00Z')]) {
      for (const zone of ['America/New_York', 'Asia/Taipei']) {
        expect(parseTime(formatZonedIso(utc, zone), zone)).toMatchObject({ ok: true, utc });
      }
    }
  });
});

describe('any time, any of these zones', () => {
  const zones = fc.constantFrom('America/New_York', 'Asia/Taipei', 'Europe/London', 'Australia/Lord_Howe', 'UTC');

  it('a wall clock that exists maps to an instant showing that wall clock; one that does not is refused (never moved)', () => {
    const seen = { nonexistent: 0, ambiguous: 0 };
    fc.assert(
      fc.property(
        zones,
        fc.integer({ min: 2020, max: 2035 }),
        // Half the months and hours drawn where the clocks change (spring and autumn, small hours), so the gaps and overlaps are hit.
        fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(3, 4, 10, 11)),
        fc.integer({ min: 1, max: 28 }),
        fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 3 })),
        fc.integer({ min: 0, max: 59 }),
        (zone, year, month, day, hour, minute) => {
        const w = { year, month, day, hour, minute, second: 0 };
        const r = zonedToUtc(w, zone);
        if (r.ok) {
          expect(wallClockAt(r.utc, zone)).toEqual(w);
          // Ambiguous exactly when the clock shows it again an hour later (Lord Howe: half an hour), and then it is the earlier.
          const again = [1_800_000, 3_600_000].some((d) => JSON.stringify(wallClockAt(r.utc + d, zone)) === JSON.stringify(w));
          expect(r.ambiguous).toBe(again);
        } else {
          expect(r.problem).toBe('nonexistent');
          seen.nonexistent++;
        }
        if (r.ok && r.ambiguous) seen.ambiguous++;
      }),
      { numRuns: 10_000 },
    );
    // The draw did reach both DST cases.
    expect(seen.nonexistent).toBeGreaterThan(0);
    expect(seen.ambiguous).toBeGreaterThan(0);
  });

  it('every instant, written in a zone with its offset, reads back as itself', () => {
    fc.assert(
      fc.property(zones, fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }), (zone, minutes) => {
        const utc = minutes * 60_000;
        expect(parseTime(formatZonedIso(utc, zone), zone)).toMatchObject({ ok: true, utc });
      }),
      { numRuns: 2000 },
    );
  });
});
