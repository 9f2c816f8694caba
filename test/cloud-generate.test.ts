import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import type { BlogProject, Project, VideoProject } from '../src/shared/generate/projects.js';
import { StudioError } from '../src/shared/errors.js';
import { readLedgerReason } from '../src/shared/ledger-reasons.js';
import { TestCloud } from './helpers/cloud.js';
import { PLATFORM_KEY, startGeminiUpstream } from './helpers/gemini-upstream.js';
import { capturedCredits, FAST_JOBS, openTestStudio, tempHome, until } from './helpers/studio.js';
import type { FakeServer } from './providers/fake-server.js';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

/**
 * KingJam Cloud end to end: a studio signed in to a real cloud-sync whose
 * generation gateway forwards to a loopback Gemini. The studio has no key of
 * its own; every model call goes through the gateway with a generation token
 * minted for its job, and the wallet drops by exactly what the gateway captured.
 */
describe('generation on KingJam Cloud', () => {
  let upstream: FakeServer;
  let cloud: TestCloud;
  let studio: Studio;

  beforeAll(async () => {
    process.env.KINGJAM_VIDEO_ENCODER = 'libx264';
    upstream = await startGeminiUpstream();
    cloud = await (await new TestCloud({ gateway: { geminiApiKey: PLATFORM_KEY, geminiBaseUrl: upstream.url } }).start()).withUser(800);
    const home = tempHome();
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = openTestStudio(home, { ...FAST_JOBS, rateLimits: {} }, true, { secrets });
    await studio.sync.login({ cloudUrl: cloud.url, email: cloud.email, password: cloud.password });
  });

  afterAll(async () => {
    await studio.close();
    await cloud.stop();
    await upstream.close();
  });

  async function settled<P extends Project>(id: string, done: (p: P) => boolean): Promise<P> {
    return until(() => {
      const p = studio.generate.get(id) as P;
      if (p.status === 'failed') throw new Error(`project failed: ${JSON.stringify(p.error)}`);
      return done(p) ? p : null;
    }, `project ${id}`, 120_000);
  }

  it('writes a blog post with a cover through the gateway: the wallet drops by exactly what the gateway captured', async () => {
    expect(studio.providers.hasKey('gemini')).toBe(false);
    const before = await cloud.balance();
    const request = { topic: 'Taipei cafés', language: 'en' as const, cover: 'standard' as const, text: { provider: 'cloud' as const }, image: { provider: 'cloud' as const } };
    const estimate = await studio.generate.estimateBlog(request);
    expect(estimate.lines.map((l) => [l.label, l.billing])).toEqual([['article', 'credits'], ['cover', 'credits']]);
    expect(estimate.total).toBeGreaterThan(0);

    const started = await studio.generate.blog(request);
    const blog = await settled<BlogProject>(started.id, (p) => p.status === 'ready');
    expect(blog.result!.title).toBe('Taipei cafés');
    expect(fs.statSync(blog.result!.coverPath!).size).toBeGreaterThan(0);
    const jobId = blog.jobIds[0]!;

    const calls = await cloud.genCalls(jobId);
    // The plan (structured), the article (streamed) and the cover: three calls, all captured.
    expect(calls.map((c) => c.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const captured = calls.reduce((sum, c) => sum + c.credits, 0);
    expect(captured).toBeGreaterThan(0);
    // The estimate is each call at its ceiling (the plan with its repair round, the article, the cover): never below the charge.
    expect(captured).toBeLessThanOrEqual(estimate.total);
    expect(await capturedCredits(studio, jobId)).toBe(captured);
    const job = (await studio.jobs.get(jobId))!;
    expect(job.estimatedCredits).toBe(estimate.total);
    // No local allowance spend: the gateway held and captured each call itself.
    expect(studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM credit_spends').get()).toEqual({ n: 0 });
    expect((await cloud.balance()).total).toBe(before.total - captured);
    // The credits history names each generation by purpose and model (read back into the user's language on the Credits page).
    const history = await studio.sync.history();
    expect(history.entries.map((e) => (e.reason ? readLedgerReason(e.reason) : null)).filter((r) => r?.key === 'generation')).toContainEqual({ key: 'generation', params: { purpose: 'blog', model: 'Gemini 3.6 Flash' } });
    // Upstream saw only the platform key; the studio never had it.
    expect(upstream.seen.length).toBeGreaterThanOrEqual(3);
    expect(upstream.seen.every((s) => s.headers['x-goog-api-key'] === PLATFORM_KEY)).toBe(true);
  });

  it('makes a Director video (script, Imagen + FFmpeg stills, voice-over) through the gateway, charged exactly what was captured', async () => {
    const before = await cloud.balance();
    const callsBefore = (await cloud.genCalls()).length;
    const request = { topic: 'Lantern festival', language: 'en' as const, sceneCount: 2, targetSeconds: 10, height: 320, quality: 'draft' as const, backend: 'imagen-ffmpeg' as const, renderVia: 'cloud' as const, text: { provider: 'cloud' as const } };
    const estimate = await studio.generate.estimateVideo(request);
    expect(estimate.lines.every((l) => l.billing === 'credits')).toBe(true);

    const started = await studio.generate.video(request);
    const scripted = await settled<VideoProject>(started.id, (p) => p.status === 'scripted');
    expect(scripted.script!.scenes).toHaveLength(2);
    await studio.generate.render(started.id);
    const done = await settled<VideoProject>(started.id, (p) => p.status === 'ready' && p.output !== null);
    const duration = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', done.output!.output], { encoding: 'utf8' }));
    expect(duration).toBeCloseTo(6, 0);

    const jobIds = done.jobIds.filter((id) => id !== done.composeJobId);
    let captured = 0;
    for (const id of jobIds) {
      const calls = await cloud.genCalls(id);
      expect(calls.every((c) => c.status === 'succeeded')).toBe(true);
      const sum = calls.reduce((s, c) => s + c.credits, 0);
      expect(await capturedCredits(studio, id)).toBe(sum);
      captured += sum;
    }
    // One script call, then per scene a still and a voice-over.
    expect((await cloud.genCalls()).length - callsBefore).toBe(1 + 2 * 2);
    expect((await cloud.balance()).total).toBe(before.total - captured);
    // The generation tokens (JWTs) went to the workers in memory only: nothing in the data folder holds one.
    expect(filesUnder(studio.paths.home).filter((f) => /eyJ[\w-]+\.eyJ[\w-]+\./.test(fs.readFileSync(f, 'latin1')))).toEqual([]);
  });

  it('renders Veo scenes through the gateway (operations polled to done, each clip charged once)', async () => {
    const before = await cloud.balance();
    const request = { topic: 'Lantern festival', language: 'en' as const, sceneCount: 2, targetSeconds: 10, height: 320, quality: 'draft' as const, backend: 'veo-3-fast' as const, renderVia: 'cloud' as const, text: { provider: 'cloud' as const }, voice: false };
    const started = await studio.generate.video(request);
    await settled<VideoProject>(started.id, (p) => p.status === 'scripted');
    await studio.generate.render(started.id);
    const done = await settled<VideoProject>(started.id, (p) => p.status === 'ready' && p.output !== null);
    expect(done.scenes.every((s) => s.render?.kind === 'video')).toBe(true);
    const sceneJobs = done.jobIds.filter((id) => id !== done.composeJobId).slice(1);
    let captured = (await cloud.genCalls(done.jobIds[0]!)).reduce((s, c) => s + c.credits, 0);
    for (const id of sceneJobs) {
      const calls = await cloud.genCalls(id);
      // One Veo 3.1 Fast clip per scene, held when it started and charged once when a poll found it done.
      expect(calls.map((c) => [c.model, c.status, c.credits])).toEqual([['veo-3.1-fast-generate-preview', 'succeeded', 200]]);
      expect(await capturedCredits(studio, id)).toBe(200);
      captured += 200;
    }
    expect((await cloud.balance()).total).toBe(before.total - captured);
  }, 120_000);

  it('fails a queued cloud job whose generation token cannot be minted (signed out meanwhile), with the reason, its worker freed', async () => {
    const home = tempHome();
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    const other = openTestStudio(home, FAST_JOBS, false, { secrets });
    try {
      await other.sync.login({ cloudUrl: cloud.url, email: cloud.email, password: cloud.password });
      const calls = (await cloud.genCalls()).length;
      const queued = await other.generate.blog({ topic: 'Taipei cafés', cover: 'none', text: { provider: 'cloud' } });
      await other.sync.logout();
      other.jobs.start();
      const failed = await until(() => {
        const p = other.generate.get(queued.id);
        return p.status === 'failed' ? p : null;
      }, 'the blog to fail');
      expect(failed.error).toMatchObject({ code: 'NOT_SIGNED_IN' });
      expect(other.jobs.pool.workers().every((w) => w.running.size === 0)).toBe(true);
      expect((await cloud.genCalls()).length).toBe(calls);
    } finally {
      await other.close();
    }
  });

  it('refuses cloud work the wallet cannot cover before anything starts, naming the balance and the price', async () => {
    const request = { topic: 'Lantern festival', language: 'en' as const, sceneCount: 2, targetSeconds: 16, backend: 'veo-3' as const, renderVia: 'cloud' as const, text: { provider: 'cloud' as const }, voice: false };
    const started = await studio.generate.video(request);
    await settled<VideoProject>(started.id, (p) => p.status === 'scripted');
    const calls = (await cloud.genCalls()).length;
    const { available } = await cloud.balance();
    const err = await studio.generate.render(started.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StudioError);
    // Two Veo 3 clips at 350 each: more than the wallet has, even with this device's allowance given back.
    expect((err as StudioError).toInfo()).toMatchObject({ code: 'INSUFFICIENT_CREDITS', key: 'credits.insufficient', params: { needed: 700 } });
    expect(Number((err as StudioError).toInfo().params!.available)).toBeGreaterThanOrEqual(available);
    const project = studio.generate.get(started.id) as VideoProject;
    expect(project.status).toBe('scripted');
    expect(project.scenes.every((s) => s.jobId === null)).toBe(true);
    expect((await cloud.genCalls()).length).toBe(calls);
  });
});
