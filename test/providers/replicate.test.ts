import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { ReplicateProvider } from '../../src/workers/generation/providers/replicate.js';
import { verifyReplicateWebhook } from '../../src/workers/generation/providers/replicate-webhook.js';
import { fakeSuite, FAST_RETRY, rejection, type Route, sendJson, waitFor } from './fake-server.js';

/** Replicate's HTTP API (providers.md) answered on loopback; the real `replicate` SDK drives it. */

let route: Route = (_req, res) => sendJson(res, 500, {});
const png = Buffer.from('89504e470d0a1a0a', 'hex');
const clip = Buffer.from('mp4-bytes-'.repeat(500));

const suite = fakeSuite('kj-replicate-', () => route);

function provider(extra: Partial<ConstructorParameters<typeof ReplicateProvider>[0]> = {}): ReplicateProvider {
  return new ReplicateProvider({ apiToken: 'r8_test', baseUrl: `${suite.fake.url}/v1`, retry: FAST_RETRY, timeoutMs: 5000, pollIntervalMs: 20, ...extra });
}

function prediction(id: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    model: 'kwaivgi/kling-v2.1',
    version: 'hidden',
    input: {},
    status,
    output: null,
    error: null,
    logs: '',
    urls: { get: `${suite.fake.url}/v1/predictions/${id}`, cancel: `${suite.fake.url}/v1/predictions/${id}/cancel` },
    created_at: '2025-01-01T00:00:00Z',
    ...extra,
  };
}

function serveClip(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'video/mp4' });
  res.end(clip);
}

describe('Replicate video', () => {
  it('runs Kling v2.1 Pro: creates, polls with progress, downloads', async () => {
    let polls = 0;
    route = (req, res) => {
      if (req.method === 'POST' && req.path === '/v1/models/kwaivgi/kling-v2.1/predictions') return sendJson(res, 201, prediction('p1', 'starting'));
      if (req.path === '/v1/predictions/p1') {
        polls++;
        if (polls === 1) return sendJson(res, 200, prediction('p1', 'processing', { logs: 'loading\n 50%|█████     | 5/10 [00:05<00:05]' }));
        return sendJson(res, 200, prediction('p1', 'succeeded', { output: `${suite.fake.url}/files/out.mp4`, metrics: { predict_time: 42 } }));
      }
      if (req.path === '/files/out.mp4') return serveClip(res);
      sendJson(res, 404, { detail: 'Not found.' });
    };
    const progress: number[] = [];
    const outPath = path.join(suite.dir, 'kling.mp4');
    const out = await provider().video.generateVideo(
      { model: 'kling-v2.1-pro', prompt: 'a dancer', negativePrompt: 'blur', durationSec: 10, image: { bytes: png, mimeType: 'image/png' }, outPath },
      { onProgress: (f) => progress.push(f) },
    );
    expect(out).toMatchObject({ kind: 'video', model: 'kwaivgi/kling-v2.1', durationSec: 10, mimeType: 'video/mp4' });
    expect(fs.readFileSync(outPath).equals(clip)).toBe(true);
    const create = suite.fake.seen[0];
    expect(create?.headers.authorization).toBe('Bearer r8_test');
    expect(create?.json).toEqual({ input: { prompt: 'a dancer', negative_prompt: 'blur', mode: 'pro', duration: 10, start_image: `data:image/png;base64,${png.toString('base64')}` } });
    expect(progress).toContain(0.05 + 0.5 * 0.85);
    expect(progress.at(-1)).toBe(1);
  });

  it('refuses Kling without a start image before calling out', async () => {
    const err = await rejection(provider().video.generateVideo({ model: 'kling-v2.1', prompt: 'x', outPath: path.join(suite.dir, 'x.mp4') }));
    expect(err).toMatchObject({ code: 'BAD_INPUT', field: 'image' });
    expect(suite.fake.seen).toHaveLength(0);
  });

  it('runs a retired Veo 3 Fast id on its successor, Veo 3.1 Fast, with its own inputs', async () => {
    route = (req, res) => {
      if (req.path === '/v1/models/google/veo-3.1-fast/predictions') return sendJson(res, 201, prediction('v1', 'succeeded', { output: `${suite.fake.url}/files/veo.mp4` }));
      if (req.path === '/files/veo.mp4') return serveClip(res);
      sendJson(res, 404, { detail: 'Not found.' });
    };
    const out = await provider().video.generateVideo({ model: 'veo-3-fast', prompt: 'city at night', aspectRatio: '9:16', outPath: path.join(suite.dir, 'veo.mp4') });
    expect(out).toMatchObject({ durationSec: 8, model: 'google/veo-3.1-fast' });
    expect(suite.fake.seen[0]?.json).toEqual({ input: { prompt: 'city at night', aspect_ratio: '9:16', duration: 8, resolution: '720p' } });
  });

  it('runs Seedream 4 with its own inputs', async () => {
    route = (req, res) => {
      if (req.path === '/v1/models/bytedance/seedream-4/predictions') return sendJson(res, 201, prediction('s1', 'succeeded', { output: [`data:image/png;base64,${png.toString('base64')}`] }));
      sendJson(res, 404, { detail: 'Not found.' });
    };
    const out = await provider().image.generateImage({ model: 'bytedance/seedream-4', prompt: 'tea house', aspectRatio: '4:5', quality: 'fine', seed: 7 });
    expect(out).toMatchObject({ model: 'bytedance/seedream-4' });
    expect(suite.fake.seen[0]?.json).toEqual({ input: { prompt: 'tea house', size: '4K', aspect_ratio: '3:4', max_images: 1, seed: 7 } });
  });

  it('reports a failed prediction, and a filtered one', async () => {
    route = (req, res) =>
      req.method === 'POST' ? sendJson(res, 201, prediction('f1', 'starting')) : sendJson(res, 200, prediction('f1', 'failed', { error: 'CUDA error: device-side assert triggered' }));
    const failed = await rejection(provider().video.generateVideo({ model: 'veo-3', prompt: 'x', outPath: path.join(suite.dir, 'f.mp4') }));
    expect(failed.code).toBe('PROVIDER_FAILED');
    expect(failed.message).toContain('CUDA error');
    expect(fs.existsSync(path.join(suite.dir, 'f.mp4'))).toBe(false);

    route = (req, res) =>
      req.method === 'POST' ? sendJson(res, 201, prediction('f2', 'starting')) : sendJson(res, 200, prediction('f2', 'failed', { error: 'The input or output was flagged as sensitive. Please try again with different inputs. (E005)' }));
    const filtered = await rejection(provider().video.generateVideo({ model: 'veo-3', prompt: 'x', outPath: path.join(suite.dir, 'g.mp4') }));
    expect(filtered.code).toBe('CONTENT_FILTERED');
    expect(filtered.message).toContain('flagged as sensitive');
  });

  it('cancels the prediction at Replicate when the job is canceled', async () => {
    route = (req, res) => {
      if (req.method === 'POST' && req.path === '/v1/predictions/c1/cancel') return sendJson(res, 200, prediction('c1', 'canceled'));
      if (req.method === 'POST') return sendJson(res, 201, prediction('c1', 'starting'));
      sendJson(res, 200, prediction('c1', 'processing'));
    };
    const controller = new AbortController();
    const pending = provider().video.generateVideo({ model: 'veo-3', prompt: 'x', outPath: path.join(suite.dir, 'c.mp4') }, { signal: controller.signal });
    await waitFor(() => suite.fake.hits('/v1/predictions/c1', 'GET').length >= 2);
    controller.abort();
    const err = await rejection(pending);
    expect(err.code).toBe('CANCELED');
    await waitFor(() => suite.fake.hits('/v1/predictions/c1/cancel', 'POST').length === 1);
    expect(suite.fake.hits('/v1/predictions/c1/cancel')[0]?.headers.authorization).toBe('Bearer r8_test');
  });
});

describe('Replicate HTTP failures', () => {
  it('honours Retry-After on 429, and retries a 500 while polling', async () => {
    let creates = 0;
    let polls = 0;
    route = (req, res) => {
      if (req.method === 'POST') {
        if (creates++ === 0) return sendJson(res, 429, { title: 'Too Many Requests', detail: 'Request was throttled. Expected available in 1 second.', status: 429 }, { 'retry-after': '1' });
        return sendJson(res, 201, prediction('r1', 'starting'));
      }
      if (req.path === '/v1/predictions/r1') {
        if (polls++ === 0) return sendJson(res, 500, { detail: 'Internal server error' });
        return sendJson(res, 200, prediction('r1', 'succeeded', { output: [`data:image/png;base64,${png.toString('base64')}`] }));
      }
      sendJson(res, 404, { detail: 'Not found.' });
    };
    const started = Date.now();
    const out = await provider().image.generateImage({ prompt: 'a cat', aspectRatio: '4:5' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(out.images[0]?.bytes.equals(png)).toBe(true);
    expect(suite.fake.hits('/v1/models/black-forest-labs/flux-schnell/predictions', 'POST')).toHaveLength(2);
    expect(suite.fake.hits('/v1/predictions/r1', 'GET')).toHaveLength(2);
    expect(suite.fake.seen[0]?.json).toEqual({ input: { prompt: 'a cat', aspect_ratio: '4:5', output_format: 'png' } });
  });

  it('stops at 3 attempts even though the SDK retries on its own', async () => {
    route = (req, res) => sendJson(res, 429, { detail: 'Request was throttled.' });
    const err = await rejection(provider().image.generateImage({ prompt: 'x', model: 'bytedance/seedream-4' }));
    expect(err.code).toBe('PROVIDER_QUOTA_EXCEEDED');
    expect(suite.fake.seen).toHaveLength(3);
  });

  it('maps a bad token, an unknown model, billing and a timeout', async () => {
    route = (req, res) => sendJson(res, 401, { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token', status: 401 });
    expect((await rejection(provider().image.generateImage({ prompt: 'x' }))).code).toBe('PROVIDER_AUTH_FAILED');
    expect(suite.fake.seen).toHaveLength(1);

    route = (req, res) => sendJson(res, 404, { detail: 'The requested resource could not be found.' });
    const missing = await rejection(provider().image.generateImage({ prompt: 'x', model: 'someone/unknown-model' }));
    expect(missing.code).toBe('MODEL_UNAVAILABLE');
    expect(missing.message).toContain('someone/unknown-model');

    route = (req, res) => sendJson(res, 402, { detail: 'You have insufficient credit to run this model.' });
    expect((await rejection(provider().image.generateImage({ prompt: 'x' }))).code).toBe('PROVIDER_QUOTA_EXCEEDED');

    route = () => undefined;
    expect((await rejection(provider({ timeoutMs: 300 }).image.generateImage({ prompt: 'x' }))).code).toBe('PROVIDER_TIMEOUT');
  });

  it('tests the connection: account and which models exist', async () => {
    route = (req, res) => {
      if (req.path === '/v1/account') return sendJson(res, 200, { type: 'user', username: 'kingjam', name: 'KingJam', github_url: null });
      if (req.path === '/v1/models/google/veo-3.1') return sendJson(res, 404, { detail: 'Not found.' });
      if (req.path.startsWith('/v1/models/')) return sendJson(res, 200, { owner: 'x', name: 'y', latest_version: null });
      sendJson(res, 404, { detail: 'Not found.' });
    };
    const report = await provider().testConnection();
    expect(report).toMatchObject({ ok: true, detail: 'Signed in as kingjam' });
    if (report.ok) {
      expect(report.models.find((m) => m.id === 'google/veo-3.1')?.available).toBe(false);
      expect(report.models.find((m) => m.id === 'kwaivgi/kling-v2.1')?.available).toBe(true);
      // The list is the catalogue's current Replicate models: retired ids are not offered.
      expect(report.models.map((m) => m.id)).not.toContain('google/veo-3');
      expect(report.models.find((m) => m.capability === 'text')?.id).toBe('meta/meta-llama-3.1-405b-instruct');
    }
  });
});

describe('Replicate webhooks (optional)', () => {
  it('asks for a completed callback when a webhook URL is configured, and still polls', async () => {
    route = (req, res) => {
      if (req.method === 'POST') return sendJson(res, 201, prediction('w1', 'starting'));
      if (req.path === '/v1/predictions/w1') return sendJson(res, 200, prediction('w1', 'succeeded', { output: `data:image/png;base64,${png.toString('base64')}` }));
      sendJson(res, 404, { detail: 'Not found.' });
    };
    await provider({ webhookUrl: 'https://render.example.com/hooks/replicate' }).image.generateImage({ prompt: 'x' });
    expect(suite.fake.seen[0]?.json).toMatchObject({ webhook: 'https://render.example.com/hooks/replicate', webhook_events_filter: ['completed'] });
  });

  it('verifies signatures and refuses stale or forged ones', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const body = JSON.stringify({ id: 'w1', status: 'succeeded' });
    const timestamp = '1700000000';
    const sign = (b: string): string => createHmac('sha256', Buffer.from(secret.split('_')[1] ?? '', 'base64')).update(`msg_1.${timestamp}.${b}`).digest('base64');
    const base = { id: 'msg_1', timestamp, body, secret, nowMs: 1_700_000_010_000 };
    expect(verifyReplicateWebhook({ ...base, signature: `v1,bogus v1,${sign(body)}` })).toBe(true);
    expect(verifyReplicateWebhook({ ...base, signature: `v1,${sign('{"tampered":true}')}` })).toBe(false);
    expect(verifyReplicateWebhook({ ...base, signature: `v1,${sign(body)}`, nowMs: 1_700_001_000_000 })).toBe(false);
    expect(verifyReplicateWebhook({ ...base, signature: undefined })).toBe(false);
  });
});
