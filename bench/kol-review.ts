/**
 * The KOL review queue over 100,000 post records (issue 14, goal ≤ 20 ms a
 * page): a page of 50 through PostService.list — the keyset query and the
 * views the UI gets — for the main filters, against a baseline of a plain
 * `SELECT * FROM kol_posts LIMIT 50` in the same run.
 * Usage: npx tsx bench/kol-review.ts  (KINGJAM_BENCH_POSTS to change the count)
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { Studio } from '../src/main/studio.js';
import type { KolPostFilter } from '../src/shared/api/kol-contract.js';
import type { KolPostState } from '../src/shared/kol/post-record.js';
import { fmt, percentile, timeIt } from './stats.js';

const POSTS = Number(process.env.KINGJAM_BENCH_POSTS ?? 100_000);
const RUNS = 200;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-bench-kol-'));
const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });

const clients = ['client-a', 'client-b', 'client-c', 'client-d'];
const personas = Array.from({ length: 20 }, (_, i) =>
  studio.kol.personas.create({ nickname: `KOL ${i}`, persona: `第 ${i} 位美食與理財 KOL`, clientId: clients[i % clients.length]! }),
);
// Roughly an agency's mix: most records published or waiting for review.
const states: [KolPostState, number][] = [
  ['published', 35],
  ['pending_review', 30],
  ['approved', 10],
  ['scheduled', 10],
  ['rejected', 5],
  ['needs_changes', 4],
  ['failed', 3],
  ['draft', 3],
];
const stateAt = (i: number): KolPostState => {
  let r = (i * 7919) % 100;
  for (const [s, share] of states) {
    if (r < share) return s;
    r -= share;
  }
  return 'draft';
};
const words = ['牛肉麵', '珍珠奶茶', '夜市', '咖啡', '早午餐', 'ETF', '存股', '颱風天', '滷肉飯', '甜點'];
const insert = studio.store.sqlite.prepare(
  `INSERT INTO kol_posts (id, persona_id, client_id, topic, title, content, content_md, tags, status, quality_score, ai_detection_score, risk_level, scores, created_at, updated_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, NULL, ?, ?)`,
);
const t0 = performance.now();
studio.store.transaction(() => {
  for (let i = 0; i < POSTS; i++) {
    const p = personas[i % personas.length]!;
    const word = words[(i * 31) % words.length]!;
    // One post in 10,000 mentions 鳳梨酥: the rare search that reads deep.
    const content = `${word}真的太好吃了！今天跟大家分享第 ${i} 篇心得，${words[(i * 17) % words.length]}也很推薦。${i % 10_000 === 0 ? '鳳梨酥' : ''}`.repeat(4);
    const risk = ['low', 'low', 'low', 'medium', 'high'][(i * 13) % 5]!;
    const created = 1_780_000_000_000 + i * 60_000 + (i % 7);
    insert.run(randomUUID(), p.id, p.clientId, word, `${word} #${i}`, content, content, stateAt(i), (i * 37) % 101, (i * 11) % 101, risk, created, created);
  }
});
studio.store.sqlite.exec('ANALYZE');
const seeded = performance.now() - t0;

const baselineStmt = studio.store.sqlite.prepare('SELECT * FROM kol_posts LIMIT 50');
const baseline = timeIt(() => baselineStmt.all(), RUNS);

const persona = personas[3]!.id;
const deepCursor = (filter: KolPostFilter, pages: number): string => {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) cursor = studio.kol.posts.list({ filter, limit: 50, ...(cursor ? { cursor } : {}) }).nextCursor ?? undefined;
  return cursor!;
};
const cases: [string, KolPostFilter, string?][] = [
  ['everything, newest first', {}],
  ['pending review', { statuses: ['pending_review'] }],
  ['pending review, page 40', { statuses: ['pending_review'] }, deepCursor({ statuses: ['pending_review'] }, 40)],
  ['pending, approved, needs changes', { statuses: ['pending_review', 'approved', 'needs_changes'] }],
  ['pending review of one client', { statuses: ['pending_review'], clientId: 'client-b' }],
  ['pending review of one persona', { statuses: ['pending_review'], personaId: persona }],
  ['pending review, risk low', { statuses: ['pending_review'], risk: ['low'] }],
  ['pending review, risk medium or high', { statuses: ['pending_review'], risk: ['medium', 'high'] }],
  ['pending review, quality ≥ 80', { statuses: ['pending_review'], minQuality: 80 }],
  ['one client, low risk, quality ≥ 60', { clientId: 'client-c', risk: ['low'], minQuality: 60 }],
  ['search a common word (咖啡)', { statuses: ['pending_review'], search: '咖啡' }],
  ['search a common 3-character word (牛肉麵)', { statuses: ['pending_review'], search: '牛肉麵' }],
  ['search a rare word (鳳梨酥, 1 in 10,000: the trigram index)', { search: '鳳梨酥' }],
  ['search a rare 2-character word (鳳梨: a range of the trigram index)', { search: '鳳梨' }],
  ['search a rare 1-character word (鳳: a range of the trigram index)', { search: '鳳' }],
  ['search a common 1-character word (股)', { statuses: ['pending_review'], search: '股' }],
];

const rows: string[] = [];
let worst = 0;
for (const [name, filter, cursor] of cases) {
  const samples = timeIt(() => studio.kol.posts.list({ filter, limit: 50, ...(cursor ? { cursor } : {}) }), RUNS);
  const items = studio.kol.posts.list({ filter, limit: 50, ...(cursor ? { cursor } : {}) }).items.length;
  const p95 = percentile(samples, 95);
  worst = Math.max(worst, p95);
  rows.push(`| ${name} | ${items} | ${fmt(percentile(samples, 50))} | ${fmt(p95)} |`);
}

console.log(`\n## KOL review queue: a page of 50 over ${POSTS.toLocaleString('en')} post records\n`);
console.log(`Seeded in ${(seeded / 1000).toFixed(1)} s; ${RUNS} runs per case; Node ${process.version}, SQLite ${(studio.store.sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v}.\n`);
console.log('| query | rows | p50 | p95 |');
console.log('|---|---:|---:|---:|');
console.log(`| baseline: \`SELECT * FROM kol_posts LIMIT 50\` | 50 | ${fmt(percentile(baseline, 50))} | ${fmt(percentile(baseline, 95))} |`);
for (const r of rows) console.log(r);
console.log(`\nGoal ≤ 20 ms a page: the worst p95 of the filters is ${fmt(worst)} — ${worst <= 20 ? 'met' : 'NOT met'}.`);

await studio.close();
fs.rmSync(home, { recursive: true, force: true });
