import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderFileStore } from '../../src/main/farm/folder-store.js';
import { localizePayload, payloadPaths, publishOutputs, receiveOutputs, stagePayload } from '../../src/main/farm/file-map.js';
import { TestRedis } from '../helpers/redis.js';
import { ANY_PATH } from '../../src/main/client-files.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { flushRedis, openFarmStudio, startFarmWorker, farmSuite } from './farm-harness.js';

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('farm file mapping: the dispatcher\'s paths ⇄ the store ⇄ the worker\'s folder', () => {
  it('ships every file a timeline names by a relative path (scenes, voice, music): a compose job carries absolute paths', async () => {
    const dir = tempHome('kingjam-farm-timeline-');
    fs.mkdirSync(path.join(dir, 'shots'));
    for (const f of ['shots/a.png', 'voice.wav', 'bed.mp3']) fs.writeFileSync(path.join(dir, f), 'x');
    const file = path.join(dir, 'tl.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, aspect: '9:16', scenes: [{ image: 'shots/a.png', duration: 1, voice: 'voice.wav' }], music: { path: 'bed.mp3' } }));
    const studio = openTestStudio(tempHome(), {}, false);
    try {
      const { timeline, baseDir } = await studio.timelines.read(file, ANY_PATH);
      const staged = payloadPaths({ timeline, baseDir, out: path.join(dir, 'tl.mp4') });
      for (const f of ['shots/a.png', 'voice.wav', 'bed.mp3']) expect(staged).toContain(path.join(dir, f));
    } finally {
      await studio.close();
    }
  });

  it('stages inputs, gives the worker its own paths, and brings new and changed files back beside the original paths', async () => {
    const dispatcher = tempHome('kingjam-fm-d-');
    const workerHome = tempHome('kingjam-fm-w-');
    const store = new FolderFileStore(path.join(tempHome('kingjam-fm-s-'), 'store'));
    const input = path.join(dispatcher, 'in', 'photo.jpg');
    fs.mkdirSync(path.dirname(input), { recursive: true });
    fs.writeFileSync(input, 'jpeg bytes');
    const outFile = path.join(dispatcher, 'out', 'video.mp4');
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    const outDir = path.join(dispatcher, 'blog');
    const payload = { image: input, out: outFile, outDir, caption: '/sale today', nested: [{ again: input }], url: 'https://example.com/x' };

    expect(payloadPaths(payload)).toEqual([input, outFile, outDir]);
    const staged = await stagePayload(store, 'job1', payload);
    const wire = JSON.stringify(staged.payload);
    expect(wire).not.toContain(dispatcher);
    expect(wire).toContain('/sale today');
    expect(await store.exists('jobs/job1/in/0/photo.jpg')).toBe(true);

    const work = path.join(workerHome, 'work');
    const local = await localizePayload(store, 'job1', staged.payload, work);
    const p = local.payload as typeof payload;
    expect(p.image.startsWith(work)).toBe(true);
    expect(p.nested[0]!.again).toBe(p.image);
    expect(fs.readFileSync(p.image, 'utf8')).toBe('jpeg bytes');
    expect(p.caption).toBe('/sale today');
    expect(p.url).toBe('https://example.com/x');
    // The handler writes its outputs (and a poster beside the video); the input stays as it was.
    fs.writeFileSync(p.out, 'mp4 bytes');
    fs.writeFileSync(path.join(path.dirname(p.out), 'video.jpg'), 'poster');
    fs.mkdirSync(p.outDir, { recursive: true });
    fs.writeFileSync(path.join(p.outDir, 'article.md'), '# hi');
    const ownFile = path.join(workerHome, 'library', 'gen', 'x.png');
    fs.mkdirSync(path.dirname(ownFile), { recursive: true });
    fs.writeFileSync(ownFile, 'png');
    const back = await publishOutputs(store, 'job1', { output: p.out, article: path.join(p.outDir, 'article.md'), own: ownFile, note: 'ok' }, local.slots, workerHome);
    expect(back.files.map((f) => f.rel).sort()).toEqual(['blog/article.md', 'library/gen/x.png', 'video.jpg', 'video.mp4'].sort());
    expect(JSON.stringify(back.result)).not.toContain(workerHome);

    const result = (await receiveOutputs(store, back, staged.paths, dispatcher)) as Record<string, string>;
    expect(result.output).toBe(outFile);
    expect(result.article).toBe(path.join(outDir, 'article.md'));
    expect(result.own).toBe(path.join(dispatcher, 'library', 'gen', 'x.png'));
    expect(result.note).toBe('ok');
    expect(fs.readFileSync(outFile, 'utf8')).toBe('mp4 bytes');
    expect(fs.readFileSync(path.join(dispatcher, 'out', 'video.jpg'), 'utf8')).toBe('poster');
    expect(fs.readFileSync(path.join(outDir, 'article.md'), 'utf8')).toBe('# hi');
    expect(fs.readFileSync(result.own!, 'utf8')).toBe('png');
  });

  it('maps an output whose folders do not exist yet on the dispatcher (a first thumbnail), not text that only looks like a path', async () => {
    const dispatcher = tempHome('kingjam-fm-d-');
    const store = new FolderFileStore(path.join(tempHome('kingjam-fm-s-'), 'store'));
    fs.mkdirSync(path.join(dispatcher, 'library'));
    const thumb = path.join(dispatcher, 'library', 'thumbs', 'ab', 'abcd.webp');
    const payload = { thumbPath: thumb, caption: '/sale/today' };
    expect(payloadPaths(payload)).toEqual([thumb]);
    const staged = await stagePayload(store, 'job2', payload);
    expect(JSON.stringify(staged.payload)).not.toContain(dispatcher);
    // The worker (another machine: its own folder) writes where it was told, making the folder as the probe does.
    const local = await localizePayload(store, 'job2', staged.payload, path.join(tempHome('kingjam-fm-w-'), 'work'));
    const p = local.payload as typeof payload;
    expect(p.thumbPath.startsWith(dispatcher)).toBe(false);
    expect(p.caption).toBe('/sale/today');
    fs.mkdirSync(path.dirname(p.thumbPath), { recursive: true });
    fs.writeFileSync(p.thumbPath, 'webp');
    const back = await publishOutputs(store, 'job2', { ok: true }, local.slots, tempHome('kingjam-fm-w-'));
    await receiveOutputs(store, back, staged.paths, dispatcher);
    expect(fs.readFileSync(thumb, 'utf8')).toBe('webp');
  });

  it('never writes outside the folder of a path, whatever the worker claims', async () => {
    const dispatcher = tempHome('kingjam-fm-d-');
    const store = new FolderFileStore(path.join(tempHome('kingjam-fm-s-'), 'store'));
    const src = path.join(tempHome('kingjam-fm-x-'), 'evil');
    fs.writeFileSync(src, 'x');
    await store.put('jobs/j/out/0/evil', src);
    const out = path.join(dispatcher, 'out', 'a.txt');
    fs.mkdirSync(path.dirname(out));
    await receiveOutputs(store, { result: null, files: [{ key: 'jobs/j/out/0/evil', slot: 0, rel: '../../escaped' }] }, [out], dispatcher);
    expect(fs.existsSync(path.join(dispatcher, '..', 'escaped'))).toBe(false);
    expect(fs.existsSync(path.resolve(dispatcher, '../../escaped'))).toBe(false);
  });
});

const available = await TestRedis.available();

describe.skipIf(!available)(farmSuite('a media job on the farm', available), () => {
  const redis = new TestRedis();
  beforeAll(async () => {
    await redis.start();
  });
  afterAll(async () => {
    await redis.close();
  });

  it('reads its input from the dispatcher, writes its output into the dispatcher\'s folder, and the store is emptied', async () => {
    await flushRedis(redis.url);
    const storeDir = path.join(tempHome('kingjam-farm-store-'), 'store');
    const studio = openFarmStudio(tempHome('kingjam-dispatcher-'), redis.url, storeDir);
    const worker = await startFarmWorker(redis.url, storeDir, { high: 1, default: 1, video: 1, mesh: 1 });
    try {
      const dir = tempHome('kingjam-farm-media-');
      const input = path.join(dir, 'in.png');
      await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c33' } }).png().toFile(input);
      const before = sha(input);
      const out = path.join(dir, 'out', 'thumb.jpg');
      fs.mkdirSync(path.dirname(out));
      const job = await studio.jobs.enqueue('media.image', { op: 'thumbnail', input, out, size: 64 });
      const done = await studio.jobs.waitFor(job.id);
      expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
      expect((done.result as { path: string }).path).toBe(out);
      const meta = await sharp(out).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBe(64);
      expect(sha(input)).toBe(before);
      expect(fs.existsSync(path.join(storeDir, 'jobs', job.id))).toBe(false);
    } finally {
      await worker.close();
      await studio.close();
    }
  }, 120_000);
});
