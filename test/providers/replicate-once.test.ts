import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReplicateProvider } from '../../src/workers/generation/providers/replicate.js';
import { FAST_RETRY } from './fake-server.js';
import { startReplicateFake, type ReplicateFake } from './replicate-fake.js';

/**
 * A paid prediction is created once, whatever happens to the answer to its
 * create: the real `replicate` SDK against a stateful Replicate on loopback.
 */

let rep: ReplicateFake;
let dir: string;
const png = Buffer.from('89504e470d0a1a0a', 'hex');
const clip = Buffer.from('mp4-bytes-'.repeat(500));

beforeAll(async () => {
  rep = await startReplicateFake();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kj-replicate-once-'));
});
afterAll(async () => {
  await rep.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => rep.reset());

function provider(timeoutMs = 5000): ReplicateProvider {
  return new ReplicateProvider({ apiToken: rep.token, baseUrl: rep.baseUrl, retry: FAST_RETRY, timeoutMs, pollIntervalMs: 20 });
}

function serveClip(): void {
  rep.files.set('/files/out.mp4', { type: 'video/mp4', body: clip });
  rep.outputFor = () => `${rep.server.url}/files/out.mp4`;
}

const kling = (outPath: string) => ({ model: 'kwaivgi/kling-v2.1', prompt: 'a lantern festival', durationSec: 5, image: { bytes: png, mimeType: 'image/png' }, outPath });

describe('Replicate creates a paid prediction once', () => {
  it('a create that Replicate kept but answered 500 is found and used, not created again', async () => {
    serveClip();
    rep.createFailures = [{ created: true, status: 500 }];
    // Someone else's recent prediction (another prompt) and our own prompt from an hour ago must not be taken.
    rep.add({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'another scene', mode: 'standard', duration: 5 }, status: 'processing' });
    rep.add({ model: 'kwaivgi/kling-v2.1', input: { prompt: 'a lantern festival', mode: 'standard', duration: 5 }, status: 'succeeded', created_at: new Date(Date.now() - 3_600_000).toISOString() });
    const outPath = path.join(dir, 'once-500.mp4');
    const out = await provider().video.generateVideo(kling(outPath), { jobId: 'job-500' });
    expect(rep.creates()).toHaveLength(1);
    const ours = [...rep.predictions.values()].filter((p) => p.input.prompt === 'a lantern festival' && p.created_at > new Date(Date.now() - 60_000).toISOString());
    expect(ours).toHaveLength(1);
    expect(ours[0]?.status).toBe('succeeded');
    expect(out).toMatchObject({ kind: 'video', model: 'kwaivgi/kling-v2.1', durationSec: 5 });
    expect(fs.readFileSync(outPath).equals(clip)).toBe(true);
    expect(rep.cancels()).toEqual([]);
    expect(rep.creates()[0]?.headers['idempotency-key']).toMatch(/^job-500:[0-9a-f]{24}$/);
  });

  it('a create that hangs past the client deadline is found and used, not created again', async () => {
    serveClip();
    rep.createFailures = [{ created: true, hang: true }];
    const outPath = path.join(dir, 'once-hang.mp4');
    const out = await provider(300).video.generateVideo(kling(outPath));
    expect(rep.creates()).toHaveLength(1);
    expect(rep.predictions.size).toBe(1);
    expect([...rep.predictions.values()][0]?.status).toBe('succeeded');
    expect(out.path).toBe(outPath);
    expect(fs.readFileSync(outPath).equals(clip)).toBe(true);
  });

  it('a twin left by a lost create is canceled once the retry goes through', async () => {
    serveClip();
    rep.createFailures = [{ created: true, status: 500 }];
    // Replicate's list has not caught up when the studio first looks: it creates again, then finds the twin.
    rep.listLag = 1;
    const out = await provider().video.generateVideo(kling(path.join(dir, 'twin.mp4')));
    expect(rep.creates()).toHaveLength(2);
    const [lost, kept] = [...rep.predictions.values()];
    expect(rep.cancels()).toEqual([lost?.id]);
    expect(lost?.status).toBe('canceled');
    expect(kept?.status).toBe('succeeded');
    expect(out.kind).toBe('video');
  });

  it('of two predictions a lost create left, the one that got furthest is used and the other canceled', async () => {
    rep.outputFor = () => [`data:image/png;base64,${png.toString('base64')}`];
    rep.createFailures = [
      { created: true, status: 500 },
      { created: true, status: 500 },
    ];
    rep.listLag = 1;
    const out = await provider().image.generateImage({ model: 'black-forest-labs/flux-schnell', prompt: 'a red door', aspectRatio: '1:1' });
    expect(out.images[0]?.bytes.equals(png)).toBe(true);
    expect(rep.creates()).toHaveLength(2);
    const made = [...rep.predictions.values()];
    expect(made.filter((p) => p.status === 'succeeded')).toHaveLength(1);
    expect(made.filter((p) => p.status === 'canceled')).toHaveLength(1);
  });

  it('429 is "not created": waits the Retry-After, creates once more, and the SDK never adds its own creates', async () => {
    rep.outputFor = () => [`data:image/png;base64,${png.toString('base64')}`];
    rep.createFailures = [{ created: false, status: 429, detail: 'Request was throttled. Expected available in 1 second.', retryAfter: 1 }];
    const started = Date.now();
    await provider().image.generateImage({ prompt: 'a cat' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(rep.creates()).toHaveLength(2);
    expect(rep.predictions.size).toBe(1);
    // 429 said nothing was created: no need to look.
    expect(rep.server.hits('/v1/predictions', 'GET').filter((s) => s.path === '/v1/predictions')).toHaveLength(0);
  });

  it('a refused create (422) is not retried and not looked for', async () => {
    rep.createFailures = [{ created: false, status: 422, detail: 'Invalid input: prompt is required' }];
    await expect(provider().image.generateImage({ prompt: '' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(rep.creates()).toHaveLength(1);
    expect(rep.predictions.size).toBe(0);
  });
});
