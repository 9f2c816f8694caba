import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { initializeCanvas, readPsd } from 'ag-psd';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { Studio } from '../../src/main/studio.js';
import type { InkCleanResult } from '../../src/shared/ink/jobs.js';
import { INK_PSD_LAYERS } from '../../src/shared/ink/options.js';
import { inkText } from '../../src/shared/ink/text.js';
import { tempHome } from '../helpers/studio.js';
import { SKETCH, photographedSketch } from './fixtures.js';

/** The real `kingjam ink` in its own process on a temp data folder, with real workers. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

function kingjam(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, KINGJAM_HOME: home }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let home: string;
let sketch: string;
beforeAll(async () => {
  home = tempHome('kingjam-ink-cli-');
  sketch = path.join(home, 'sketch.jpg');
  fs.writeFileSync(sketch, await photographedSketch());
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('kingjam ink', () => {
  it('clean --json writes the PNG and SVG into --out and prints the result', async () => {
    const out = path.join(home, 'clean-out');
    const r = kingjam(home, 'ink', 'clean', sketch, '--out', out, '--thicken', '2', '--json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as InkCleanResult;
    expect(result.png).toBe(path.join(out, 'line-art.png'));
    expect(Math.abs(result.angle - SKETCH.skew)).toBeLessThanOrEqual(1);
    expect((await sharp(result.png).metadata()).hasAlpha).toBe(true);
    expect(fs.readFileSync(result.svg, 'utf8')).toContain('fill-rule="evenodd"');
  }, 120_000);

  it('psd writes a layered PSD next to the sketch and says so (in zh-TW, a new data folder’s language)', () => {
    initializeCanvas(
      () => {
        throw new Error('no canvas in tests');
      },
      (width, height) => ({ width, height, data: new Uint8ClampedArray(width * height * 4), colorSpace: 'srgb' }) as ImageData,
    );
    const r = kingjam(home, 'ink', 'psd', sketch);
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(home, 'sketch-layers.psd');
    expect(r.stdout).toContain(inkText('zh-TW', 'ink.cli.wrote', { file }));
    const doc = readPsd(fs.readFileSync(file), { useImageData: true });
    expect([doc.width, doc.height]).toEqual([SKETCH.width, SKETCH.height]);
    expect(doc.children!.map((l) => l.name).reverse()).toEqual([...INK_PSD_LAYERS]);
  }, 120_000);

  it('says what is wrong with an unreadable sketch in the studio’s language, and refuses bad flags', async () => {
    const bad = path.join(home, 'broken.png');
    fs.writeFileSync(bad, 'not a png');
    const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });
    studio.updateSettings({ language: 'zh-TW' });
    await studio.close();
    const r = kingjam(home, 'ink', 'clean', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(inkText('zh-TW', 'msg.ink.unreadable', { file: 'broken.png' }));
    expect(r.stderr).toContain(inkText('zh-TW', 'msg.ink.unreadable.hint'));
    const flags = kingjam(home, 'ink', 'clean', sketch, '--smoothing', 'wobbly');
    expect(flags.code).not.toBe(0);
    expect(flags.stderr).toContain('--smoothing');
  }, 120_000);
});
