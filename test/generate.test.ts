import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import type { BlogProject, Project, SocialProject, VideoProject } from '../src/shared/generate/projects.js';
import { PLATFORMS, platformById } from '../src/shared/generate/platforms.js';
import { SEO_LIMITS } from '../src/shared/generate/requests.js';
import { TONES } from '../src/shared/generate/tones.js';
import { FAST_JOBS, openTestStudio, tempHome, until } from './helpers/studio.js';

let studio: Studio;
beforeAll(() => {
  studio = openTestStudio(undefined, { ...FAST_JOBS, rateLimits: {} });
  process.env.KINGJAM_VIDEO_ENCODER = 'libx264';
});
afterAll(async () => {
  await studio.close();
});

async function settled<P extends Project>(id: string, done: (p: P) => boolean): Promise<P> {
  return until(() => {
    const p = studio.generate.get(id) as P;
    if (p.status === 'failed') throw new Error(`project failed: ${JSON.stringify(p.error)}`);
    return done(p) ? p : null;
  }, `project ${id}`, 120_000);
}

describe('generators with the offline provider', () => {
  it('has the 14 tones, each named in zh-TW, zh-CN and en with a style guide', () => {
    expect(TONES).toHaveLength(14);
    for (const t of TONES) {
      expect(Object.keys(t.label).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
      expect(t.guide.length).toBeGreaterThan(30);
    }
    expect(TONES.map((t) => t.label['zh-TW'])).toEqual(expect.arrayContaining(['專業正式', '輕鬆隨性', '親切友善', '幽默風趣', '教育科普']));
    expect(PLATFORMS).toHaveLength(8);
  });

  it('writes an SEO blog article within the limits, streams it, and exports Markdown, safe HTML and a cover', async () => {
    const previews: string[] = [];
    const off = studio.events.on('job.progress', (e) => e.preview && previews.push(e.preview));
    const estimate = await studio.generate.estimateBlog({ topic: '台北週末咖啡廳', keywords: ['咖啡', '甜點'], tone: 'casual' });
    expect(estimate.total).toBe(0); // offline is free
    const started = await studio.generate.blog({ topic: '台北週末咖啡廳', keywords: ['咖啡', '甜點'], tone: 'casual', length: 600 });
    const blog = await settled<BlogProject>(started.id, (p) => p.status === 'ready');
    off();
    const r = blog.result!;
    expect([...r.title].length).toBeLessThanOrEqual(SEO_LIMITS.title);
    expect([...r.metaDescription].length).toBeLessThanOrEqual(SEO_LIMITS.metaDescription);
    expect(r.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(r.keywords.length).toBeGreaterThanOrEqual(3);
    expect(r.draft).toBe(true);
    const md = fs.readFileSync(r.markdownPath, 'utf8');
    expect(md).toMatch(/^---\ntitle: /);
    expect(md).toContain('AI-generated, draft');
    const html = fs.readFileSync(r.htmlPath, 'utf8');
    expect(html).toContain(`<meta name="description" content="`);
    expect(html).not.toMatch(/<script|onerror=|javascript:/i);
    const cover = await sharp(r.coverPath!).metadata();
    expect(cover.width! / cover.height!).toBeCloseTo(16 / 9, 1);
    expect(cover.xmp?.toString()).toContain('trainedAlgorithmicMedia');
    expect(previews.length).toBeGreaterThan(0);
  });

  it('writes three caption variants that fit the platform, with an image at the asked aspect', async () => {
    const started = await studio.generate.social({ topic: '母親節蛋糕', platform: 'instagram', aspect: '4:5', tone: 'friendly' });
    const post = await settled<SocialProject>(started.id, (p) => p.status === 'ready');
    const ig = platformById('instagram');
    expect(post.result!.variants).toHaveLength(3);
    for (const v of post.result!.variants) {
      expect(v.chars).toBeLessThanOrEqual(ig.maxChars);
      expect(v.hashtags.length).toBeGreaterThanOrEqual(ig.hashtags.min);
      expect(v.hashtags.length).toBeLessThanOrEqual(ig.hashtags.max);
      expect(v.hashtags.every((h) => h.startsWith('#'))).toBe(true);
      expect(new Set(v.hashtags).size).toBe(v.hashtags.length);
      expect(v.caption).toContain('[DRAFT]');
    }
    expect(new Set(post.result!.variants.map((v) => v.caption)).size).toBe(3);
    const img = await sharp(post.result!.imagePath!).metadata();
    expect(img.width! / img.height!).toBeCloseTo(4 / 5, 2);
  });

  it('writes a Director script as scenes, renders a captioned vertical video, and re-renders only a changed scene', async () => {
    const started = await studio.generate.video({ topic: '春節團圓', sceneCount: 3, targetSeconds: 10, height: 320, quality: 'draft' });
    const scripted = await settled<VideoProject>(started.id, (p) => p.status === 'scripted');
    expect(scripted.script!.scenes).toHaveLength(3);
    expect(scripted.renderEstimate!.total).toBe(0);

    await studio.generate.render(started.id);
    const done = await settled<VideoProject>(started.id, (p) => p.status === 'ready');
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', done.output!.output], { encoding: 'utf8' })) as {
      format: { duration: string };
      streams: { codec_type: string; width?: number; height?: number }[];
    };
    const total = done.script!.scenes.reduce((s, x) => s + x.duration, 0);
    expect(Number(probe.format.duration)).toBeCloseTo(total, 0);
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 180, height: 320 });
    expect(probe.streams.some((s) => s.codec_type === 'audio')).toBe(true); // the music bed
    expect(fs.readFileSync(done.output!.srt!, 'utf8')).toContain(done.script!.scenes[0]!.caption);
    expect((await studio.jobs.get(done.composeJobId!))?.kind).toBe('media.compose');

    const sceneJobs = () => studio.store.sqlite.prepare("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'director.scene' AND project_id = ?").get(started.id) as { n: number };
    expect(sceneJobs().n).toBe(3);
    const script = structuredClone(done.script!);
    script.scenes[1]!.caption = '新年快樂';
    const edited = studio.generate.updateScript(started.id, script);
    expect(edited.scenes.map((s) => s.status)).toEqual(['ready', 'pending', 'ready']);
    expect(edited.renderEstimate!.lines).toHaveLength(0); // free backend: nothing to pay for
    await studio.generate.render(started.id);
    const again = await settled<VideoProject>(started.id, (p) => p.status === 'ready' && p.output !== null);
    expect(sceneJobs().n).toBe(4);
    expect(fs.readFileSync(again.output!.srt!, 'utf8')).toContain('新年快樂');
    // The new cut is a new file (named by its content), so a player's cache cannot show the old one; the old cut is removed.
    expect(path.basename(again.output!.output)).not.toBe(path.basename(done.output!.output));
    expect(path.basename(again.output!.poster)).not.toBe(path.basename(done.output!.poster));
    await until(() => !fs.existsSync(done.output!.output) && !fs.existsSync(done.output!.poster), 'the earlier cut to be removed');
    expect(fs.existsSync(again.output!.output)).toBe(true);
  });

  it('refuses an invalid scene list with the field named', () => {
    const video = studio.generate.list('video')[0] as VideoProject;
    expect(() => studio.generate.updateScript(video.id, { title: 'A valid title', scenes: [] })).toThrow(/Scene list: scenes: /);
  });
});

describe('a generation on the user\'s own key costs no credits', () => {
  it('writes a blog on the own Gemini key with the wallet untouched, and a refused one holds nothing either', async () => {
    const { TestCloud } = await import('./helpers/cloud.js');
    const { startFake, sendJson } = await import('./providers/fake-server.js');
    const cloud = await (await new TestCloud().start()).withUser(0);
    const plan = { title: 'Taipei cafés', metaDescription: 'The best cafés in Taipei for a slow weekend, with what to order.', slug: 'taipei-cafes', keywords: ['cafe', 'taipei', 'weekend'], outline: ['Why', 'Where', 'What to order'] };
    let refuse = false;
    const gemini = await startFake((req, res) => {
      if (refuse) {
        sendJson(res, 200, { promptFeedback: { blockReason: 'SAFETY' }, candidates: [] });
        return;
      }
      if (req.path.includes(':streamGenerateContent')) {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        for (const part of ['## Why\n\nSlow mornings. ', '## Where\n\nDa’an. ', '## What to order\n\nPour-over.']) {
          res.write(`data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: part }] }, index: 0 }] })}\n\n`);
        }
        res.end();
        return;
      }
      sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify(plan) }] }, finishReason: 'STOP', index: 0 }] });
    });
    const home = tempHome();
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    const own = openTestStudio(home, FAST_JOBS, true, { secrets });
    try {
      await own.providers.setKey('gemini', 'test-key-0001');
      own.jobs.setSecretsSource(() => ({ GEMINI_API_KEY: 'test-key', KINGJAM_GEMINI_BASE_URL: gemini.url }));
      await own.sync.login({ cloudUrl: cloud.url, email: cloud.email, password: cloud.password });
      const before = await cloud.balance();

      const request = { topic: 'Taipei cafés', language: 'en' as const, cover: 'none' as const, text: { provider: 'gemini' as const } };
      // Billed by Google to the user's own account: 0 credits, and the estimate says so.
      expect(await own.generate.estimateBlog(request)).toEqual({ total: 0, lines: [{ label: 'article', credits: 0, billing: 'own-key' }] });
      const ok = await own.generate.blog(request);
      const blog = await until(() => {
        const p = own.generate.get(ok.id) as BlogProject;
        return p.status === 'ready' ? p : null;
      }, 'blog');
      expect(blog.result!.title).toBe('Taipei cafés');
      expect(blog.result!.creditsUsed).toBe(0);
      expect(gemini.seen.every((s) => s.headers['x-goog-api-key'] === 'test-key')).toBe(true);
      const job = (await own.jobs.get(blog.jobIds[0]!))!;
      expect(job).toMatchObject({ estimatedCredits: 0, actualCredits: null });

      refuse = true;
      const bad = await own.generate.blog(request);
      const failed = await until(() => {
        const p = own.generate.get(bad.id) as BlogProject;
        return p.status === 'failed' ? p : null;
      }, 'refused blog');
      expect(failed.error?.code).toBe('CONTENT_FILTERED');
      // Nothing was spent from the allowance, and after settling the wallet is where it was: no credits, no gateway calls.
      expect(own.store.sqlite.prepare('SELECT COUNT(*) AS n FROM credit_spends').get()).toEqual({ n: 0 });
      await own.sync.logout();
      expect(await cloud.balance()).toMatchObject({ total: before.total, available: before.total });
      expect(await cloud.genCalls()).toEqual([]);
    } finally {
      await own.close();
      await gemini.close();
      await cloud.stop();
    }
  });
});
