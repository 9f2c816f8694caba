import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EligibilityView, SeriesView } from '../../src/shared/boxes/wire.js';
import { ageOn, taipeiDate, taipeiDayStart } from '../src/boxes/compliance.js';
import type { Session, TestServer } from './support/http.js';
import { startServer } from './support/http.js';
import { grant, openBox, openSeries, verifyIdentity } from './support/boxes.js';

/** Who may buy (issue 18): no one under 8, minors only with a guardian's consent, ages from the approved identity in Asia/Taipei. */

/** The Asia/Taipei date `years` years before `at`, shifted by `days`. */
function bornYearsAgo(at: number, years: number, days = 0): string {
  const [y, m, d] = taipeiDate(at).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - years, m - 1, d + days)).toISOString().slice(0, 10);
}

describe('age in Asia/Taipei', () => {
  it('counts whole years on the Taipei calendar', () => {
    // 2026-03-01 15:59:59 UTC is 23:59:59 in Taipei; a second later the Taipei day is 2 March.
    const lastSecond = Date.UTC(2026, 2, 1, 15, 59, 59);
    expect(taipeiDate(lastSecond)).toBe('2026-03-01');
    expect(taipeiDate(lastSecond + 1000)).toBe('2026-03-02');
    expect(taipeiDayStart(lastSecond)).toBe(Date.UTC(2026, 1, 28, 16, 0, 0));
    expect(ageOn('2018-03-02', lastSecond)).toBe(7);
    expect(ageOn('2018-03-02', lastSecond + 1000)).toBe(8);
    expect(ageOn('2008-02-29', Date.UTC(2026, 1, 28, 4))).toBe(17);
    expect(ageOn('2008-02-29', Date.UTC(2026, 2, 1, 4))).toBe(18);
  });
});

describe('blind-box eligibility', () => {
  let s: TestServer;
  let admin: Session;
  let series: SeriesView;

  beforeAll(async () => {
    s = await startServer('sqlite');
    admin = await s.admin();
    series = await openSeries(s, await s.register());
  });
  afterAll(async () => s?.close());

  const eligibility = async (u: Session) => (await s.call<EligibilityView>('GET', '/v1/boxes/eligibility', undefined, u.token)).body;
  const code = (r: { body: Record<string, unknown> }) => (r.body.error as { code: string } | undefined)?.code;

  it('refuses a buyer without an approved identity, or without a birth date on it', async () => {
    const u = await s.register();
    await grant(s, admin, u.id, 100);
    expect((await eligibility(u)).status).toBe('needs_identity');
    expect(code(await openBox(s, u, series.id))).toBe('IDENTITY_NOT_VERIFIED');
    await verifyIdentity(s, admin, u, undefined);
    expect((await eligibility(u)).status).toBe('needs_birth_date');
    expect(code(await openBox(s, u, series.id))).toBe('BIRTH_DATE_REQUIRED');
  });

  it('refuses an account under 8 (the day before the 8th birthday too), even with a guardian', async () => {
    const u = await s.register();
    await grant(s, admin, u.id, 100);
    await verifyIdentity(s, admin, u, bornYearsAgo(s.clock.now(), 8, 1));
    expect(await eligibility(u)).toMatchObject({ status: 'under_min_age', age: 7 });
    expect((await s.call('POST', '/v1/boxes/guardian-consent', { guardian_name: 'Parent', relation: 'parent', guardian_phone: '0912345678', consent: true }, u.token)).status).toBe(200);
    const r = await openBox(s, u, series.id);
    expect([r.status, code(r)]).toEqual([403, 'AGE_RESTRICTED']);
    expect(await s.db.db.selectFrom('box_openings').select('id').where('user_id', '=', u.id).execute()).toHaveLength(0);
  });

  it('refuses a minor of 8 to 17 until a guardian consents, then sells', async () => {
    for (const birth of [bornYearsAgo(s.clock.now(), 8), bornYearsAgo(s.clock.now(), 18, 1)]) {
      const u = await s.register();
      await grant(s, admin, u.id, 100);
      await verifyIdentity(s, admin, u, birth);
      const e = await eligibility(u);
      expect(e.status).toBe('needs_guardian');
      expect([8, 17]).toContain(e.age);
      const refused = await openBox(s, u, series.id);
      expect([refused.status, code(refused)]).toEqual([403, 'GUARDIAN_CONSENT_REQUIRED']);
      const bad = await s.call('POST', '/v1/boxes/guardian-consent', { guardian_name: 'Parent', relation: 'parent', guardian_phone: '12', consent: true }, u.token);
      expect(bad.status).toBe(400);
      const c = await s.call<EligibilityView>('POST', '/v1/boxes/guardian-consent', { guardian_name: 'Parent Wang', relation: 'parent', guardian_phone: '0912-345-678', consent: true }, u.token);
      expect(c.body).toMatchObject({ status: 'ok', guardian: { name: 'Parent Wang', relation: 'parent' } });
      const row = await s.db.db.selectFrom('guardian_consents').selectAll().where('user_id', '=', u.id).executeTakeFirstOrThrow();
      expect(row.guardian_phone_masked).toBe('+886***678');
      expect(row.guardian_phone_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain('912345678');
      expect((await openBox(s, u, series.id)).status).toBe(201);
    }
  });

  it('sells to an adult without a guardian; refuses a birth date in the future or not on the calendar', async () => {
    const u = await s.register();
    await grant(s, admin, u.id, 100);
    await verifyIdentity(s, admin, u, bornYearsAgo(s.clock.now(), 18));
    expect(await eligibility(u)).toMatchObject({ status: 'ok', age: 18, guardian: null });
    expect((await openBox(s, u, series.id)).status).toBe(201);

    const v = await s.register();
    for (const birth_date of [bornYearsAgo(s.clock.now(), 0, 3), '2001-02-30', '1899-12-31', '20010101']) {
      const r = await s.call('POST', '/v1/verification/identity', { national_id: 'A123456789', full_name: 'X', document_id: '00000000-0000-4000-8000-000000000000', birth_date }, v.token);
      expect([birth_date, r.status]).toEqual([birth_date, 400]);
    }
  });
});
