import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../src/main/studio.js';
import { until } from '../helpers/studio.js';
import { facebookAccount, outboxWorld, settled, type OutboxWorld } from './outbox-harness.js';

/**
 * Never twice: the worker dies right after the platform accepted the post and
 * before the outbox recorded it. The next attempt finds the checkpoint the
 * publisher saved before its irreversible call, asks the platform (recover)
 * and records the post it finds — the fake counts one post, not two.
 */
let world: OutboxWorld;

beforeAll(async () => {
  world = await outboxWorld();
}, 60_000);

afterAll(async () => {
  await world?.close();
});

const publishingWorker = (studio: Studio) => studio.jobs.pool.workers().find((w) => w.queue === 'high' && w.running.size > 0);

describe('never twice', () => {
  it('SIGKILL of the worker after the platform took the post: the post is published exactly once, found by recover()', async () => {
    const studio = await world.open();
    const account = await facebookAccount(studio);
    const body = 'Killed mid-publish, posted once';
    let killed: number | undefined;
    world.interceptAfter = {
      method: 'POST',
      path: /^\/1000001\/feed$/,
      run: () => {
        world.interceptAfter = null;
        const worker = publishingWorker(studio)!;
        killed = worker.handle.pid;
        process.kill(worker.handle.pid!, 'SIGKILL');
      },
    };
    const [post] = await studio.publishing.service.create({ accountIds: [account.id], content: { text: body, media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null });
    const done = await settled(studio, post!.id);
    expect(killed).toBeGreaterThan(0);
    expect(done.state).toBe('published');
    const live = world.graph.posts.filter((p) => p.message === body);
    expect(live).toHaveLength(1);
    expect(done.platformPostId).toBe(live[0]!.id);
    expect(done.url).toBe(live[0]!.permalink_url);
    // The first attempt was cut off (its checkpoint kept); the second recovered without sending: one feed POST in all.
    expect(done.attempts.map((a) => a.outcome)).toEqual(['interrupted', 'published']);
    expect(done.attempts[0]!.error).toMatchObject({ code: 'WORKER_CRASHED' });
    expect(world.graph.callsTo('POST', /^\/1000001\/feed$/).filter((c) => c.params.message === body)).toHaveLength(1);
    await studio.close();
  });

  it('the whole studio stops after the platform took the post: on restart the post is resumed with recover() and published exactly once', async () => {
    const first = await world.open();
    const account = await facebookAccount(first);
    const body = 'Studio closed mid-publish, posted once';
    let closing: Promise<void> | null = null;
    world.interceptAfter = {
      method: 'POST',
      path: /^\/1000001\/feed$/,
      run: () => {
        world.interceptAfter = null;
        // The app quits (its workers are killed) while the answer is on its way.
        closing = first.close();
      },
    };
    const [post] = await first.publishing.service.create({ accountIds: [account.id], content: { text: body, media: [], options: {} }, perPlatform: {}, action: 'now', scheduledAt: null });
    await until(() => closing !== null, 'the studio to close mid-publish');
    await closing;
    expect(world.graph.posts.filter((p) => p.message === body)).toHaveLength(1);

    const second = await world.open();
    const done = await settled(second, post!.id);
    expect(done.state).toBe('published');
    expect(world.graph.posts.filter((p) => p.message === body)).toHaveLength(1);
    expect(done.platformPostId).toBe(world.graph.posts.find((p) => p.message === body)!.id);
    // One attempt, resumed from its checkpoint by the queue after the restart.
    expect(done.attempts.map((a) => a.outcome)).toEqual(['published']);
    expect(world.graph.callsTo('POST', /^\/1000001\/feed$/).filter((c) => c.params.message === body)).toHaveLength(1);
    await second.close();
  });
});
