import { randomUUID } from 'node:crypto';
import type { SeriesInput, SeriesView } from '../../../src/shared/boxes/wire.js';
import type { Session, TestServer } from './http.js';

/** Blind-box fixtures: series bodies, buyers with an approved identity (and birth date), credits. */

/** A 1×1 PNG (the real bytes, so the magic-byte check passes). */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export function seriesBody(over: Partial<SeriesInput> = {}): SeriesInput {
  return {
    title: 'Night market friends',
    description: 'Five figures of the night market',
    price: 30,
    daily_limit: 1000,
    starts_at: 0,
    ends_at: null,
    guarantee: null,
    items: [
      { name: 'Bubble tea cat', tier: 'regular', odds_ppm: 600_000, stock: null, character: { id: 'c1', name: 'Cat' }, image: { content_type: 'image/png', data_base64: PNG_1X1.toString('base64') }, production_pack: null },
      { name: 'Oyster omelette dog', tier: 'regular', odds_ppm: 300_000, stock: null, character: null, image: null, production_pack: null },
      { name: 'Golden lantern', tier: 'rare', odds_ppm: 90_000, stock: null, character: null, image: null, production_pack: { name: 'lantern.zip', bytes: 1234, sha256: 'a'.repeat(64) } },
      { name: 'Moon rabbit', tier: 'secret', odds_ppm: 10_000, stock: null, character: null, image: null, production_pack: null },
    ],
    ...over,
  };
}

/** Creates and opens a series as `creator`; the view after opening. */
export async function openSeries(s: TestServer, creator: Session, body: SeriesInput = seriesBody()): Promise<SeriesView> {
  const c = await s.call<SeriesView>('POST', '/v1/boxes/series', body, creator.token);
  if (c.status !== 201) throw new Error(`create series: ${c.status} ${JSON.stringify(c.body)}`);
  const o = await s.call<SeriesView>('POST', `/v1/boxes/series/${c.body.id}/open`, {}, creator.token);
  if (o.status !== 200) throw new Error(`open series: ${o.status} ${JSON.stringify(o.body)}`);
  return o.body;
}

let idCounter = 0;
/** A valid, unique Taiwan national ID number (A1 + seven digits + the check digit). */
export function taiwanId(): string {
  const body = `1${String(process.pid % 1000).padStart(3, '0')}${String(++idCounter).padStart(4, '0')}`;
  // Area A = 10: digits 1, 0 weighted 1 and 9.
  const weights = [8, 7, 6, 5, 4, 3, 2, 1];
  const sum = 1 * 1 + 0 * 9 + body.split('').reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return `A${body}${(10 - (sum % 10)) % 10}`;
}

/** Uploads a document, submits the identity with `birthDate` and has an admin approve it (all over HTTP). */
export async function verifyIdentity(s: TestServer, admin: Session, u: Session, birthDate: string | undefined): Promise<void> {
  const up = await fetch(`${s.base}/v1/verification/identity/document`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${u.token}` }, body: PNG_1X1 });
  if (up.status !== 201) throw new Error(`document: ${up.status} ${await up.text()}`);
  const { document_id } = (await up.json()) as { document_id: string };
  const sub = await s.call<{ id: string; birth_date: string | null }>('POST', '/v1/verification/identity', { national_id: taiwanId(), full_name: 'Test Buyer', document_id, ...(birthDate ? { birth_date: birthDate } : {}) }, u.token);
  if (sub.status !== 201) throw new Error(`identity: ${sub.status} ${JSON.stringify(sub.body)}`);
  const d = await s.call('POST', `/v1/admin/verifications/${sub.body.id}/decision`, { decision: 'approved', note: 'document matches' }, admin.token);
  if (d.status !== 200) throw new Error(`decision: ${d.status} ${JSON.stringify(d.body)}`);
}

export async function grant(s: TestServer, admin: Session, userId: string, amount: number): Promise<void> {
  const r = await s.call('POST', '/v1/admin/grants', { id: randomUUID(), user_id: userId, bucket: 'PAID', amount, reason: 'test credits' }, admin.token);
  if (r.status !== 200) throw new Error(`grant: ${r.status} ${JSON.stringify(r.body)}`);
}

/** A signed-up adult buyer (born 1990) with an approved identity and `credits` granted. */
export async function adultBuyer(s: TestServer, admin: Session, credits: number): Promise<Session> {
  const u = await s.register();
  await verifyIdentity(s, admin, u, '1990-05-17');
  if (credits > 0) await grant(s, admin, u.id, credits);
  return u;
}

export async function available(s: TestServer, u: Session): Promise<number> {
  const r = await s.call<{ available: number }>('GET', '/v1/ledger/balance', undefined, u.token);
  return r.body.available;
}

export const openBox = (s: TestServer, u: Session, seriesId: string, body: Record<string, unknown> = {}) =>
  s.call<Record<string, unknown>>('POST', `/v1/boxes/series/${seriesId}/openings`, { request_id: randomUUID(), notice_acknowledged: true, ...body }, u.token);
