/**
 * Library queries over 100,000 assets: filter + sort + a page of 50, against
 * a baseline of an unfiltered, unsorted page of 50 in the same process.
 * Goal: ≤ 20 ms. Usage: npm run bench:store
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { Studio } from '../src/main/studio.js';
import type { ListQuery } from '../src/main/library/service.js';
import { fmt, percentile, timeIt } from './stats.js';

const ASSETS = Number(process.env.BENCH_ASSETS ?? 100_000);
const RUNS = 200;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-bench-store-'));
const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });

const kinds = ['image', 'image', 'image', 'video', 'audio'] as const;
const words = ['holiday', 'family', 'lantern', 'dinner', 'portrait', '團圓飯', '春節', 'product', 'skyline', 'coffee'];
const insert = studio.store.sqlite.prepare(
  `INSERT INTO assets (id, hash, kind, name, name_lower, ext, bytes, width, height, duration_sec, codecs, format, status, file, thumb, starred, created_at)
   VALUES (?, ?, ?, ?, ?, 'png', ?, 1080, 1920, NULL, '[]', 'png', 'ready', ?, NULL, 0, ?)`,
);
const t0 = performance.now();
studio.store.transaction(() => {
  for (let i = 0; i < ASSETS; i++) {
    const hash = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');
    const name = `${words[i % words.length]}-${i}.png`;
    insert.run(randomUUID(), hash, kinds[i % kinds.length], name, name.toLowerCase(), 10_000 + ((i * 7919) % 5_000_000), `${hash.slice(0, 2)}/${hash}.png`, 1_700_000_000_000 + i * 1000);
  }
});
studio.store.sqlite.exec('ANALYZE');
const seeded = performance.now() - t0;

const baselineStmt = studio.store.sqlite.prepare('SELECT * FROM assets LIMIT 50');
const baseline = percentile(timeIt(() => baselineStmt.all(), RUNS), 50);

const cases: [string, ListQuery][] = [
  ['kind=image, newest first, page 1', { kind: 'image', sort: 'newest', limit: 50, offset: 0 }],
  ['kind=video, largest first, page 1', { kind: 'video', sort: 'size', limit: 50, offset: 0 }],
  ['all, by name, page 101', { sort: 'name', limit: 50, offset: 5000 }],
  ['search "lantern", newest first', { search: 'lantern', sort: 'newest', limit: 50, offset: 0 }],
  ['kind=image + search "團圓飯", by name', { kind: 'image', search: '團圓飯', sort: 'name', limit: 50, offset: 0 }],
];

console.log(`bench:store — library.list over ${ASSETS.toLocaleString('en')} assets (seeded in ${(seeded / 1000).toFixed(1)} s), median of ${RUNS} runs`);
console.log(`baseline: unfiltered page of 50 (SELECT … LIMIT 50)   ${fmt(baseline)}`);
let worst = 0;
for (const [label, query] of cases) {
  const samples = timeIt(() => studio.library.list(query), RUNS);
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  worst = Math.max(worst, p50);
  console.log(`${label.padEnd(44)} p50 ${fmt(p50).padStart(9)}  p95 ${fmt(p95).padStart(9)}  ${(p50 / baseline).toFixed(0)}× baseline (includes the total count)`);
}
console.log(`goal ≤ 20 ms (page with filter + sort): ${worst <= 20 ? 'met' : 'NOT met'} — slowest case p50 ${fmt(worst)}`);
await studio.close();
fs.rmSync(home, { recursive: true, force: true });
