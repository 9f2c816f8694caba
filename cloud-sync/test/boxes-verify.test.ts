import { spawn } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofView, SeriesView } from '../../src/shared/boxes/wire.js';
import type { Session, TestServer } from './support/http.js';
import { startServer } from './support/http.js';
import { adultBuyer, openBox, openSeries, seriesBody } from './support/boxes.js';
import { verifyOpeningsCommand } from '../src/boxes/verify-cli.js';

const main = ([, ...args]: string[], out: (s: string) => void, env: NodeJS.ProcessEnv = { LANG: 'C' }) => verifyOpeningsCommand(args, out, () => undefined, env);

/**
 * Verification from outside (issue 18): 1,000 openings through HTTP, the seed rotated half way and
 * the series closed (both seeds revealed), then a recomputation written here with Node's crypto
 * alone — its own HMAC, word reading, rejection and cumulative pick, not fairDraw — from nothing but
 * the published series and proofs. Then `kingjam-cloud verify-openings` on the same server: exit 0,
 * and 1 once one opening's row is tampered with.
 */

const CLI = fileURLToPath(new URL('./support/serve.ts', import.meta.url));
const BUYERS = 10;
const PER_BUYER = 100;

/** The published method, re-implemented from docs/blind-boxes.md with node:crypto only. */
function recomputeOutside(series: SeriesView, proofs: ProofView[]): { mismatches: string[]; recomputed: number } {
  const rank = { regular: 0, rare: 1, secret: 2 } as const;
  const seeds = new Map(series.seeds.map((s) => [s.id, s]));
  const mismatches: string[] = [];
  let recomputed = 0;
  for (const p of proofs) {
    const seed = seeds.get(p.seed_id)!;
    const key = Buffer.from(seed.server_seed!, 'hex');
    if (createHash('sha256').update(key).digest('hex') !== seed.commitment) mismatches.push(`commitment ${seed.id}`);
    const weights = series.items.map((it) => (p.guaranteed && series.guarantee && rank[it.tier] < rank[series.guarantee.tier] ? 0 : it.odds_ppm));
    const total = weights.reduce((a, b) => a + b, 0);
    const limit = 2 ** 32 - (2 ** 32 % total);
    let x = -1;
    for (let round = 0; x < 0; round++) {
      const digest = createHmac('sha256', key)
        .update(round === 0 ? `${p.client_seed}:${p.nonce}` : `${p.client_seed}:${p.nonce}:${round}`, 'utf8')
        .digest();
      for (let i = 0; i < 8 && x < 0; i++) {
        const word = digest.readUInt32BE(i * 4);
        if (word < limit) x = word % total;
      }
    }
    let cumulative = 0;
    const index = weights.findIndex((w) => x < (cumulative += w));
    if (series.items[index]!.id !== p.item_id) mismatches.push(p.opening_id);
    recomputed++;
  }
  return { mismatches, recomputed };
}

function cli(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('verifying 1,000 openings from outside', () => {
  let s: TestServer;
  let creator: Session;
  let series: SeriesView;

  beforeAll(async () => {
    s = await startServer('sqlite');
    const admin = await s.admin();
    creator = await s.register();
    const body = seriesBody({ guarantee: { after: 10, tier: 'rare' } });
    // A limited item that runs out part way: its later draws are recorded sold out, and verify the same.
    body.items[1]!.stock = 40;
    series = await openSeries(s, creator, body);
    const buyers = await Promise.all(Array.from({ length: BUYERS }, () => adultBuyer(s, admin, PER_BUYER * 30)));
    const run = async (half: number) =>
      Promise.all(
        buyers.map(async (b, i) => {
          for (let n = 0; n < PER_BUYER / 2; n++) {
            // Half the buyers choose their client seed; the server picks the others'.
            const r = await openBox(s, b, series.id, i % 2 === 0 ? { client_seed: `buyer-${i}-${half}-${n}` } : {});
            if (r.status !== 201) throw new Error(`opening: ${r.status} ${JSON.stringify(r.body)}`);
          }
        }),
      );
    await run(0);
    expect((await s.call('POST', `/v1/boxes/series/${series.id}/rotate-seed`, {}, creator.token)).status).toBe(200);
    await run(1);
    series = (await s.call<SeriesView>('POST', `/v1/boxes/series/${series.id}/close`, {}, creator.token)).body;
  }, 120_000);
  afterAll(async () => s?.close());

  it('recomputes all 1,000 with node:crypto alone and gets the same items', async () => {
    const proofs = (await s.call<ProofView[]>('GET', `/v1/boxes/series/${series.id}/proofs`)).body;
    const published = (await s.call<SeriesView>('GET', `/v1/boxes/series/${series.id}`)).body;
    expect(proofs).toHaveLength(BUYERS * PER_BUYER);
    expect(published.seeds).toHaveLength(2);
    expect(published.seeds.map((x) => x.openings)).toEqual([500, 500]);
    expect(new Set(proofs.map((p) => p.buyer)).size).toBe(BUYERS);
    expect(proofs.some((p) => p.outcome === 'sold_out')).toBe(true);
    expect(proofs.some((p) => p.guaranteed)).toBe(true);
    expect(published.items[1]!.remaining).toBe(0);
    const { mismatches, recomputed } = recomputeOutside(published, proofs);
    expect(recomputed).toBe(1000);
    expect(mismatches).toEqual([]);
  });

  it('the by-hand snippet of docs/blind-boxes.md verifies them too', async () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/blind-boxes.md', import.meta.url)), 'utf8');
    const snippet = /```js\n(\/\/ verify\.mjs[\s\S]*?)```/.exec(doc)![1]!;
    const dir = mkdtempSync(join(tmpdir(), 'kingjam-verify-'));
    writeFileSync(join(dir, 'verify.mjs'), snippet);
    const out = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [join(dir, 'verify.mjs'), s.base, series.id], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (text += d.toString()));
      child.on('close', () => resolve(text));
    });
    rmSync(dir, { recursive: true, force: true });
    expect(out.trim()).toBe('all revealed openings verified');
  });

  it('kingjam-cloud verify-openings exits 0 on it, and 1 after one row is tampered with', async () => {
    const ok = await cli(['verify-openings', series.id, '--url', s.base]);
    expect(ok.out).toContain('Verified: all 1000 openings');
    expect(ok.code).toBe(0);
    // Language and usage errors in-process (each spawn costs seconds of start-up).
    const lines: string[] = [];
    expect(await main(['verify-openings', series.id, '--url', s.base, '--lang', 'zh-TW'], (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toContain('驗證通過');
    expect(await main(['verify-openings', series.id, '--url', s.base], (l) => lines.push(l), { LANG: 'zh_CN.UTF-8' })).toBe(0);
    expect(lines.at(-1)).toContain('验证通过');

    const victim = await s.db.db.selectFrom('box_openings').select(['id', 'item_id']).where('series_id', '=', series.id).orderBy('created_at').limit(1).executeTakeFirstOrThrow();
    const other = series.items.find((it) => it.id !== victim.item_id)!;
    await s.db.db.updateTable('box_openings').set({ item_id: other.id }).where('id', '=', victim.id).execute();
    const bad = await cli(['verify-openings', series.id, '--url', s.base]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(victim.id);
    expect(bad.out).toContain('MISMATCH');

    expect(await main(['verify-openings', series.id], () => undefined)).toBe(2);
    expect(await main(['verify-openings', randomUUID(), '--url', s.base], () => undefined)).toBe(2);
    expect(await main(['verify-openings', series.id, '--url', 'http://127.0.0.1:1'], () => undefined)).toBe(2);
  }, 60_000);
});
