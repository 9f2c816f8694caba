import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesGcmCipher, sealedFileStore, type SecretStore } from '../../src/main/secrets/store.js';
import { BatchStore } from '../../src/main/kol/batch/store.js';
import { KolStore } from '../../src/main/kol/store.js';
import type { Studio } from '../../src/main/studio.js';
import type { BatchEvent } from '../../src/shared/kol/batch.js';
import { personaInputSchema } from '../../src/shared/kol/persona.js';
import { FAST_JOBS, openTestStudio, tempHome, until } from '../helpers/studio.js';
import { startGeminiWriter, type GeminiWriter } from './fakes/gemini-writer.js';

const FAILING = new Set(['Topic 03', 'Topic 08', 'Topic 13']);
const HANGING = new Set(['Topic 17']);
// Room for the provider's own three tries of a 500 (about 3 s of backoff), short enough for the hanging call.
const WRITE_TIMEOUT_MS = 6000;

let writer: GeminiWriter;
let secrets: SecretStore;
let home: string;
let studio: Studio;
let personas: string[];

function open(): Studio {
  // Written posts go to the studio's KOL service (scored, pending review).
  return openTestStudio(home, { ...FAST_JOBS, rateLimits: {} }, true, { secrets, kolBatches: { writeTimeoutMs: WRITE_TIMEOUT_MS } });
}

beforeAll(async () => {
  writer = await startGeminiWriter({ failing: FAILING, hanging: HANGING });
  process.env.KINGJAM_GEMINI_BASE_URL = writer.fake.url;
  home = tempHome('kingjam-kolbatch-');
  secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = open();
  await studio.providers.setKey('gemini', 'test-key-0001');
  const kol = new KolStore(studio.store);
  personas = ['Mia', 'Leo', 'Ada', 'Kai'].map((nickname) => {
    const id = randomUUID();
    kol.insertPersona(id, personaInputSchema.parse({ nickname, persona: `${nickname}, a Taipei lifestyle KOL`, model: { provider: 'gemini' }, tone: { language: 'en' } }), Date.now());
    return id;
  });
});

afterAll(async () => {
  await studio?.close();
  delete process.env.KINGJAM_GEMINI_BASE_URL;
  await writer?.fake.close();
});

function items(count: number, prefix = 'Topic') {
  return Array.from({ length: count }, (_, i) => ({ personaId: personas[i % personas.length]!, topic: `${prefix} ${String(i).padStart(2, '0')}` }));
}

function record(s: Studio, batchId: () => string | null): BatchEvent[] {
  const seen: BatchEvent[] = [];
  s.events.on('kol.batch', (e) => {
    const id = 'batch' in e ? e.batch.id : e.batchId;
    if (id === batchId()) seen.push(e);
  });
  return seen;
}

function postsOf(s: Studio, batchId: string): { batch_item: number; n: number }[] {
  return s.store.sqlite.prepare('SELECT batch_item, COUNT(*) AS n FROM kol_posts WHERE batch_id = ? GROUP BY batch_item ORDER BY batch_item').all(batchId) as { batch_item: number; n: number }[];
}

describe('KOL batches on the durable queue', () => {
  it('writes 20 posts two at a time: 3 permanent provider failures and 1 timeout fail with reasons, the rest are saved, the events come in the seed’s order', async () => {
    let id: string | null = null;
    const events = record(studio, () => id);
    writer.maxInFlight = 0;
    const started = await studio.kolBatches.start({ title: 'Twenty', items: items(20) });
    id = started.id;
    expect(started.totals).toEqual({ items: 20, succeeded: 0, failed: 0, remaining: 20, percent: 0 });
    await until(() => events.some((e) => e.type === 'batch.end'), 'the batch to end', 120_000);

    // The seed's sequence: start (the start event was emitted before `id` was known: the API returned it), 20 item events, end.
    const itemEvents = events.filter((e) => e.type === 'item.done' || e.type === 'item.failed');
    expect(events.at(-1)?.type).toBe('batch.end');
    expect(itemEvents).toHaveLength(20);
    expect(events.filter((e) => e.type !== 'batch.end').every((e) => e.type === 'item.done' || e.type === 'item.failed')).toBe(true);
    itemEvents.forEach((e, n) => {
      expect(e.totals.succeeded + e.totals.failed).toBe(n + 1);
      expect(e.totals.remaining).toBe(20 - (n + 1));
      expect(e.totals.percent).toBeCloseTo(((n + 1) / 20) * 100, 1);
    });
    const failed = itemEvents.filter((e) => e.type === 'item.failed');
    expect(failed.map((e) => `Topic ${String(e.index).padStart(2, '0')}`).sort()).toEqual([...FAILING, ...HANGING].sort());
    for (const e of failed) {
      if (HANGING.has(`Topic ${String(e.index).padStart(2, '0')}`)) {
        // A timeout ends the item at once: a retry would hang as long again.
        expect(e.error).toEqual({ key: 'kol.batch.writeTimedOut', params: { seconds: 6 } });
        expect(e.attempts).toBe(1);
      } else {
        expect(e.error.key).toMatch(/^provider\./);
        expect(e.attempts).toBe(3);
      }
    }
    // Each permanent failure: 3 queue attempts, each with the provider's own 3 tries.
    for (const topic of FAILING) expect(writer.calls.get(topic)).toBe(9);
    // The hanging one is asked once: a timeout is not retried.
    for (const topic of HANGING) expect(writer.calls.get(topic)).toBe(1);
    expect(writer.maxInFlight).toBeLessThanOrEqual(2);
    expect(writer.maxInFlight).toBe(2);

    const detail = studio.kolBatches.get(id);
    expect(detail.batch).toMatchObject({ state: 'finished', totals: { items: 20, succeeded: 16, failed: 4, remaining: 0, percent: 100 }, creditsHeld: 0 });
    expect(detail.items.filter((i) => i.state === 'failed').every((i) => i.error !== null && i.postId === null)).toBe(true);
    expect(detail.items.filter((i) => i.state === 'succeeded').every((i) => i.postId !== null && i.postTitle?.endsWith('what I learned'))).toBe(true);
    // One post per succeeded item, pending review, none for the failed ones.
    const posts = postsOf(studio, id);
    expect(posts).toHaveLength(16);
    expect(posts.every((p) => p.n === 1)).toBe(true);
    const states = studio.store.sqlite.prepare('SELECT DISTINCT status FROM kol_posts WHERE batch_id = ?').all(id) as { status: string }[];
    expect(states).toEqual([{ status: 'pending_review' }]);
    // Every item was its own job; none of the failed ones kept a hold (own-key Gemini holds no credits, and nothing is left held).
    const jobs = studio.store.sqlite.prepare("SELECT status, hold_id, attempts FROM jobs WHERE kind = 'kol.write' AND id IN (SELECT job_id FROM kol_batch_items WHERE batch_id = ?)").all(id) as { status: string; hold_id: string | null; attempts: number }[];
    expect(jobs).toHaveLength(20);
    expect(jobs.filter((j) => j.status === 'failed')).toHaveLength(4);
    expect((studio.store.sqlite.prepare("SELECT COUNT(*) AS n FROM credit_spends WHERE status = 'held'").get() as { n: number }).n).toBe(0);
  }, 180_000);

  it('refuses a batch naming a persona that does not exist, and writes nothing', async () => {
    const before = studio.kolBatches.list().length;
    await expect(studio.kolBatches.start({ title: 'Bad', items: [{ personaId: 'nobody', topic: 'Topic x' }] })).rejects.toMatchObject({ code: 'NOT_FOUND', key: 'kol.batch.personaNotFound' });
    expect(studio.kolBatches.list()).toHaveLength(before);
  });

  it('pauses (running items finish, no new one starts), resumes, and cancels (waiting items canceled, the running job canceled through the queue)', async () => {
    writer.delayMs = 250;
    let id: string | null = null;
    const events = record(studio, () => id);
    const batch = await studio.kolBatches.start({ title: 'Pausable', items: items(12, 'Pause') });
    id = batch.id;
    await until(() => events.some((e) => e.type === 'item.done'), 'a first post');
    studio.kolBatches.pause(id);
    await until(() => studio.kolBatches.get(id!).items.every((i) => i.state !== 'running'), 'the running items to finish');
    const settled = studio.kolBatches.get(id).batch.totals;
    await new Promise((r) => setTimeout(r, 800));
    const still = studio.kolBatches.get(id);
    expect(still.batch.state).toBe('paused');
    expect(still.batch.totals).toEqual(settled);
    expect(still.items.filter((i) => i.state === 'waiting').length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'batch.state' && e.batch.state === 'paused')).toBe(true);

    studio.kolBatches.resume(id);
    await until(() => studio.kolBatches.get(id!).batch.totals.succeeded > settled.succeeded && studio.kolBatches.get(id!).items.some((i) => i.state === 'running'), 'more posts after resuming');
    const running = studio.kolBatches.get(id).items.filter((i) => i.state === 'running');
    const ended = await studio.kolBatches.cancel(id);
    expect(ended.state).toBe('canceled');
    await until(() => events.some((e) => e.type === 'batch.end'), 'the canceled batch to end');
    const detail = studio.kolBatches.get(id);
    expect(detail.items.some((i) => i.state === 'waiting' || i.state === 'running')).toBe(false);
    expect(detail.items.filter((i) => i.state === 'canceled').length).toBeGreaterThan(0);
    for (const item of running) {
      const job = await studio.jobs.get(item.jobId!);
      // Canceled through the queue, or it had just finished writing.
      expect(['canceled', 'succeeded']).toContain(job?.status);
      expect(detail.items[item.index]!.state).toBe(job?.status === 'canceled' ? 'canceled' : 'succeeded');
    }
    expect(postsOf(studio, id)).toHaveLength(detail.batch.totals.succeeded);
    expect(() => studio.kolBatches.resume(id!)).toThrow(expect.objectContaining({ key: 'kol.batch.cannotResume' }));
    writer.delayMs = 30;
  }, 120_000);

  it('counts a job canceled on its own (the Jobs page) as a failed item with why, and goes on with the rest', async () => {
    writer.delayMs = 1500;
    let id: string | null = null;
    const events = record(studio, () => id);
    const batch = await studio.kolBatches.start({ title: 'One canceled', items: items(3, 'Solo'), concurrency: 1 });
    id = batch.id;
    const first = await until(() => studio.kolBatches.get(batch.id).items[0]?.jobId ?? null, 'the first item’s job');
    await until(() => writer.calls.get('Solo 00') === 1, 'the first post to be asked for');
    await studio.jobs.cancel(first);
    writer.delayMs = 30;
    const end = await until(() => events.find((e) => e.type === 'batch.end') ?? null, 'the batch to end');
    expect(end).toMatchObject({ batch: { state: 'finished', totals: { items: 3, succeeded: 2, failed: 1, remaining: 0, percent: 100 } } });
    expect(events.find((e) => e.type === 'item.failed')).toMatchObject({ index: 0, error: { key: 'job.canceled' } });
    expect(postsOf(studio, batch.id).map((p) => p.batch_item)).toEqual([1, 2]);
  }, 60_000);

  it('two studios on one data folder (the desktop and the CLI) share a batch: each item written once', async () => {
    writer.delayMs = 200;
    writer.maxInFlight = 0;
    const other = await open().ready();
    try {
      const batch = await studio.kolBatches.start({ title: 'Shared', items: items(10, 'Shared') });
      const done = await until(() => (studio.kolBatches.get(batch.id).batch.state === 'finished' ? studio.kolBatches.get(batch.id) : null), 'the shared batch to finish', 120_000);
      expect(done.batch.totals).toMatchObject({ succeeded: 10, failed: 0 });
      expect(writer.maxInFlight).toBeLessThanOrEqual(2);
      expect(postsOf(studio, batch.id)).toEqual([...Array(10).keys()].map((batch_item) => ({ batch_item, n: 1 })));
      const jobs = studio.store.sqlite.prepare("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'kol.write' AND id IN (SELECT job_id FROM kol_batch_items WHERE batch_id = ?)").get(batch.id) as { n: number };
      expect(jobs.n).toBe(10);
    } finally {
      await other.close();
      writer.delayMs = 30;
    }
  }, 150_000);

  it('survives a restart: a new studio on the same data folder finishes the batch with exactly one post per item', async () => {
    writer.delayMs = 200;
    const batch = await studio.kolBatches.start({ title: 'Restart', items: items(12, 'Again') });
    await until(() => studio.kolBatches.get(batch.id).batch.totals.succeeded >= 3, 'some posts before closing');
    const before = postsOf(studio, batch.id).length;
    await studio.close();
    studio = await open().ready();
    // The batch goes on by itself in the new process.
    const done = await until(() => (studio.kolBatches.get(batch.id).batch.state === 'finished' ? studio.kolBatches.get(batch.id) : null), 'the batch to finish after the restart', 120_000);
    expect(before).toBeGreaterThanOrEqual(3);
    expect(done.batch.totals).toMatchObject({ items: 12, succeeded: 12, failed: 0, remaining: 0 });
    const posts = postsOf(studio, batch.id);
    expect(posts.map((p) => p.batch_item)).toEqual([...Array(12).keys()]);
    expect(posts.every((p) => p.n === 1)).toBe(true);
    expect(done.items.every((i) => i.postId !== null)).toBe(true);
    writer.delayMs = 30;
  }, 180_000);

  it('at start, saves the post of an item whose job succeeded while no engine listened, once, and finishes the rest', async () => {
    writer.delayMs = 2000;
    const batch = await studio.kolBatches.start({ title: 'Ended elsewhere', items: items(3, 'Elsewhere'), concurrency: 1 });
    const first = await until(() => studio.kolBatches.get(batch.id).items[0]?.jobId ?? null, 'the first item’s job');
    await studio.close();
    // The job's row says it succeeded, as if a process without the batch engine had run it.
    studio = openTestStudio(home, FAST_JOBS, false, { secrets });
    const result = { title: 'Written elsewhere', content: 'Written while the studio was closed.', contentMd: 'Written while the studio was closed.', tags: ['x'], provider: 'gemini', model: 'gemini-test', draft: false, creditsUsed: 0 };
    studio.store.sqlite.prepare("UPDATE jobs SET status = 'succeeded', result = ?, finished_at = ?, lease_owner = NULL WHERE id = ?").run(JSON.stringify(result), Date.now(), first);
    await studio.close();
    writer.delayMs = 30;
    studio = await open().ready();
    const done = await until(() => (studio.kolBatches.get(batch.id).batch.state === 'finished' ? studio.kolBatches.get(batch.id) : null), 'the batch to finish', 60_000);
    expect(done.items.map((i) => i.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(done.items[0]!.postTitle).toBe('Written elsewhere');
    expect(postsOf(studio, batch.id)).toEqual([0, 1, 2].map((batch_item) => ({ batch_item, n: 1 })));
  }, 120_000);

  it('an item starts only while it waits, its batch runs and a slot is free, decided in one statement (another process may be claiming too)', () => {
    const batches = new BatchStore(studio.store);
    const id = randomUUID();
    batches.insert(id, 'Claims', 2, null, items(4, 'Claim').map((i) => ({ ...i, context: '', triggerId: null, triggerItem: null })), Date.now());
    expect(batches.claim(id, 0, 0, 2, Date.now())).toBe(true);
    expect(batches.claim(id, 0, 0, 2, Date.now())).toBe(false); // already running
    expect(batches.claim(id, 1, 0, 2, Date.now())).toBe(true);
    expect(batches.claim(id, 2, 0, 2, Date.now())).toBe(false); // both slots taken
    batches.markEnded(id, 0, 'failed', 1, null, Date.now());
    batches.setState(id, 'running', 'paused', Date.now());
    expect(batches.claim(id, 2, 0, 2, Date.now())).toBe(false); // a slot is free, but the batch is paused
    batches.setState(id, 'paused', 'running', Date.now());
    expect(batches.claim(id, 2, 0, 2, Date.now())).toBe(true);
  });
});
