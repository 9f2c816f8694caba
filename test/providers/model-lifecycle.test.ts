import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../src/main/api/dispatch.js';
import { createHandlers } from '../../src/main/api/handlers.js';
import { noticeLine } from '../../src/main/cli/job-progress.js';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import type { Studio } from '../../src/main/studio.js';
import { socialRequestSchema } from '../../src/shared/generate/requests.js';
import { videoModelFor } from '../../src/shared/models.js';
import { progressLabel } from '../../src/shared/progress-labels.js';
import { GEMINI_MODEL_MAP_ENV, type ConnectionCheck } from '../../src/shared/providers.js';
import { VIDEO_BACKENDS } from '../../src/shared/pricing.js';
import { renderScene } from '../../src/workers/generation/director.js';
import type { JobContext } from '../../src/workers/context.js';
import type { ProgressLabel } from '../../src/shared/progress-labels.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { sendJson, startFake, type FakeServer, type Route } from './fake-server.js';

/**
 * The model lifecycle in the studio against a loopback Gemini: a retired
 * model runs on its successor with a notice; the catalogue is checked
 * against the key's own model list (at start and on Settings → Test) and a
 * model the key cannot use runs on its tier's stand-in; Veo through Gemini
 * gets Gemini's own model id.
 */

const variants = { variants: [1, 2, 3].map((n) => ({ caption: `Cake for mum, take ${n}.`, hashtags: ['Shorts'] })) };
const LISTED = ['gemini-3.5-flash', 'gemini-flash-latest', 'gemini-3.1-pro-preview', 'gemini-pro-latest', 'gemini-3.1-flash-image', 'gemini-3-pro-image'];

let route: Route;
let gemini: FakeServer;
let studio: Studio;
const home = tempHome();

beforeAll(async () => {
  gemini = await startFake((req, res) => route(req, res));
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = await openTestStudio(home, {}, true, { secrets }).ready();
  // The workers get what the studio hands them (the last check's stand-ins included), pointed at the fake.
  studio.jobs.setSecretsSource(() => ({ ...studio.providers.forWorkers(), KINGJAM_GEMINI_BASE_URL: gemini.url }));
});
afterAll(async () => {
  await studio.close();
  await gemini.close();
});
beforeEach(() => {
  gemini.seen.length = 0;
  route = (req, res) => {
    if (req.method === 'GET' && req.path.startsWith('/v1beta/models')) return sendJson(res, 200, { models: LISTED.map((id) => ({ name: `models/${id}` })) });
    sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify(variants) }] }, finishReason: 'STOP', index: 0 }] });
  };
});

/** Runs a social post job on a Gemini text model and collects the job's progress messages. */
async function socialJob(model?: string): Promise<{ status: string; messages: string[] }> {
  const request = socialRequestSchema.parse({ topic: 'Mother’s Day cakes', platform: 'youtube-shorts', language: 'en', imageQuality: 'none', text: { provider: 'gemini', ...(model ? { model } : {}) } });
  const messages: string[] = [];
  const off = studio.events.on('job.progress', (e) => {
    if (e.message) messages.push(e.message);
  });
  try {
    const job = await studio.jobs.enqueue('generate.social', { request, outDir: path.join(home, 'out', `social-${Date.now()}`) });
    const done = await studio.jobs.waitFor(job.id);
    return { status: done.status, messages };
  } finally {
    off();
  }
}

function modelsSent(): string[] {
  return gemini.seen.filter((s) => s.method === 'POST').map((s) => /models\/([^:]+):/.exec(s.path)?.[1] ?? s.path);
}

describe('a retired model', () => {
  it('a job naming Gemini 2.5 Pro runs on the current Pro and says so, on the job and in the CLI', async () => {
    await studio.providers.setKey('gemini', 'test-key-0001');
    const { status, messages } = await socialJob('gemini-2.5-pro');
    expect(status).toBe('succeeded');
    expect(new Set(modelsSent())).toEqual(new Set(['gemini-3.1-pro-preview']));
    const notice = progressLabel('modelRetired', { model: 'gemini-2.5-pro', successor: 'gemini-3.1-pro-preview' });
    // Once per job, however many calls it makes.
    expect(messages.filter((m) => m === notice)).toHaveLength(1);
    expect(noticeLine(notice, 'en')).toBe('notice: gemini-2.5-pro has been retired by the service: this job uses gemini-3.1-pro-preview instead');
    expect(noticeLine(progressLabel('writingCaptions'), 'en')).toBeNull();
  });
});

describe('the catalogue against the key’s own model list', () => {
  it('at start (in the background) finds Flash missing; later jobs run on the stand-in with a notice', async () => {
    await studio.providers.setKey('gemini', 'test-key-0002');
    const check = await studio.checkModelsInBackground();
    expect(check).toMatchObject({ ok: true, provider: 'gemini', replaced: [{ from: 'gemini-3.6-flash', to: 'gemini-3.5-flash', reason: 'unavailable' }] });
    expect(check?.models?.find((m) => m.id === 'gemini-3.6-flash')?.available).toBe(false);
    expect(gemini.hits('/v1beta/models', 'GET')).toHaveLength(1);
    expect(JSON.parse(studio.providers.forWorkers()[GEMINI_MODEL_MAP_ENV] ?? '{}')).toEqual({ 'gemini-3.6-flash': 'gemini-3.5-flash' });

    gemini.seen.length = 0;
    const { status, messages } = await socialJob();
    expect(status).toBe('succeeded');
    expect(new Set(modelsSent())).toEqual(new Set(['gemini-3.5-flash']));
    expect(messages).toContain(progressLabel('modelUnavailable', { model: 'gemini-3.6-flash', successor: 'gemini-3.5-flash' }));
  });

  it('Settings → Test records the same; a new key forgets what the old one could not use; a failed test changes nothing', async () => {
    const handlers = createHandlers(studio, 'web');
    route = (req, res) => sendJson(res, 200, { models: [...LISTED, 'gemini-3.6-flash'].map((id) => ({ name: `models/${id}` })) });
    const ok = (await dispatchCall(handlers, 'providers.test', { provider: 'gemini' })) as { value: ConnectionCheck };
    expect(ok.value).toMatchObject({ ok: true, replaced: [] });
    expect(studio.providers.forWorkers()[GEMINI_MODEL_MAP_ENV]).toBeUndefined();

    route = (req, res) => sendJson(res, 200, { models: LISTED.map((id) => ({ name: `models/${id}` })) });
    await dispatchCall(handlers, 'providers.test', { provider: 'gemini' });
    expect(studio.providers.modelReplacements()).toHaveLength(1);
    route = (req, res) => sendJson(res, 403, { error: { code: 403, message: 'Method doesn\'t allow unregistered callers.', status: 'PERMISSION_DENIED' } });
    const bad = (await dispatchCall(handlers, 'providers.test', { provider: 'gemini' })) as { value: ConnectionCheck };
    expect(bad.value).toMatchObject({ ok: false, error: { code: 'PROVIDER_AUTH_FAILED' } });
    expect(studio.providers.modelReplacements()).toHaveLength(1);

    await studio.providers.setKey('gemini', 'test-key-0003');
    expect(studio.providers.modelReplacements()).toEqual([]);
  });
});

describe('Veo through Gemini', () => {
  it('every Director backend maps to its own upstream’s model id', () => {
    expect(VIDEO_BACKENDS.map((b) => [b, videoModelFor(b, 'gemini') ?? null, videoModelFor(b, 'replicate') ?? null])).toEqual([
      ['kling-v2.1', null, 'kwaivgi/kling-v2.1'],
      ['kling-v2.1-pro', null, 'kwaivgi/kling-v2.1'],
      ['veo-3-fast', 'veo-3.1-fast-generate-preview', 'google/veo-3.1-fast'],
      ['veo-3', 'veo-3.1-generate-preview', 'google/veo-3.1'],
      ['imagen-ffmpeg', null, null],
      ['comfyui', null, null],
      ['offline', null, null],
    ]);
  });

  it('a Veo 3 Fast scene is sent to Gemini as veo-3.1-fast-generate-preview (not the Replicate name) and its clip saved', async () => {
    const clip = Buffer.from('fake-mp4-'.repeat(64));
    route = (req, res) => {
      const op = /^\/v1beta\/models\/([^:]+):predictLongRunning$/.exec(req.path);
      if (op) {
        if (op[1] !== 'veo-3.1-fast-generate-preview') return sendJson(res, 404, { error: { code: 404, message: `models/${op[1]} is not found for API version v1beta`, status: 'NOT_FOUND' } });
        return sendJson(res, 200, {
          name: `models/${op[1]}/operations/op1`,
          done: true,
          response: { generateVideoResponse: { generatedSamples: [{ video: { uri: 'https://generativelanguage.googleapis.com/v1beta/files/clip1:download?alt=media' } }] } },
        });
      }
      if (req.path === '/v1beta/files/clip1:download?alt=media') {
        res.writeHead(200, { 'content-type': 'video/mp4' });
        return void res.end(clip);
      }
      sendJson(res, 404, { error: { code: 404, message: `no route ${req.path}`, status: 'NOT_FOUND' } });
    };
    const outDir = path.join(home, 'out', 'veo');
    const notices: ProgressLabel[] = [];
    const ctx: JobContext = {
      jobId: 'scene-1',
      attempt: 1,
      checkpoint: null,
      paths: { home, library: path.join(home, 'library'), temp: path.join(home, 'temp') },
      signal: new AbortController().signal,
      progress: () => undefined,
      saveCheckpoint: async () => undefined,
      notice: (m) => notices.push(m),
      preview: () => undefined,
      secrets: { GEMINI_API_KEY: 'test-key', KINGJAM_GEMINI_BASE_URL: gemini.url },
    };
    const scene = { narration: '', caption: 'Sunrise', visualPrompt: 'sunrise over Taipei 101', duration: 6, motion: 'zoom-in' as const, transition: 'dissolve' as const };
    const out = await renderScene(
      { index: 0, scene, backend: 'veo-3-fast', aspect: '9:16', title: 'T', topic: 'Taipei', tone: 'friendly', language: 'zh-TW', voice: null, via: 'own-key', prices: { scene: 200, voice: 0 }, outDir },
      ctx,
    );
    expect(gemini.hits('/v1beta/models/', 'POST').map((s) => s.path)).toEqual(['/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning']);
    expect((await fs.readFile(out.path)).equals(clip)).toBe(true);
    expect(notices).toEqual([]);
  });
});
