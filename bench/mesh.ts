/**
 * bench:mesh — issue 16's goal for the mesh checks: checking a
 * 1,000,000-triangle model takes at most 3× reading it, measured in the same
 * run (so a slower or busier machine moves both). The model is a closed
 * bumpy torus (bench/mesh-model.ts) written as binary STL; each round times
 * readMeshFile (file → welded mesh), writing it (encodeStl + write), the
 * checks (checkMesh at 120 mm, FDM), the preview GLB (meshoptimizer down to
 * 200,000 triangles + the problem overlay) and repair (repairMesh through
 * manifold-3d). The median round counts; absolute times, the ratios and a
 * JSON line are printed.
 * Usage: npx tsx bench/mesh.ts   (KINGJAM_BENCH_ROUNDS, default 3; KINGJAM_BENCH_TRIANGLES, default 1,000,000)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkMesh } from '../src/workers/mesh/check/index.js';
import { readMeshFile } from '../src/workers/mesh/io/read.js';
import { encodeStl } from '../src/workers/mesh/io/stl.js';
import { closedOutward, writePreview } from '../src/workers/mesh/preview.js';
import { repairMesh } from '../src/workers/mesh/repair/index.js';
import { bumpyTorus } from './mesh-model.js';

const ROUNDS = Math.max(1, Number(process.env.KINGJAM_BENCH_ROUNDS ?? 3));
const TRIANGLES = Math.max(10_000, Number(process.env.KINGJAM_BENCH_TRIANGLES ?? 1_000_000));
const GOAL_RATIO = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-bench-mesh-'));
  try {
    // rings × segments × 2 triangles; segments twice the rings keeps the triangles near square.
    const rings = Math.round(Math.sqrt(TRIANGLES / 4));
    const model = bumpyTorus(rings, rings * 2);
    const triangles = model.indices.length / 3;
    const file = path.join(dir, 'torus.stl');
    console.log(`bench:mesh — ${triangles.toLocaleString('en')} triangles, ${ROUNDS} rounds, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);
    const rounds: { read: number; write: number; check: number; preview: number; repair: number }[] = [];
    let last: ReturnType<typeof checkMesh> | null = null;
    for (let r = 0; r < ROUNDS; r++) {
      const write = await timed(() => fs.writeFileSync(file, encodeStl(model)));
      const read = await timed(() => readMeshFile(file));
      const check = await timed(() => checkMesh(read.value, { sizeMm: 120, process: 'fdm' }));
      const preview = await timed(() => writePreview(read.value, check.value.problemTriangles, path.join(dir, 'preview.glb'), { closedOutward: closedOutward(check.value.report) }));
      const repair = await timed(() => repairMesh(read.value));
      last = check.value;
      rounds.push({ read: read.ms, write: write.ms, check: check.ms, preview: preview.ms, repair: repair.ms });
      console.log(`  round ${r + 1}: read ${read.ms.toFixed(0)} ms, write ${write.ms.toFixed(0)} ms, checks ${check.ms.toFixed(0)} ms (${(check.ms / read.ms).toFixed(2)}× read), preview ${preview.ms.toFixed(0)} ms, repair ${repair.ms.toFixed(0)} ms`);
    }
    const m = {
      read: median(rounds.map((x) => x.read)),
      write: median(rounds.map((x) => x.write)),
      check: median(rounds.map((x) => x.check)),
      preview: median(rounds.map((x) => x.preview)),
      repair: median(rounds.map((x) => x.repair)),
    };
    const ratio = median(rounds.map((x) => x.check / x.read));
    const report = last!.report;
    console.log(`median: read ${m.read.toFixed(0)} ms, write ${m.write.toFixed(0)} ms, checks ${m.check.toFixed(0)} ms, preview ${m.preview.toFixed(0)} ms, repair ${m.repair.toFixed(0)} ms`);
    console.log(`checks / read = ${ratio.toFixed(2)}× (goal ≤ ${GOAL_RATIO}×): ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}; repair / read = ${median(rounds.map((x) => x.repair / x.read)).toFixed(2)}×`);
    console.log(`the model checked: watertight ${report.watertight}, ${report.selfIntersections} self-intersections, thinnest wall ${report.thinnestWallMm?.toFixed(2)} mm, score ${report.score}`);
    console.log(JSON.stringify({ bench: 'mesh', triangles, rounds: ROUNDS, cpus: os.cpus().length, medianMs: m, checksOverRead: ratio, goal: GOAL_RATIO, met: ratio <= GOAL_RATIO }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
