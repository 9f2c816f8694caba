import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_PATH } from '../../src/main/client-files.js';
import type { Studio } from '../../src/main/studio.js';
import type { BlogProject, Project, SocialProject, VideoProject } from '../../src/shared/generate/projects.js';
import type { ComposeJobResult, MotionJobResult } from '../../src/shared/jobs/kinds.js';
import type { AssetView, RetentionClass } from '../../src/shared/library.js';
import { makePng } from '../helpers/media.js';
import { photographedSketch } from '../ink/fixtures.js';
import { FAST_JOBS, openTestStudio, tempHome, until } from '../helpers/studio.js';

/**
 * Every generator's outputs as library rows, through the real workers (offline provider, real ffmpeg and sharp):
 * the right origin, source job, project and retention class, and the row's hash is the file's.
 */
let studio: Studio;
let inbox: string;

beforeAll(() => {
  studio = openTestStudio(undefined, { ...FAST_JOBS, rateLimits: {} });
  process.env.KINGJAM_VIDEO_ENCODER = 'libx264';
  inbox = tempHome('kingjam-outputs-in-');
});
afterAll(async () => {
  await studio.close();
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const rel = (abs: string) => path.relative(studio.paths.library, abs).split(path.sep).join('/');

async function settled<P extends Project>(id: string, done: (p: P) => boolean): Promise<P> {
  return until(() => {
    const p = studio.generate.get(id) as P;
    if (p.status === 'failed') throw new Error(`project failed: ${JSON.stringify(p.error)}`);
    return done(p) ? p : null;
  }, `project ${id}`, 120_000);
}

/** The library row of a file a job wrote, checked against what made it. */
function expectOutput(file: string, made: { jobId: string; projectId: string | null; retentionClass: RetentionClass | null }): AssetView {
  const asset = studio.library.byFile(rel(file));
  expect(asset, `library row of ${file}`).not.toBeNull();
  expect(asset).toMatchObject({ origin: 'generated', sourceJobId: made.jobId, projectId: made.projectId, retentionClass: made.retentionClass });
  expect(asset!.hash).toBe(sha(file));
  return asset!;
}

describe('generators register their outputs in the library', () => {
  it('a blog cover (blogImage) and a social image (socialImage), probed like imports', async () => {
    const blog = await studio.generate.blog({ topic: '台北週末咖啡廳', keywords: ['咖啡'], tone: 'casual', length: 400 });
    const b = await settled<BlogProject>(blog.id, (p) => p.status === 'ready');
    const blogJob = b.jobIds[0]!;
    expectOutput(b.result!.coverPath!, { jobId: blogJob, projectId: b.id, retentionClass: 'blogImage' });

    const social = await studio.generate.social({ topic: '中秋節快樂', platform: 'instagram', tone: 'friendly' });
    const s = await settled<SocialProject>(social.id, (p) => p.status === 'ready');
    const asset = expectOutput(s.result!.imagePath!, { jobId: s.jobIds[0]!, projectId: s.id, retentionClass: 'socialImage' });
    const probed = await until(() => (studio.library.get(asset.id).status === 'ready' ? studio.library.get(asset.id) : null), 'probe');
    expect(probed.width).toBeGreaterThan(0);
    expect(probed.thumb).not.toBeNull();
    expect(studio.library.outputsOf(s.jobIds[0]!).map((a) => a.id)).toEqual([asset.id]);
  }, 120_000);

  it('a Director video and its poster (shortVideo); a re-render replaces the earlier cut in the library', async () => {
    const started = await studio.generate.video({ topic: '春節團圓', sceneCount: 2, targetSeconds: 10, height: 240, quality: 'draft' });
    const scripted = await settled<VideoProject>(started.id, (p) => p.status === 'scripted');
    await studio.generate.render(started.id);
    const first = await settled<VideoProject>(started.id, (p) => p.status === 'ready');
    const firstVideo = expectOutput(first.output!.output, { jobId: first.composeJobId!, projectId: first.id, retentionClass: 'shortVideo' });
    expectOutput(first.output!.poster, { jobId: first.composeJobId!, projectId: first.id, retentionClass: 'shortVideo' });
    // Scene renders are working files, not outputs.
    expect(studio.library.list({ origin: 'generated', sort: 'newest', limit: 200, offset: 0 }).items.filter((a) => a.projectId === first.id)).toHaveLength(2);

    const script = { ...scripted.script!, scenes: scripted.script!.scenes.map((sc, i) => (i === 0 ? { ...sc, caption: '新的字幕' } : sc)) };
    studio.generate.updateScript(started.id, script);
    await studio.generate.render(started.id);
    const second = await settled<VideoProject>(started.id, (p) => p.status === 'ready' && p.composeJobId !== first.composeJobId);
    expectOutput(second.output!.output, { jobId: second.composeJobId!, projectId: second.id, retentionClass: 'shortVideo' });
    const rows = studio.library.list({ origin: 'generated', sort: 'newest', limit: 200, offset: 0 }).items.filter((a) => a.projectId === first.id);
    expect(rows.map((a) => a.sourceJobId)).toEqual([second.composeJobId, second.composeJobId]);
    expect(() => studio.library.get(firstVideo.id)).toThrow();
  }, 240_000);

  it('a timeline render and a motion clip with its Live Photo pair (shortVideo); outside files are copied in by hash', async () => {
    const a = await makePng(path.join(inbox, 'a.png'), 320, 240, '#e11d48');
    await makePng(path.join(inbox, 'b.png'), 320, 240, '#0ea5e9');
    const timeline = path.join(inbox, 'cut.json');
    fs.writeFileSync(timeline, JSON.stringify({ version: 1, aspect: '16:9', height: 240, fps: 24, quality: 'draft', scenes: [{ image: 'a.png', duration: 1 }, { image: 'b.png', duration: 1 }] }));
    const job = await studio.timelines.render(timeline, undefined, ANY_PATH);
    const done = await studio.jobs.waitFor(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const r = done.result as ComposeJobResult;
    expectOutput(r.output, { jobId: job.id, projectId: null, retentionClass: 'shortVideo' });

    const motionJob = await studio.jobs.enqueue('media.motion', { image: a, effect: 'snow', seconds: 1, out: path.join(inbox, 'a-snow.mp4'), livePhoto: true });
    const motion = await studio.jobs.waitFor(motionJob.id);
    expect(motion.status, JSON.stringify(motion.error)).toBe('succeeded');
    const m = motion.result as MotionJobResult;
    const made = studio.library.outputsOf(motionJob.id);
    expect(made.map((x) => x.hash).sort()).toEqual([m.output, m.livePhoto!.jpeg, m.livePhoto!.mov].map(sha).sort());
    for (const x of made) {
      expect(x).toMatchObject({ origin: 'generated', retentionClass: 'shortVideo', projectId: null });
      expect(x.file).toBe(`${x.hash.slice(0, 2)}/${x.hash}.${x.ext}`);
      expect(sha(path.join(studio.paths.library, x.file))).toBe(x.hash);
    }
  }, 120_000);

  it("the 2D studio's line art, by the one method, with its source job", async () => {
    const file = path.join(inbox, 'pencil sketch.jpg');
    fs.writeFileSync(file, await photographedSketch());
    const [sketch] = await studio.library.import([file], ANY_PATH);
    const runs = studio.creator.ink.runs;
    const started = await runs.run({ assetId: sketch!.assetId!, options: {} });
    const done = await until(() => {
      const r = runs.get(started.id);
      if (r.status === 'failed') throw new Error(JSON.stringify(r.error));
      return r.status === 'succeeded' && r.assets.lineArt ? r : null;
    }, 'ink run');
    const lineArt = studio.library.get(done.assets.lineArt!);
    expect(lineArt.file).toBe(done.result!.png);
    expect(lineArt).toMatchObject({ origin: 'generated', projectId: started.id, retentionClass: null });
    expect(lineArt.sourceJobId).not.toBeNull();
    expect((await studio.jobs.get(lineArt.sourceJobId!))?.kind).toBe('ink.clean');
    expect(lineArt.hash).toBe(sha(path.join(studio.paths.library, lineArt.file)));
  }, 90_000);

  it('registering the same output twice gives one row', async () => {
    const [row] = studio.library.list({ origin: 'generated', sort: 'newest', limit: 1, offset: 0 }).items;
    const abs = path.join(studio.paths.library, row!.file);
    const again = studio.library.addOutput(abs, { sourceJobId: 'another', projectId: 'another', origin: 'batch', retentionClass: 'temp' });
    expect(again.id).toBe(row!.id);
    expect(again).toMatchObject({ sourceJobId: row!.sourceJobId, origin: row!.origin, retentionClass: row!.retentionClass });
    const n = studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM assets WHERE hash = ?').get(row!.hash) as { n: number };
    expect(n.n).toBe(1);
  });

  it('an output a scheduled post uses falls under scheduledMedia; an import it uses stays kept', () => {
    const output = studio.library.list({ origin: 'generated', kind: 'image', sort: 'newest', limit: 200, offset: 0 }).items.find((a) => a.retentionClass === 'socialImage');
    const [imported] = studio.library.list({ origin: 'import', sort: 'newest', limit: 1, offset: 0 }).items;
    expect(studio.library.holdForPost([output!.file, imported!.file])).toBe(1);
    expect(studio.library.get(output!.id).retentionClass).toBe('scheduledMedia');
    expect(studio.library.get(imported!.id).retentionClass).toBeNull();
  });
});
