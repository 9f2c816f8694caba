import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { Studio } from '../../src/main/studio.js';
import type { PhotoRunView } from '../../src/shared/api/photo-contract.js';
import { tempHome } from '../helpers/studio.js';
import { portrait } from './fixtures/portraits.js';

/** The real `kingjam photo motion` in its own process, with the real motion worker, on a real portrait. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

let good: string;
let home: string;

beforeAll(async () => {
  good = await portrait(0);
  home = tempHome('kingjam-photo-cli-motion-');
  const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });
  studio.updateSettings({ language: 'en' });
  await studio.close();
}, 120_000);

describe('kingjam photo motion', () => {
  it('motion IMAGE --effect snow writes the clip and the Live Photo pair into --out', async () => {
    const out = tempHome('kingjam-photo-motion-out-');
    const r = spawnSync(process.execPath, [...CLI, 'photo', 'motion', good, '--effect', 'snow', '--out', out, '--json'], {
      cwd: ROOT, env: { ...process.env, KINGJAM_HOME: home }, encoding: 'utf8', timeout: 150_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as PhotoRunView & { files: string[] };
    expect(run).toMatchObject({ kind: 'motion', status: 'succeeded', estimatedCredits: 0 });
    expect(run.motion?.durationSec).toBeCloseTo(5, 0);
    expect(run.files.map((f) => path.basename(f)).sort()).toEqual(['live.jpg', 'live.mov', 'motion.mp4']);
    for (const f of run.files) expect(path.dirname(f)).toBe(out);
    // Real files: MP4 and QuickTime boxes, and a JPEG the size of the still.
    const head = (f: string) => fs.readFileSync(path.join(out, f)).subarray(4, 8).toString('latin1');
    expect(head('motion.mp4')).toBe('ftyp');
    expect(head('live.mov')).toBe('ftyp');
    const still = await sharp(good).metadata();
    const jpeg = await sharp(path.join(out, 'live.jpg')).metadata();
    expect(jpeg.format).toBe('jpeg');
    expect(jpeg.width! / jpeg.height!).toBeCloseTo(still.width! / still.height!, 1);
    // The people stayed still while the snow moved.
    expect(run.motion!.stillness!.people).toBeLessThan(run.motion!.stillness!.background);
  }, 180_000);
});
