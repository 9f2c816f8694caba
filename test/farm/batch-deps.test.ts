import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/index.js';
import { TestRedis } from '../helpers/redis.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { jobFolder, readManifest, sha256File, writeJobFile } from '../batch/fixtures.js';
import { farmSuite, flushRedis } from './farm-harness.js';
import { WorkerProcess } from './worker-process.js';

/**
 * Items that depend on others (`after`, `{ "from": ID }`, docs/batch.md) when the jobs run on the farm:
 * `kingjam batch run --redis` in this process dispatches through BullMQ to a real `kingjam worker` process,
 * the files going through the shared folder store. The dependent's job is only pushed once its dependency's
 * job is done on the worker and its output is back in the output folder, and it is given exactly that file;
 * a dependency that failed on the worker skips its dependents, whose jobs never reach Redis.
 */
const available = await TestRedis.available();

interface Event {
  event: string;
  id?: string;
  reason?: unknown;
}

describe.skipIf(!available)(farmSuite('a batch file with dependencies on the farm (`kingjam batch run --redis`)', available), () => {
  const redis = new TestRedis();
  let worker: WorkerProcess | null = null;
  beforeAll(async () => {
    await redis.start();
  });
  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await redis.close();
  });

  it('a motion item takes a compose item\'s poster after its job is done on the worker; a failed dependency skips its dependent with the reason', { timeout: 120_000 }, async () => {
    await flushRedis(redis.url);
    const storeDir = path.join(tempHome('kingjam-farm-store-'), 'store');
    worker = new WorkerProcess(redis.url, storeDir, 'deps', 'default=2,video=1', { KINGJAM_VIDEO_ENCODER: 'libx264' });
    const dir = await jobFolder(tempHome('kingjam-farm-batch-'));
    fs.writeFileSync(path.join(dir, 'media', 'broken.png'), 'this is not a picture');
    const file = writeJobFile(path.join(dir, 'farm.json'), [
      // Listed before its dependency, so only waiting (not the file's order) can make it start after the clip.
      { id: 'spark', kind: 'motion', image: { from: 'clip' }, effect: 'snow', seconds: 1 },
      { id: 'clip', kind: 'compose', timeline: 'media/timeline.json' },
      { id: 'broken', kind: 'motion', image: 'media/broken.png', effect: 'snow', seconds: 1 },
      { id: 'teaser', kind: 'motion', image: { from: 'broken' }, effect: 'lanterns', seconds: 1 },
    ]);
    await worker.started();

    const home = tempHome('kingjam-farm-batch-home-');
    const saved = { home: process.env.KINGJAM_HOME, encoder: process.env.KINGJAM_VIDEO_ENCODER };
    process.env.KINGJAM_HOME = home;
    process.env.KINGJAM_VIDEO_ENCODER = 'libx264';
    const out: string[] = [];
    const err: string[] = [];
    let code: number;
    try {
      code = await runCli(['batch', 'run', file, '--json', '--redis', redis.url, '--store', storeDir], { out: (l) => out.push(l), err: (l) => err.push(l) });
    } finally {
      for (const [name, value] of [['KINGJAM_HOME', saved.home], ['KINGJAM_VIDEO_ENCODER', saved.encoder]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    // The broken picture fails, so not every item succeeded.
    expect(code, err.join('\n')).toBe(1);
    expect(err.join('\n')).toContain(redis.url);
    const events = out.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Event);
    const order = events.filter((e) => e.event === 'item-start' || e.event === 'item-done').map((e) => `${e.event}:${e.id}`);
    expect(order.indexOf('item-start:spark')).toBeGreaterThan(order.indexOf('item-done:clip'));

    const outDir = path.join(dir, 'farm-out');
    const manifest = readManifest(outDir);
    const byId = new Map(manifest.items.map((i) => [i.id, i]));
    expect(manifest.items.map((i) => [i.id, i.status, i.skippedReason])).toEqual([
      ['spark', 'succeeded', null],
      ['clip', 'succeeded', null],
      ['broken', 'failed', null],
      ['teaser', 'skipped', 'dependency-failed: broken'],
    ]);

    // Every job ran on the worker process, and the motion job started only after the compose job was done there.
    const clipJob = byId.get('clip')!.jobIds[0]!;
    const sparkJob = byId.get('spark')!.jobIds[0]!;
    const line = (event: string, jobId: string) => worker!.lines.find((l) => l.event === event && l.jobId === jobId);
    expect(line('job.done', clipJob)).toBeDefined();
    expect(line('job.start', sparkJob)!.at).toBeGreaterThanOrEqual(line('job.done', clipJob)!.at);
    expect(line('job.done', sparkJob)).toBeDefined();

    // The motion job was handed the clip's poster as it is in the output folder (its bytes, by hash), and its clip came back.
    const poster = byId.get('clip')!.outputs.find((o) => /\.(png|jpe?g)$/.test(o.file))!;
    expect(sha256File(path.join(outDir, poster.file))).toBe(poster.sha256);
    const dispatcher = openTestStudio(home, {}, false);
    try {
      const payload = JSON.parse(dispatcher.jobs.jobs.get(sparkJob)!.payload) as { image: string };
      expect(payload.image).toBe(path.join(outDir, poster.file));
      expect(sha256File(payload.image)).toBe(poster.sha256);
    } finally {
      await dispatcher.close();
    }
    const sparkClip = byId.get('spark')!.outputs.find((o) => o.file.endsWith('.mp4'))!;
    expect(sha256File(path.join(outDir, sparkClip.file))).toBe(sparkClip.sha256);

    // The failed dependency: its dependent was skipped with the reason, never queued, and the worker never saw a job for it.
    expect(events).toContainEqual({ event: 'item-skipped', id: 'teaser', reason: { kind: 'dependency', dep: 'broken' } });
    expect(events.some((e) => e.event === 'item-start' && e.id === 'teaser')).toBe(false);
    expect(byId.get('teaser')!.jobIds).toEqual([]);
    expect(events.at(-1)).toMatchObject({ event: 'summary', failed: 1, skipped: 1, dependencySkipped: ['teaser'] });
    const brokenJob = byId.get('broken')!.jobIds[0]!;
    expect(line('job.failed', brokenJob)).toBeDefined();
    const motionJobs = new Set(worker.lines.filter((l) => l.kind === 'media.motion').map((l) => l.jobId));
    expect([...motionJobs].sort()).toEqual([sparkJob, brokenJob].sort());
  });
});
