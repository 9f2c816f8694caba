import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { clipCredits } from '../../src/shared/call-prices.js';
import { sendJson, waitFor } from '../../test/providers/fake-server.js';
import { describeEachDb } from './support/db.js';
import { PLATFORM_KEY, startGateway, type GatewayHarness } from './support/gateway.js';
import { model, rejected, VEO_FAST } from './support/gemini-wire.js';
import { uuid } from './support/http.js';

/**
 * Veo through the gateway's Gemini routes: a long-running operation held when it starts, charged
 * once when a poll finds it done, released when it fails or is filtered; polls and downloads are
 * its owner's only. The real @google/genai client against a loopback Gemini.
 */

describeEachDb('gateway: Veo through @google/genai', (kind) => {
  let g: GatewayHarness;
  let dir: string;
  beforeAll(async () => {
    g = await startGateway(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-gw-veo-'));
  });
  afterAll(async () => {
    // Across every test of this file: no answer, header or log line carried the platform key.
    expect(g.exposure.texts.length).toBeGreaterThan(10);
    expect(g.exposure.contains(PLATFORM_KEY)).toBe(false);
    await g?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    g.fake.seen.length = 0;
  });

  const signedIn = async () => {
    const u = await g.s.register();
    return { u, ai: g.sdk(await g.genToken(u, 'director-scene')) };
  };

  it('runs Veo as an operation polled to done, charged once; only its owner may poll it or download its video', async () => {
    const { u, ai } = await signedIn();
    const before = await g.available(u);
    const veo = VEO_FAST;
    let polls = 0;
    const video = Buffer.from('fake mp4 bytes');
    g.route = (req, res) => {
      if (req.path.endsWith(':predictLongRunning')) return sendJson(res, 200, { name: `models/${veo}/operations/op123` });
      if (req.path === `/v1beta/models/${veo}/operations/op123`) {
        polls++;
        if (polls < 2) return sendJson(res, 200, { name: `models/${veo}/operations/op123`, done: false });
        return sendJson(res, 200, {
          name: `models/${veo}/operations/op123`,
          done: true,
          response: { '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse', generateVideoResponse: { generatedSamples: [{ video: { uri: 'https://generativelanguage.googleapis.com/v1beta/files/vid42:download?alt=media' } }] } },
        });
      }
      if (req.path === '/v1beta/files/vid42:download?alt=media') {
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': video.length });
        res.end(video);
        return;
      }
      sendJson(res, 404, { error: { code: 404, message: 'no', status: 'NOT_FOUND' } });
    };
    let op = await ai.models.generateVideos({ model: veo, prompt: 'A sunrise', config: { durationSeconds: 8 } });
    const price = clipCredits(model(veo), 8)!;
    expect(before - (await g.available(u))).toBe(price); // held
    while (!op.done) op = await ai.operations.getVideosOperation({ operation: op });
    expect(before - (await g.available(u))).toBe(price); // captured
    // Two more polls: no second charge.
    await ai.operations.getVideosOperation({ operation: op });
    await ai.operations.getVideosOperation({ operation: op });
    expect(before - (await g.available(u))).toBe(price);
    const [call] = await g.calls(u);
    expect(call).toMatchObject({ status: 'succeeded', credits: price, units: { video_seconds: 8 } });
    expect((await g.ledgerOf(call!.id)).journal.map((j) => j.kind)).toEqual(['hold', 'capture']);
    const file = path.join(dir, 'owner.mp4');
    await ai.files.download({ file: op.response!.generatedVideos![0]!.video!, downloadPath: file });
    await waitFor(() => fs.existsSync(file) && fs.statSync(file).size === video.length);
    expect(fs.readFileSync(file)).toEqual(video);

    // Someone else: the operation and the file do not exist for them; nothing reaches upstream.
    const { ai: stranger } = await signedIn();
    const seen = g.fake.seen.length;
    expect((await rejected(stranger.operations.getVideosOperation({ operation: op }))).status).toBe(404);
    expect((await rejected(stranger.files.download({ file: op.response!.generatedVideos![0]!.video!, downloadPath: path.join(dir, 'x.mp4') }))).status).toBe(404);
    expect(g.fake.seen.length).toBe(seen);
  });

  it('releases a Veo hold when the operation ends filtered', async () => {
    const { u, ai } = await signedIn();
    const before = await g.available(u);
    const veo = VEO_FAST;
    const name = `models/${veo}/operations/op-${uuid().slice(0, 8)}`;
    g.route = (req, res) =>
      req.method === 'POST' ? sendJson(res, 200, { name }) : sendJson(res, 200, { name, done: true, response: { generateVideoResponse: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: ['celebrity'] } } });
    let op = await ai.models.generateVideos({ model: veo, prompt: 'A famous face' });
    op = await ai.operations.getVideosOperation({ operation: op });
    expect(op.done).toBe(true);
    expect(await g.available(u)).toBe(before);
    expect((await g.calls(u))[0]).toMatchObject({ status: 'released', error_code: 'GEN_FILTERED', units: { video_seconds: 0 } });
  });

  it('a Veo hold the sweep expired is not charged when its operation is later found done', async () => {
    const { u, ai } = await signedIn();
    const before = await g.available(u);
    const veo = VEO_FAST;
    const name = `models/${veo}/operations/op-late`;
    g.route = (req, res) =>
      req.method === 'POST'
        ? sendJson(res, 200, { name })
        : sendJson(res, 200, { name, done: true, response: { generateVideoResponse: { generatedSamples: [{ video: { uri: 'files/late1' } }] } } });
    const op = await ai.models.generateVideos({ model: veo, prompt: 'Late' });
    const admin = await g.s.admin();
    expect((await g.s.call('POST', '/v1/admin/clock', { now: g.s.clock.now() + 4 * 3600_000 }, admin.token)).status).toBe(200);
    expect(await g.available(u)).toBe(before);
    const done = await ai.operations.getVideosOperation({ operation: op });
    expect(done.done).toBe(true);
    expect(await g.available(u)).toBe(before);
    expect((await g.calls(u))[0]).toMatchObject({ status: 'released', credits: 0, error_code: 'HOLD_EXPIRED' });
  });
});

describeEachDb('gateway: the reconciler settles Veo operations nobody polls', (kind) => {
  let g: GatewayHarness;
  beforeAll(async () => {
    g = await startGateway(kind, {}, { sweepMs: 3_600_000, checkMs: 3_600_000, reconcileMs: 50 });
  });
  afterAll(async () => {
    await g?.close();
  });

  it('charges an abandoned operation that made a video and releases one that failed, without the owner polling', async () => {
    const u = await g.s.register();
    const admin = await g.s.admin();
    await g.s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: u.id, bucket: 'PAID', amount: 1_000, reason: 'test' }, admin.token);
    const ai = g.sdk(await g.genToken(u, 'director-scene'));
    const before = await g.available(u);
    const veo = VEO_FAST;
    const ok = `models/${veo}/operations/op-left-ok`;
    const bad = `models/${veo}/operations/op-left-bad`;
    let started = 0;
    g.route = (req, res) => {
      if (req.method === 'POST') return sendJson(res, 200, { name: started++ === 0 ? ok : bad });
      if (req.path === `/v1beta/${ok}`) return sendJson(res, 200, { name: ok, done: true, response: { generateVideoResponse: { generatedSamples: [{ video: { uri: 'files/left1' } }] } } });
      if (req.path === `/v1beta/${bad}`) return sendJson(res, 200, { name: bad, done: true, error: { code: 13, message: 'internal' } });
      sendJson(res, 404, { error: { code: 404, message: 'no', status: 'NOT_FOUND' } });
    };
    await ai.models.generateVideos({ model: veo, prompt: 'Left behind' });
    await ai.models.generateVideos({ model: veo, prompt: 'Also left' });
    const price = clipCredits(model(veo), 8)!;
    // The desktop crashed: nobody polls. Fresh operations are left to their owner...
    await new Promise((r) => setTimeout(r, 300));
    expect(g.fake.seen.filter((r) => r.method === 'GET')).toHaveLength(0);
    expect(before - (await g.available(u))).toBe(2 * price);
    // ...until they have gone unpolled for a while: then the sweep polls both and settles each once.
    g.s.clock.set(Date.now() + 3 * 60_000);
    for (let i = 0; i < 100 && (await g.calls(u)).some((c) => c.status === 'running'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(before - (await g.available(u))).toBe(price);
    const calls = await g.calls(u);
    expect(calls.map((c) => [c.status, c.credits]).sort()).toEqual([
      ['released', 0],
      ['succeeded', price],
    ]);
    // Later sweeps leave settled calls alone: no more polls upstream.
    const polls = g.fake.seen.filter((r) => r.method === 'GET').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(g.fake.seen.filter((r) => r.method === 'GET')).toHaveLength(polls);
  });
});
