import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMesh } from '../src/workers/mesh/check/index.js';
import { closedOutward, writePreview } from '../src/workers/mesh/preview.js';
import { bumpyTorus } from '../bench/mesh-model.js';
import { launchChromium } from './support/browser.js';
import { REPO_ROOT } from './support/server.js';

/**
 * The 3D preview's levels of detail in Chromium (WebGL on SwiftShader here): the renderer's
 * PreviewScene, bundled as the app bundles it, shows the worker's preview GLB of a 90,000-triangle
 * closed torus. At rest it draws the full level at the full pixel ratio; turning on a machine that
 * cannot keep up (SwiftShader on 2 cores draws the full level in tens of milliseconds) it switches by
 * its own frame pacing to the coarse level at half the pixel ratio; stopped, the full level is back.
 * Where the renderer keeps up, turning keeps the full level.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-preview-levels-'));
let server: http.Server;
let browser: Browser;
let page: Page;
let renderer = '';

/** What the page exposes: the scene's state and its drawing buffer's width. */
interface Probe {
  modelTriangles: number;
  coarseTriangles: number;
  motionDetail: 'full' | 'coarse';
  bufferWidth: number;
  closed: boolean;
}

const PAGE_CODE = `
import { PreviewScene } from ${JSON.stringify(path.join(REPO_ROOT, 'src/renderer/pages/builder3d/previewScene.ts'))};
const canvas = document.getElementById('c') as HTMLCanvasElement;
const scene = new PreviewScene(canvas, { bedMm: [250, 210], sizeMm: 120 });
const w = window as unknown as Record<string, unknown>;
w.scene = scene;
w.probe = () => ({ ...scene.state, bufferWidth: canvas.width, closed: scene.scene.getObjectByName('model')?.userData.closed === true });
const gl = scene.renderer.getContext();
const info = gl.getExtension('WEBGL_debug_renderer_info');
w.rendererName = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown';
`;

const probe = () => page.evaluate('window.probe()') as Promise<Probe>;

/** Pixels of the model (grey, darker than the bed and background) in a screenshot of the canvas. */
async function modelPixels(): Promise<number> {
  const png = await page.locator('#c').screenshot();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 200 && data[i + 2]! < 215 && Math.abs(data[i]! - data[i + 2]!) < 40) n += 1;
  return n;
}

beforeAll(async () => {
  const mesh = bumpyTorus(300, 150);
  const checked = checkMesh(mesh, { sizeMm: 120, process: 'fdm' });
  await writePreview(mesh, checked.problemTriangles, path.join(dir, 'preview.glb'), { closedOutward: closedOutward(checked.report) });
  fs.writeFileSync(path.join(dir, 'entry.ts'), PAGE_CODE);
  await build({ entryPoints: [path.join(dir, 'entry.ts')], bundle: true, format: 'esm', outfile: path.join(dir, 'bundle.js'), logLevel: 'error', nodePaths: [path.join(REPO_ROOT, 'node_modules')] });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body style="margin:0"><canvas id="c" style="width:800px;height:450px;display:block"></canvas><script type="module" src="bundle.js"></script></body></html>');
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.glb': 'model/gltf-binary' };
  server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename(new URL(req.url ?? '/', 'http://x').pathname) || 'index.html');
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 800, height: 450 }, deviceScaleFactor: 1 });
  await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/index.html`);
  await page.waitForFunction('typeof window.probe === "function"');
  renderer = (await page.evaluate('window.rendererName')) as string;
  await page.evaluate('window.scene.load("preview.glb")');
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the 3D preview’s levels of detail', () => {
  it('draws the full level at rest, at the full pixel ratio, culling the closed model’s back faces', async () => {
    const state = await probe();
    expect(state.modelTriangles).toBe(90_000);
    expect(state.coarseTriangles).toBeGreaterThan(4_000);
    expect(state.coarseTriangles).toBeLessThanOrEqual(8_000);
    expect(state.motionDetail).toBe('full');
    expect(state.bufferWidth).toBe(800);
    expect(state.closed).toBe(true);
    expect(await modelPixels()).toBeGreaterThan(5_000);
  });

  it('turning, switches to the coarse level at half the pixel ratio where frames are slow, and back to the full one when it stops', async () => {
    await page.evaluate('window.scene.setTurntable(true)');
    // The scene decides from its own frames: SwiftShader on a few cores is slow for the full level
    // (it switches within a second); a renderer that keeps up keeps the full level in motion.
    const switched = await expect
      .poll(async () => (await probe()).motionDetail, { timeout: 8_000, interval: 100 })
      .toBe('coarse')
      .then(() => true, () => false);
    if (!switched) {
      // Still turning, still the full level at the full pixel ratio.
      expect(await probe()).toMatchObject({ motionDetail: 'full', bufferWidth: 800 });
      await page.evaluate('window.scene.setTurntable(false)');
      console.log(`preview-levels: ${renderer} kept up with the full level; no switch to check`);
      return;
    }
    await expect.poll(async () => (await probe()).bufferWidth, { timeout: 5_000, interval: 50 }).toBe(400);
    // Still the model on screen (its silhouette at half resolution, scaled up).
    expect(await modelPixels()).toBeGreaterThan(5_000);
    await page.evaluate('window.scene.setTurntable(false)');
    // Orbit damping runs out within a second; the last frame is the full level.
    await expect.poll(async () => (await probe()).bufferWidth, { timeout: 10_000, interval: 100 }).toBe(800);
    expect((await probe()).motionDetail).toBe('coarse');
    expect(await modelPixels()).toBeGreaterThan(5_000);
  }, 60_000);
});
