import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { Studio } from '../../src/main/studio.js';
import type { MeshCheckResult } from '../../src/shared/mesh/jobs.js';
import { meshText } from '../../src/shared/mesh/app-text.js';
import type { Language } from '../../src/shared/settings.js';
import { encodeStl } from '../../src/workers/mesh/io/stl.js';
import { tempHome } from '../helpers/studio.js';
import { box } from './checks-helpers.js';

/**
 * The real `kingjam 3d check` in its own process on a temp data folder, with
 * the real mesh worker: a closed box passes every production check and exits
 * 0; the same box with a face removed is not watertight and exits 1; the
 * lines are in the studio's language.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

function kingjam(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, KINGJAM_HOME: home }, encoding: 'utf8', timeout: 150_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function homeIn(language: Language): Promise<string> {
  const home = tempHome(`kingjam-3d-cli-${language}-`);
  const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });
  studio.updateSettings({ language });
  await studio.close();
  return home;
}

let closed: string;
let open: string;

beforeAll(() => {
  const dir = tempHome('kingjam-3d-cli-files-');
  const cube = box(0, 0, 0, 40, 40, 40);
  closed = path.join(dir, 'cube.stl');
  fs.writeFileSync(closed, encodeStl(cube));
  // The same cube without its last face (two triangles): open edges all round that square.
  open = path.join(dir, 'open.stl');
  fs.writeFileSync(open, encodeStl({ positions: cube.positions, indices: cube.indices.slice(0, cube.indices.length - 6) }));
});

describe('kingjam 3d check', () => {
  it('a closed cube: every check passes at 120 mm for FDM, JSON with the report, exit 0', async () => {
    const home = await homeIn('en');
    const r = kingjam(home, '3d', 'check', closed, '--size-mm', '120', '--process', 'fdm', '--json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as MeshCheckResult;
    expect(result.report).toMatchObject({ triangles: 12, watertight: true, boundaryEdges: 0, nonManifoldEdges: 0, process: 'fdm' });
    expect(Math.max(...result.report.sizeMm)).toBeCloseTo(120, 3);
    expect(result.report.checks.every((c) => c.passed)).toBe(true);
  }, 120_000);

  it('an open cube: not watertight, said in zh-TW, exit 1', async () => {
    const home = await homeIn('zh-TW');
    const r = kingjam(home, '3d', 'check', open, '--size-mm', '80');
    expect(r.code, r.stderr).toBe(1);
    const watertight = meshText('zh-TW', 'mesh.cli.check', { name: meshText('zh-TW', 'mesh.cli.check.watertight'), label: meshText('zh-TW', 'mesh.cli.failed'), value: '' });
    expect(r.stdout).toContain(watertight.trim());
    // Each value against its limit in words: open edges under a ceiling, the wall over a floor, the overhang as a share of the surface.
    expect(r.stdout).toMatch(/封閉（水密）：未通過 [1-9]\d*（上限 0）/);
    expect(r.stdout).toContain('最薄壁厚（mm）：未通過 （表面沒有封閉，無法量測：請先修復）');
    expect(r.stdout).toMatch(/最小細節（mm）：通過 [\d.]+（至少 0.6）/);
    expect(r.stdout).toMatch(/懸垂（超過角度的表面比例）：通過 表面有 [\d.]+ % 比 \d+° 更陡/);
    expect(r.stdout).toContain('分數：');
  }, 120_000);
});

describe('kingjam 3d make', () => {
  it('names the backend in the studio’s language (zh-CN) on its lines and writes the GLB', async () => {
    const home = await homeIn('zh-CN');
    const out = path.join(home, 'models');
    const r = kingjam(home, '3d', 'make', path.join(ROOT, 'resources/samples/cafe-latte.jpg'), '--backend', 'offline', '--size-mm', '100', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('正在用 离线浮雕 从 cafe-latte.jpg 制作 3D 模型…');
    expect(r.stdout).toMatch(/离线浮雕：分数 \d+\/100，\d+ 个三角形，[\d.]+ × [\d.]+ × [\d.]+ mm，离线草稿/);
    // The backend's id is left only in the file name.
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('已写入')).join('\n')).not.toMatch(/\boffline\b/);
    const glb = fs.readFileSync(path.join(out, 'cafe-latte-offline.glb'));
    expect(glb.subarray(0, 4).toString('latin1')).toBe('glTF');
  }, 150_000);
});
