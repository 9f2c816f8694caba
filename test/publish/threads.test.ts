import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validatePost } from '../../src/shared/publish/validate.js';
import { publisherFor } from '../../src/workers/publish/registry.js';
import { threadsPublisher as threads } from '../../src/workers/publish/threads/threads.js';
import type { PublishTarget } from '../../src/workers/publish/types.js';
import { startTestRelay, testPublishContext, type TestRelay } from './context.js';
import { graphErrorAnswer } from './fakes/graph-common.js';
import { startFakeThreads, type FakeThreads } from './fakes/threads.js';
import { failureOf } from './context.js';
import { mediaDir, post } from './meta-fixtures.js';

let relay: TestRelay;
let fake: FakeThreads;
const files = mediaDir();
const target = (): PublishTarget => ({ platform: 'threads', accountId: fake.userId, targetId: null });
const ctxFor = (o: { checkpoint?: unknown } = {}) => testPublishContext({ baseUrl: fake.url, token: fake.token, relay, ...o });

beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay.close();
  files.remove();
});
beforeEach(async () => {
  fake = await startFakeThreads();
});
afterEach(async () => {
  await fake.close();
});

describe('Threads targets', () => {
  it('is the token\'s own user', async () => {
    expect(await (await publisherFor('threads')).targets(ctxFor())).toEqual([{ targetId: null, displayName: '@teahouse' }]);
    expect(fake.callsTo('GET', /^\/me$/)[0]?.params.fields).toBe('id,username');
  });
});

describe('Threads publishing', () => {
  it('publishes TEXT: container, status poll, checkpoint, threads_publish, permalink', async () => {
    const ctx = ctxFor();
    const out = await threads.publish(post('Tea thoughts'), target(), ctx);
    const [create] = fake.callsTo('POST', /\/threads$/);
    expect(create?.path).toBe(`/${fake.userId}/threads`);
    expect(create?.params).toMatchObject({ media_type: 'TEXT', text: 'Tea thoughts' });
    const containerId = [...fake.containers.keys()][0]!;
    expect(fake.callsTo('GET', new RegExp(`^/${containerId}$`))[0]?.params.fields).toBe('status,error_message');
    expect(fake.callsTo('POST', /threads_publish$/)[0]?.params.creation_id).toBe(containerId);
    expect(ctx.saved).toEqual([expect.objectContaining({ step: 'threads_publish', containerId })]);
    expect(fake.publishes).toBe(1);
    expect(out).toEqual({ platformPostId: fake.threads[0]!.id, url: fake.threads[0]!.permalink });
  });

  it('publishes an IMAGE and a VIDEO from their relayed URLs', async () => {
    await threads.publish(post('Pic', [files.image('i.jpg', 1234)]), target(), ctxFor());
    await threads.publish(post('Clip', [files.video('v.mp4', 4321)]), target(), ctxFor());
    const [image, video] = fake.callsTo('POST', /\/threads$/);
    expect(image?.params).toMatchObject({ media_type: 'IMAGE', image_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/m\//), text: 'Pic' });
    expect(video?.params).toMatchObject({ media_type: 'VIDEO', video_url: expect.any(String), text: 'Clip' });
    expect([...fake.containers.values()].map((c) => c.fetchedBytes)).toEqual([1234, 4321]);
    expect(fake.publishes).toBe(2);
  });

  it('publishes a CAROUSEL whose children are is_carousel_item and FINISHED first', async () => {
    fake.containerScripts.push({ inProgressPolls: 2 }, { inProgressPolls: 1 });
    await threads.publish(post('Set', [files.image('c1.jpg'), files.video('c2.mp4')]), target(), ctxFor());
    const creates = fake.callsTo('POST', /\/threads$/);
    expect(creates.slice(0, 2).map((c) => [c.params.media_type, c.params.is_carousel_item])).toEqual([
      ['IMAGE', 'true'],
      ['VIDEO', 'true'],
    ]);
    const ids = [...fake.containers.keys()];
    expect(creates[2]?.params).toMatchObject({ media_type: 'CAROUSEL', children: `${ids[0]},${ids[1]}`, text: 'Set' });
    expect(fake.publishes).toBe(1);
  });

  it('waits while a container is IN_PROGRESS, then publishes when FINISHED', async () => {
    fake.containerScripts.push({ inProgressPolls: 4 });
    await threads.publish(post('Slow', [files.video('slow.mp4')]), target(), ctxFor());
    const id = [...fake.containers.keys()][0]!;
    expect(fake.callsTo('GET', new RegExp(`^/${id}$`))).toHaveLength(5);
    expect(fake.publishes).toBe(1);
  });

  it('ERROR is a bad post with the error_message; nothing is published', async () => {
    fake.containerScripts.push({ final: 'ERROR', reason: 'INVALID_ASPEC_RATIO' });
    const f = await failureOf(threads.publish(post('Odd', [files.image('odd.jpg')]), target(), ctxFor()));
    expect([f.failure, f.key, f.params?.reason]).toEqual(['bad-post', 'publish.meta.containerFailed', 'INVALID_ASPEC_RATIO']);
    expect(fake.callsTo('POST', /threads_publish$/)).toHaveLength(0);
  });

  it('EXPIRED is a bad post', async () => {
    fake.containerScripts.push({ inProgressPolls: 1, final: 'EXPIRED' });
    const f = await failureOf(threads.publish(post('Old'), target(), ctxFor()));
    expect([f.failure, f.key]).toEqual(['bad-post', 'publish.meta.containerExpired']);
  });

  it.each([4, 17, 32, 613])('code %i is retried after what x-app-usage / the business-use-case header say', async (code) => {
    fake.faults.push({
      method: 'POST',
      path: /\/threads$/,
      answer: graphErrorAnswer(400, code, 'Application request limit reached', undefined, {
        'x-business-use-case-usage': JSON.stringify({ [fake.userId]: [{ type: 'threads', call_count: 100, total_cputime: 5, total_time: 5, estimated_time_to_regain_access: 3 }] }),
      }),
    });
    const f = await failureOf(threads.publish(post('Busy'), target(), ctxFor()));
    expect([f.failure, f.retryAfterMs]).toEqual(['retry', 3 * 60_000]);
  });

  it('code 190 asks for a token refresh', async () => {
    fake.state.expired = true;
    const f = await failureOf(threads.publish(post('x'), target(), ctxFor()));
    expect(f.failure).toBe('refresh-token');
    expect(JSON.stringify(f.toInfo())).not.toContain(fake.token);
  });

  it('a permission error (code 10) is disconnected', async () => {
    fake.faults.push({ path: /\/threads$/, answer: graphErrorAnswer(403, 10, 'Application does not have permission for this action') });
    expect((await failureOf(threads.publish(post('x'), target(), ctxFor()))).failure).toBe('disconnected');
  });
});

describe('Threads preflight', () => {
  it('refuses when threads_publishing_limit is used up, and creates nothing', async () => {
    fake.state.quota = { usage: 250, total: 250, duration: 86400 };
    const problems = await threads.preflight(post('More'), target(), ctxFor());
    expect(problems).toEqual([{ field: 'account', message: { key: 'publish.meta.quotaUsed', params: { platform: 'Threads', used: 250, total: 250, hours: 24 } } }]);
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('passes with quota left', async () => {
    fake.state.quota = { usage: 4, total: 250, duration: 86400 };
    expect(await threads.preflight(post('ok'), target(), ctxFor())).toEqual([]);
  });
});

describe('Threads recover (never twice)', () => {
  it('after a crash between threads_publish and the caller, answers the published thread without publishing again', async () => {
    fake.faults.push({ method: 'POST', path: /threads_publish$/, dropAfter: true });
    const first = ctxFor();
    const p = post('Crash here');
    expect((await failureOf(threads.publish(p, target(), first))).failure).toBe('retry');
    expect(fake.publishes).toBe(1);
    const found = await threads.recover(p, target(), ctxFor({ checkpoint: first.saved.at(-1) }));
    expect(found).toEqual({ platformPostId: fake.threads[0]!.id, url: fake.threads[0]!.permalink });
    expect(fake.publishes).toBe(1);
  });

  it('answers null when threads_publish never went through', async () => {
    fake.faults.push({ method: 'POST', path: /threads_publish$/, answer: graphErrorAnswer(500, 1, 'An unknown error occurred') });
    const first = ctxFor();
    await failureOf(threads.publish(post('Nope'), target(), first));
    expect(await threads.recover(post('Nope'), target(), ctxFor({ checkpoint: first.saved.at(-1) }))).toBeNull();
    expect(fake.publishes).toBe(0);
  });
});

describe('Threads rules (validatePost)', () => {
  it('catches over 500 characters, more than one topic tag, GIF images and videos over 5 minutes', () => {
    const keys = (p: ReturnType<typeof post>) => validatePost('threads', p).map((x) => x.message.key);
    expect(keys(post('a'.repeat(501)))).toContain('publish.textTooLong');
    expect(validatePost('threads', post('漢'.repeat(500)))).toEqual([]);
    expect(keys(post('#tea #oolong'))).toContain('publish.tooManyHashtags');
    expect(keys(post('gif', [{ ...files.image('g.gif', 10), mime: 'image/gif' }]))).toContain('publish.formatNotAccepted');
    expect(keys(post('long', [{ ...files.video('l.mp4', 10), durationSeconds: 301 }]))).toContain('publish.videoTooLong');
  });
});
