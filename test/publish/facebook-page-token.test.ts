import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facebookPublisher as fb, PAGE_TOKEN_REUSE_MS } from '../../src/workers/publish/meta/facebook.js';
import { MemoryMemo } from '../../src/workers/publish/memo.js';
import type { PublishTarget } from '../../src/workers/publish/types.js';
import { failureOf, testPublishContext } from './context.js';
import { startFakeMetaGraph, type FakeMetaGraph } from './fakes/meta-graph.js';
import { post } from './meta-fixtures.js';

const PAGE = '1000001';
const target: PublishTarget = { platform: 'facebook', accountId: 'meta-user-1', targetId: PAGE };

let fake: FakeMetaGraph;
beforeEach(async () => {
  fake = await startFakeMetaGraph();
});
afterEach(async () => {
  await fake.close();
});

/** The Page token asked of the Graph API (`GET /{page-id}?fields=access_token`). */
const tokenAsks = () => fake.callsTo('GET', /^\/1000001$/).filter((c) => c.params.fields === 'access_token');
const feedTokens = () => fake.callsTo('POST', /^\/1000001\/feed$/).map((c) => c.params.access_token);

/** Contexts of one worker: the same memo, a clock the test moves. */
function worker() {
  const memo = new MemoryMemo();
  const clock = { now: 1_700_000_000_000 };
  const ctxFor = (token = fake.userToken) => ({ ...testPublishContext({ baseUrl: fake.url, token }), memo, now: () => clock.now });
  return { memo, clock, ctxFor };
}

describe('Facebook Page token kept in the worker between posts', () => {
  it('asks for the Page token once for posts within the reuse window, and again after it', async () => {
    const w = worker();
    await fb.publish(post('first'), target, w.ctxFor());
    w.clock.now += PAGE_TOKEN_REUSE_MS - 1;
    await fb.publish(post('second'), target, w.ctxFor());
    expect(tokenAsks()).toHaveLength(1);
    w.clock.now += 1;
    await fb.publish(post('third'), target, w.ctxFor());
    expect(tokenAsks()).toHaveLength(2);
    expect(feedTokens()).toEqual(['page-token-1', 'page-token-1', 'page-token-1']);
    expect(fake.posts.map((p) => p.message)).toEqual(['first', 'second', 'third']);
  });

  it('drops a kept token the platform refuses: that post fails as refresh-token, the next asks for the new token and goes out', async () => {
    const w = worker();
    await fb.publish(post('before'), target, w.ctxFor());
    // The user removed and re-added the app: the Page's old token is dead.
    fake.pages[0]!.token = 'page-token-1-new';
    const failure = await failureOf(fb.publish(post('refused'), target, w.ctxFor()));
    expect(failure.failure).toBe('refresh-token');
    await fb.publish(post('after'), target, w.ctxFor());
    expect(tokenAsks()).toHaveLength(2);
    expect(feedTokens()).toEqual(['page-token-1', 'page-token-1', 'page-token-1-new']);
    expect(fake.posts.map((p) => p.message)).toEqual(['before', 'after']);
  });

  it('never reuses a Page token for another user token (a refreshed or another login asks again)', async () => {
    const w = worker();
    await fb.publish(post('one'), target, w.ctxFor());
    // The fake accepts only its own user token: a refresh that changed it is modelled by the fake's token changing too.
    const other = w.ctxFor('another-user-token');
    const failure = await failureOf(fb.publish(post('two'), target, other));
    expect(failure.failure).toBe('refresh-token');
    expect(tokenAsks()).toHaveLength(2);
    expect(fake.posts).toHaveLength(1);
  });

  it('keeps nothing without a memo (a context of its own for each post)', async () => {
    await fb.publish(post('a'), target, testPublishContext({ baseUrl: fake.url, token: fake.userToken }));
    await fb.publish(post('b'), target, testPublishContext({ baseUrl: fake.url, token: fake.userToken }));
    expect(tokenAsks()).toHaveLength(2);
  });
});

describe('MemoryMemo', () => {
  it('answers a value until its deadline and nothing from then on', () => {
    const memo = new MemoryMemo();
    memo.set('k', 'v', 1_000);
    expect(memo.get('k', 999)).toBe('v');
    expect(memo.get('k', 1_000)).toBeNull();
    expect(memo.get('k', 999)).toBeNull();
  });
});
