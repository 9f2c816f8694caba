import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CliIo } from '../../src/main/cli/context.js';
import type { Manifest } from '../../src/main/batch/manifest.js';
import { loadJobFile } from '../../src/main/batch/file.js';
import { JsonReporter } from '../../src/main/batch/progress.js';
import { runBatch, type RunOptions } from '../../src/main/batch/runner.js';
import type { Studio } from '../../src/main/studio.js';
import { makePng } from '../helpers/media.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';

/** A folder with two small pictures and a two-scene timeline, the inputs the offline job files use. */
export async function jobFolder(dir: string): Promise<string> {
  await makePng(path.join(dir, 'media', 'a.png'), 160, 120, '#3366aa');
  await makePng(path.join(dir, 'media', 'b.png'), 160, 120, '#aa6633');
  const timeline = { version: 1, aspect: '16:9', height: 144, fps: 12, quality: 'draft', scenes: [{ image: 'a.png', duration: 1, caption: 'One' }, { image: 'b.png', duration: 1 }], transition: { type: 'none', duration: 0 } };
  fs.writeFileSync(path.join(dir, 'media', 'timeline.json'), JSON.stringify(timeline));
  return dir;
}

type Item = Record<string, unknown>;

/** `n` offline items in a rotating mix of kinds, small enough that many finish in seconds. */
/** Mostly text (quick once the workers are warm), with renders and one Director video in every 15. */
const MIX = ['blog', 'social', 'blog', 'social', 'compose', 'blog', 'social', 'motion', 'blog', 'social', 'blog', 'social', 'compose', 'motion', 'video'];

export function offlineItems(n: number, kinds: readonly string[] = MIX): Item[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const id = `${kind}-${String(i + 1).padStart(2, '0')}`;
    switch (kind) {
      case 'blog': return { id, kind, topic: `Night market stall ${i + 1}`, cover: 'none', length: 300 };
      case 'social': return { id, kind, topic: `Bubble tea flavour ${i + 1}`, platform: 'instagram' };
      case 'compose': return { id, kind, timeline: 'media/timeline.json' };
      case 'motion': return { id, kind, image: i % 2 ? 'media/a.png' : 'media/b.png', effect: 'snow', seconds: 1 };
      default: return { id, kind, topic: `Lantern walk ${i + 1}`, seconds: 10, scenes: 2, height: 240, quality: 'draft', voice: false, music: false };
    }
  });
}

export function writeJobFile(file: string, items: Item[], defaults: Item = { provider: 'offline', language: 'en' }): string {
  fs.writeFileSync(file, JSON.stringify({ version: 1, defaults, items }, null, 2));
  return file;
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function readManifest(outDir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest;
}

/** A CliIo that keeps what was said. */
export function recordingIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

/** A studio that works the queue with room for a batch (a long lease: on a busy shared machine a worker may not get the CPU to report within the test default's 10 s). */
export function openBatchStudio(): Studio {
  process.env.KINGJAM_VIDEO_ENCODER = 'libx264';
  return openTestStudio(tempHome(), { concurrency: { high: 2, default: 4, video: 2, mesh: 1 }, rateLimits: {}, leaseMs: 120_000, heartbeatMs: 1_000 });
}

/** Runs a job file in-process with JSON events; its outputs go to `<dir>/<file name>-out`. */
export async function runJobFile(studio: Studio, dir: string, file: string, options: Partial<RunOptions> = {}) {
  const loaded = loadJobFile(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const io = recordingIo();
  const outDir = path.join(dir, `${path.parse(file).name}-out`);
  const code = await runBatch(studio, loaded.file, { outDir, yes: false, retryFailed: false, parallel: 8, dryRun: false, ...options }, new JsonReporter('en', io), new AbortController().signal);
  const events = io.lines.map((l) => JSON.parse(l) as { event: string; id?: string });
  return { code, events, outDir };
}
