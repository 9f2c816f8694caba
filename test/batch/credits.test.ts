import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJobFile } from '../../src/main/batch/file.js';
import { JsonReporter } from '../../src/main/batch/progress.js';
import { runBatch } from '../../src/main/batch/runner.js';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import type { Studio } from '../../src/main/studio.js';
import { StudioError } from '../../src/shared/errors.js';
import { TestCloud } from '../helpers/cloud.js';
import { PLATFORM_KEY, startGeminiUpstream } from '../helpers/gemini-upstream.js';
import { FAST_JOBS, openTestStudio, tempHome } from '../helpers/studio.js';
import type { FakeServer } from '../providers/fake-server.js';
import { readManifest, recordingIo, writeJobFile } from './fixtures.js';

/**
 * Paid items on KingJam Cloud: a real cloud-sync whose gateway forwards to a
 * loopback Gemini. Nothing paid runs without --yes or a ceiling, and a
 * --max-credits ceiling is never passed: items that could pass it are not started.
 */
describe('batch credits', () => {
  let upstream: FakeServer;
  let cloud: TestCloud;
  let studio: Studio;
  let dir: string;

  beforeAll(async () => {
    upstream = await startGeminiUpstream();
    cloud = await (await new TestCloud({ gateway: { geminiApiKey: PLATFORM_KEY, geminiBaseUrl: upstream.url } }).start()).withUser(800);
    const home = tempHome();
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = openTestStudio(home, { ...FAST_JOBS, rateLimits: {} }, true, { secrets });
    await studio.sync.login({ cloudUrl: cloud.url, email: cloud.email, password: cloud.password });
    dir = tempHome('kingjam-batch-paid-');
  });

  afterAll(async () => {
    await studio.close();
    await cloud.stop();
    await upstream.close();
  });

  const jobCount = (): number => (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;
  const topics = ['Taipei cafés', 'Tainan temples', 'Hualien gorges', 'Kaohsiung harbour'];

  async function run(file: string, options: { yes?: boolean; maxCredits?: number }) {
    const loaded = loadJobFile(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const io = recordingIo();
    const outDir = path.join(dir, 'out');
    const code = await runBatch(studio, loaded.file, { outDir, yes: options.yes ?? false, maxCredits: options.maxCredits, retryFailed: false, parallel: 4, dryRun: false }, new JsonReporter('en', io), new AbortController().signal);
    return { code, outDir, events: io.lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  }

  it('runs nothing paid without --yes or --max-credits', async () => {
    const file = writeJobFile(path.join(dir, 'paid.json'), topics.map((topic, i) => ({ id: `post-${i + 1}`, kind: 'blog', topic, cover: 'none' })), { provider: 'cloud', language: 'en' });
    const refused = await run(file, {}).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(StudioError);
    expect((refused as StudioError).key).toBe('batch.needsYes');
    expect(jobCount()).toBe(0);
  });

  it('--max-credits stops before the ceiling: items that could pass it are skipped, the rest run and are charged what the gateway captured', async () => {
    const file = path.join(dir, 'paid.json');
    const before = await cloud.balance();
    // The preflight's estimate per item (the same for the four).
    const dry = loadJobFile(file);
    if (!dry.ok) throw new Error('parse');
    const io = recordingIo();
    await runBatch(studio, dry.file, { outDir: path.join(dir, 'out'), yes: false, retryFailed: false, parallel: 4, dryRun: true }, new JsonReporter('en', io), new AbortController().signal);
    const pre = JSON.parse(io.lines[0]!) as { items: { credits: number }[]; credits: { total: number; byProvider: Record<string, number>; byKind: Record<string, number> } };
    const each = pre.items[0]!.credits;
    expect(each).toBeGreaterThan(0);
    expect(pre.credits).toEqual({ total: 4 * each, byProvider: { cloud: 4 * each }, byKind: { blog: 4 * each } });

    const max = 2 * each + 1;
    const r = await run(file, { maxCredits: max });
    expect(r.code).toBe(1);
    const m = readManifest(r.outDir);
    expect(m.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded', 'skipped', 'skipped']);
    expect(m.items[2]!.skippedReason).toMatch(/^credit-ceiling/);
    expect(r.events.filter((e) => e.event === 'item-skipped').map((e) => e.reason)).toEqual([
      { kind: 'ceiling', credits: each, spent: 2 * each, max },
      { kind: 'ceiling', credits: each, spent: 2 * each, max },
    ]);
    // The skipped items queued nothing; the two that ran each have their job, charged what the gateway captured.
    expect(jobCount()).toBe(2);
    expect(m.items[2]!.jobIds).toEqual([]);
    const captured = (await cloud.genCalls()).reduce((sum, c) => sum + c.credits, 0);
    expect(captured).toBeGreaterThan(0);
    expect(m.credits.actual).toBe(captured);
    expect(m.credits.actual).toBeLessThanOrEqual(max);
    expect((await cloud.balance()).total).toBe(before.total - captured);
  });
});
