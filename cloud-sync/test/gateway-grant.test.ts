import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { imageCredits } from '../../src/shared/call-prices.js';
import { GATEWAY_MOUNTS, type GenCostReport } from '../../src/shared/gateway.js';
import { GRANT_HEADER, grantDay, grantResetsAt } from '../../src/shared/gen-grant.js';
import { findModel } from '../../src/shared/models.js';
import { sendJson } from '../../test/providers/fake-server.js';
import { startReplicateFake, type ReplicateFake } from '../../test/providers/replicate-fake.js';
import { describeEachDb } from './support/db.js';
import { startGateway, type GatewayHarness } from './support/gateway.js';
import type { Session } from './support/http.js';

/**
 * The platform-paid free daily photo (x-kingjam-grant: photo-free-daily) on the real gateway, over
 * the Gemini and Replicate wire formats against loopback fakes: one free image per user per Taipei
 * day, nothing held or charged for it, recorded as a grant, given back when nothing was made.
 */

const IMAGE = 'gemini-3.1-flash-image';
const FINE_IMAGE = 'gemini-3-pro-image';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const imageAnswer = { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: PNG } }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 1290 } };

interface Answer {
  status: number;
  headers: Headers;
  body: { error?: { code: string; message: string; details?: Record<string, unknown> } } & Record<string, unknown>;
}

describeEachDb('gateway: the free daily photo grant', (kind) => {
  let g: GatewayHarness;
  let replicate: ReplicateFake;
  beforeAll(async () => {
    replicate = await startReplicateFake();
    g = await startGateway(kind, { replicateApiToken: replicate.token, replicateBaseUrl: replicate.baseUrl, ratePerMinute: 1_000 });
  });
  afterAll(async () => {
    await g?.close();
    await replicate?.close();
  });
  beforeEach(() => {
    g.fake.seen.length = 0;
    replicate.reset();
    g.route = (_req, res) => sendJson(res, 200, imageAnswer);
    // Each test starts a minute before a Taipei midnight, so "the next day" is one step away.
    g.s.clock.set(grantResetsAt(Date.now()) - 60_000);
  });

  async function user(): Promise<{ session: Session; token: string }> {
    const session = await g.s.register();
    return { session, token: await g.genToken(session, 'image') };
  }

  async function post(url: string, headers: Record<string, string>, body: unknown): Promise<Answer> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Answer['body'] };
  }

  /** generateContent on the gateway's Gemini mount, as @google/genai sends it, optionally asking for the grant. */
  const image = (token: string, opts: { grant?: boolean; model?: string; candidateCount?: number } = {}) =>
    post(
      `${g.s.base}${GATEWAY_MOUNTS.gemini}/v1beta/models/${opts.model ?? IMAGE}:generateContent`,
      { 'x-goog-api-key': token, ...(opts.grant === false ? {} : { [GRANT_HEADER]: 'photo-free-daily' }) },
      { contents: [{ role: 'user', parts: [{ text: 'A family in a snowy courtyard' }] }], generationConfig: { responseModalities: ['IMAGE'], ...(opts.candidateCount ? { candidateCount: opts.candidateCount } : {}) } },
    );

  const grants = (userId: string) => g.s.db.db.selectFrom('gen_grants').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  const callRows = (userId: string) => g.s.db.db.selectFrom('gen_calls').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  const listPrice = imageCredits(findModel('gemini', IMAGE)!, 1);

  it('makes the first free image of the day without a hold or a charge, recorded as a grant at its list price', async () => {
    const u = await user();
    const before = await g.available(u.session);
    const r = await image(u.token);
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).toContain(PNG);
    expect(g.fake.seen).toHaveLength(1);
    expect(await g.available(u.session)).toBe(before);
    const [call] = await callRows(u.session.id);
    expect(call).toMatchObject({ status: 'succeeded', grant_kind: 'photo-free-daily', held: 0, credits: 0, hold_id: null, model: IMAGE });
    expect(JSON.parse(call!.units)).toEqual({ images: 1 });
    // No ledger entry of any kind for the call.
    expect(await g.ledgerOf(call!.id)).toEqual({ hold: null, journal: [] });
    expect(await grants(u.session.id)).toEqual([expect.objectContaining({ day: grantDay(g.s.clock.now()), kind: 'photo-free-daily', call_id: call!.id, list_credits: listPrice })]);
    // A paid image (no grant) is still charged as any image.
    expect((await image(u.token, { grant: false })).status).toBe(200);
    expect(before - (await g.available(u.session))).toBe(listPrice);
    // The admin's cost report shows what the free calls cost the platform.
    const admin = await g.s.admin();
    const report = await g.s.call<GenCostReport>('GET', `/v1/admin/gen/costs?from=${g.s.clock.now() - 1}&to=${g.s.clock.now() + 1}`, undefined, admin.token);
    const row = report.body.rows.find((r) => r.model === IMAGE)!;
    expect(row.granted).toBeGreaterThanOrEqual(1);
    expect(row.granted_credits).toBe(row.granted * listPrice);
  });

  it('refuses a second free image the same Taipei day with when it resets, and grants again the next day', async () => {
    const u = await user();
    const before = await g.available(u.session);
    expect((await image(u.token)).status).toBe(200);
    const second = await image(u.token);
    const resets = grantResetsAt(g.s.clock.now());
    expect(second.status).toBe(429);
    expect(second.body.error).toMatchObject({
      code: 'GEN_GRANT_USED',
      details: { resets_at: new Date(resets).toISOString(), key: 'photo.grant.used', params: { date: grantDay(resets) }, retry_after_seconds: 60 },
    });
    // 00:00 in Taipei is 16:00 UTC.
    expect(new Date(resets).toISOString()).toMatch(/T16:00:00\.000Z$/);
    expect(second.headers.get('retry-after')).toBe('60');
    expect(g.fake.seen).toHaveLength(1);
    expect(await g.available(u.session)).toBe(before);

    g.s.clock.set(resets + 1_000);
    const next = await image(u.token);
    expect(next.status).toBe(200);
    expect(await g.available(u.session)).toBe(before);
    expect((await grants(u.session.id)).map((r) => r.day)).toEqual([grantDay(resets - 1), grantDay(resets)]);
  });

  it('gives exactly one of ten concurrent free requests the grant', async () => {
    const u = await user();
    const before = await g.available(u.session);
    // The upstream answers slowly, so the ten are in flight together.
    g.route = (_req, res) => void setTimeout(() => sendJson(res, 200, imageAnswer), 100);
    const answers = await Promise.all(Array.from({ length: 10 }, () => image(u.token)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array<number>(9).fill(429)]);
    expect(answers.filter((a) => a.status === 429).every((a) => a.body.error?.code === 'GEN_GRANT_USED')).toBe(true);
    expect(g.fake.seen).toHaveLength(1);
    expect(await grants(u.session.id)).toHaveLength(1);
    expect(await g.available(u.session)).toBe(before);
  });

  it('gives the grant back when the upstream fails or makes no image, so the user can try again that day', async () => {
    const u = await user();
    const before = await g.available(u.session);
    g.route = (_req, res) => sendJson(res, 500, { error: { code: 500, message: 'internal', status: 'INTERNAL' } });
    expect((await image(u.token)).status).toBe(500);
    expect(await grants(u.session.id)).toEqual([]);
    g.route = (_req, res) => sendJson(res, 200, { candidates: [{ content: { parts: [] }, finishReason: 'IMAGE_SAFETY' }] });
    expect((await image(u.token)).status).toBe(200);
    expect(await grants(u.session.id)).toEqual([]);
    g.route = (_req, res) => sendJson(res, 200, imageAnswer);
    expect((await image(u.token)).status).toBe(200);
    expect(await grants(u.session.id)).toHaveLength(1);
    // (The test clock stands still: the three rows share a created_at, so they are compared as a set.)
    expect((await callRows(u.session.id)).map((c) => [c.status, c.error_code, c.grant_kind]).sort()).toEqual([
      ['released', 'GEN_FILTERED', 'photo-free-daily'],
      ['released', 'GEN_UPSTREAM_ERROR', 'photo-free-daily'],
      ['succeeded', null, 'photo-free-daily'],
    ]);
    expect(await g.available(u.session)).toBe(before);
  });

  it('refuses the grant on a fine-tier model, on more than one image, on a text model and on an unknown grant, before anything is sent', async () => {
    const u = await user();
    const before = await g.available(u.session);
    for (const r of [await image(u.token, { model: FINE_IMAGE }), await image(u.token, { candidateCount: 2 }), await image(u.token, { model: 'gemini-3.5-flash' })]) {
      expect(r.status).toBe(403);
      expect(r.body.error?.code).toBe('GEN_GRANT_NOT_ELIGIBLE');
    }
    const unknown = await post(`${g.s.base}${GATEWAY_MOUNTS.gemini}/v1beta/models/${IMAGE}:generateContent`, { 'x-goog-api-key': u.token, [GRANT_HEADER]: 'everything-free' }, { contents: [{ parts: [{ text: 'x' }] }] });
    expect(unknown.status).toBe(403);
    expect(g.fake.seen).toHaveLength(0);
    expect(await grants(u.session.id)).toEqual([]);
    expect(await g.available(u.session)).toBe(before);
  });

  it('pays for one Seedream prediction: no hold while it runs, nothing charged when a poll sees it succeed; four images are refused', async () => {
    const u = await user();
    const before = await g.available(u.session);
    replicate.outcomes = [{ status: 'succeeded', afterPolls: 1, output: ['https://replicate.delivery/fake/seedream.png'] }];
    const url = `${g.s.base}${GATEWAY_MOUNTS.replicate}/models/bytedance/seedream-4/predictions`;
    const auth = { authorization: `Bearer ${u.token}`, [GRANT_HEADER]: 'photo-free-daily' };
    const four = await post(url, auth, { input: { prompt: 'a family', max_images: 4 } });
    expect(four.status).toBe(403);
    expect(four.body.error?.code).toBe('GEN_GRANT_NOT_ELIGIBLE');
    const created = await post(url, auth, { input: { prompt: 'a family' } });
    expect(created.status).toBe(201);
    const balance = async () => (await g.s.call<{ available: number; held: number }>('GET', '/v1/ledger/balance', undefined, u.session.token)).body;
    expect(await balance()).toMatchObject({ available: before, held: 0 });
    let status = '';
    for (let i = 0; i < 5 && status !== 'succeeded'; i++) {
      const res = await fetch(`${g.s.base}${GATEWAY_MOUNTS.replicate}/predictions/${String(created.body.id)}`, { headers: { authorization: `Bearer ${u.token}` } });
      status = ((await res.json()) as { status: string }).status;
    }
    expect(status).toBe('succeeded');
    expect(await balance()).toMatchObject({ available: before, held: 0 });
    const [row] = await callRows(u.session.id);
    expect(row).toMatchObject({ status: 'succeeded', grant_kind: 'photo-free-daily', credits: 0, held: 0 });
    expect(await grants(u.session.id)).toEqual([expect.objectContaining({ list_credits: imageCredits(findModel('replicate', 'bytedance/seedream-4')!, 1) })]);
    // The day's grant is gone for Gemini too.
    expect((await image(u.token)).status).toBe(429);
  });
});
