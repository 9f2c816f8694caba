/**
 * bench:mesh (second half) — issue 16's preview goal: the frame time of the
 * 3D builder's live preview in Chromium for a 1,000,000-triangle mesh after
 * the mesh worker's decimation, against the frame time of the same preview
 * with no model (bed, grid and ruler only) in the same run; goal ≤ 16 ms.
 *
 * The model is bench/mesh-model.ts's bumpy torus (1,000 × 500 × 2
 * triangles), checked by the worker's own checks for FDM at 120 mm; its
 * preview GLB is written by the worker's writePreview (node "model"
 * decimated to MESH_LIMITS.previewTriangles with the problems found as the
 * overlay, and the coarse level). The page runs the renderer's PreviewScene
 * (bundled with esbuild) at 1280 × 720. A frame is timed as the render call
 * plus a 1-pixel readPixels, which waits for the GPU to finish it
 * (requestAnimationFrame would cap it at the display's 60 Hz). Three figures:
 * the empty scene, the full level as drawn at rest, and the frames drawn in
 * motion — after the turntable has run long enough for the scene's own
 * pacing to pick the level (on a machine that keeps up, that is the full
 * level again). The goal is read against the frames in motion.
 *
 * WebGL here is Chromium's SwiftShader (software, on the CPU) unless the
 * machine has a GPU Chromium uses; the renderer is printed. On SwiftShader
 * the figures are an upper bound of a desktop's with any GPU.
 * Usage: npx tsx bench/mesh-preview.ts   (KINGJAM_BENCH_FRAMES, default 60; KINGJAM_CHROMIUM)
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { MESH_LIMITS } from '../src/shared/mesh/jobs.js';
import { checkMesh } from '../src/workers/mesh/check/index.js';
import { closedOutward, writePreview } from '../src/workers/mesh/preview.js';
import { bumpyTorus } from './mesh-model.js';

const FRAMES = Math.max(10, Number(process.env.KINGJAM_BENCH_FRAMES ?? 60));
const GOAL_MS = 16;
const CHROMIUM = process.env.KINGJAM_CHROMIUM ?? '/usr/bin/chromium';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-bench-preview-'));

interface BenchResult {
  renderer: string;
  empty: number[];
  rest: number[];
  motion: number[];
  motionDetail: 'full' | 'coarse';
  loadMs: number;
  modelTriangles: number;
  problemTriangles: number;
  coarseTriangles: number;
}

/** What runs in the page, bundled with the renderer's PreviewScene: frames of the empty scene, then of the loaded preview. */
const BROWSER_CODE = `
(window as unknown as { runBench: (frames: number) => Promise<unknown> }).runBench = async (frames: number) => {
  const scene = new PreviewScene(document.getElementById('c') as HTMLCanvasElement, { bedMm: [250, 210], sizeMm: 120 });
  const gl = scene.renderer.getContext();
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown';
  const pixel = new Uint8Array(4);
  const time = (moving: boolean): number[] => {
    const out: number[] = [];
    for (let i = 0; i < frames + 5; i++) {
      const t = performance.now();
      scene.renderNow(moving);
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
      if (i >= 5) out.push(performance.now() - t);
    }
    return out;
  };
  // The turntable turns the model every frame, as when the user orbits.
  scene.setTurntable(true);
  const empty = time(true);
  const t = performance.now();
  await scene.load('preview.glb');
  const loadMs = performance.now() - t;
  const rest = time(false);
  // The scene's own animation frames pace the motion and pick its level (a second is dozens of frames on a GPU).
  const settle = performance.now();
  while (scene.state.motionDetail === 'full' && performance.now() - settle < 3000) await new Promise((r) => setTimeout(r, 50));
  const motion = time(true);
  const { modelTriangles, problemTriangles, coarseTriangles, motionDetail } = scene.state;
  return { renderer, empty, rest, motion, motionDetail, loadMs, modelTriangles, problemTriangles, coarseTriangles };
};
`;

async function main(): Promise<void> {
  const mesh = bumpyTorus(1000, 500);
  const triangles = mesh.indices.length / 3;
  const checked = checkMesh(mesh, { sizeMm: 120, process: 'fdm' });
  const t0 = performance.now();
  await writePreview(mesh, checked.problemTriangles, path.join(dir, 'preview.glb'), { closedOutward: closedOutward(checked.report) });
  const writeMs = performance.now() - t0;
  const glbBytes = fs.statSync(path.join(dir, 'preview.glb')).size;

  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(entry, `import { PreviewScene } from ${JSON.stringify(path.resolve('src/renderer/pages/builder3d/previewScene.ts'))};\n${BROWSER_CODE}`);
  await build({ entryPoints: [entry], bundle: true, format: 'esm', outfile: path.join(dir, 'bundle.js'), logLevel: 'error', nodePaths: [path.resolve('node_modules')] });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body style="margin:0"><canvas id="c" style="width:1280px;height:720px;display:block"></canvas><script type="module" src="bundle.js"></script></body></html>');

  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.glb': 'model/gltf-binary' };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename(new URL(req.url ?? '/', 'http://x').pathname) || 'index.html');
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForFunction('typeof window.runBench === "function"');
    // A string, so tsx's helpers (keepNames) stay out of the page; runBench is the bundle's (BROWSER_CODE).
    const result = (await page.evaluate(`window.runBench(${FRAMES})`)) as BenchResult;
    const stats = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]! };
    };
    const empty = stats(result.empty);
    const rest = stats(result.rest);
    const motion = stats(result.motion);
    const line = (label: string, s: { median: number; p95: number }) => `${label.padEnd(34)} median ${s.median.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms`;
    console.log(`bench:mesh preview — ${os.cpus().length} cores, ${FRAMES} frames at 1280×720, WebGL: ${result.renderer}`);
    console.log(`source mesh: ${triangles.toLocaleString('en')} triangles → preview GLB ${(glbBytes / 1024 / 1024).toFixed(1)} MB in ${writeMs.toFixed(0)} ms (model ≤ ${MESH_LIMITS.previewTriangles.toLocaleString('en')} triangles)`);
    console.log(`preview: ${result.modelTriangles.toLocaleString('en')} model + ${result.problemTriangles.toLocaleString('en')} overlay triangles (coarse level: ${result.coarseTriangles.toLocaleString('en')} model triangles), GLB loaded in ${result.loadMs.toFixed(0)} ms`);
    console.log(line('empty scene (bed, grid, ruler)', empty));
    console.log(line('full level, at rest', rest));
    console.log(line(`in motion (${result.motionDetail} level)`, motion));
    console.log(`ratio at rest / empty: ${(rest.median / empty.median).toFixed(2)}×, in motion / empty: ${(motion.median / empty.median).toFixed(2)}×`);
    console.log(`goal ≤ ${GOAL_MS} ms in motion: ${motion.median <= GOAL_MS ? 'met' : 'NOT met'}${result.motionDetail === 'coarse' ? ' (coarse level at half the pixel ratio)' : ''}`);
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
