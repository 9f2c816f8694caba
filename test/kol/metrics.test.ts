import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import { contractCalls } from '../helpers/calls.js';
import type { Studio } from '../../src/main/studio.js';
import type { PublishVault } from '../../src/main/publish/vault.js';
import { METRICS_SCHEDULE_MS, afterFailure, nextScheduledRead, RETRY_BASE_MS, RECONNECT_WAIT_MS } from '../../src/main/kol/metrics-schedule.js';
import { facebookMetrics } from '../../src/workers/kol/metrics/facebook.js';
import { instagramMetrics } from '../../src/workers/kol/metrics/instagram.js';
import { threadsMetrics } from '../../src/workers/kol/metrics/threads.js';
import { youtubeMetrics } from '../../src/workers/kol/metrics/youtube.js';
import { graphErrorAnswer } from '../publish/fakes/graph-common.js';
import { startFakeMetaGraph, type FakeMetaGraph } from '../publish/fakes/meta-graph.js';
import { startFakeThreads, type FakeThreads } from '../publish/fakes/threads.js';
import { startYouTubeFake, type YouTubeFake } from '../publish/fakes/youtube.js';
import { failureOf, testPublishContext } from '../publish/context.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { seedAccount, seedPersona, seedPost } from './kol-fixtures.js';

const HOUR = 3_600_000;
const IG_USER = '17841400000001';
const PAGE = '1000001';

let graph: FakeMetaGraph;
let threads: FakeThreads;
let youtube: YouTubeFake;

beforeAll(async () => {
  [graph, threads, youtube] = await Promise.all([startFakeMetaGraph(), startFakeThreads(), startYouTubeFake({ token: 'yt-token' })]);
});
afterAll(async () => {
  await Promise.all([graph.close(), threads.close(), youtube.close()]);
});

describe('the fetchers speak each platform’s insights API', () => {
  it('Instagram: media insights with views (not the deprecated impressions), saved as saves', async () => {
    const media = graph.addIgMedia(IG_USER, 'tea time', 'VIDEO');
    graph.engagement.set(media, { views: 1500, reach: 1300, likes: 120, comments: 18, shares: 7, saves: 11 });
    const ctx = testPublishContext({ baseUrl: graph.url, token: graph.userToken });
    expect(await instagramMetrics(ctx, media)).toEqual({ views: 1500, likes: 120, comments: 18, shares: 7, saves: 11 });
    const calls = graph.callsTo('GET', new RegExp(`^/${media}/insights$`));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params.metric).toBe('views,likes,comments,shares,saved,reach');
  });

  it('Instagram: a media with too few viewers for insights falls back to its like and comment counters', async () => {
    const media = graph.addIgMedia(IG_USER, 'quiet one');
    graph.engagement.set(media, { views: 3, likes: 2, comments: 1, shares: 0, saves: 0, tooFewViewers: true });
    const ctx = testPublishContext({ baseUrl: graph.url, token: graph.userToken });
    expect(await instagramMetrics(ctx, media)).toEqual({ views: null, likes: 2, comments: 1, shares: 0, saves: 0 });
    expect(graph.callsTo('GET', new RegExp(`^/${media}$`))[0]!.params.fields).toBe('like_count,comments_count');
  });

  it('Facebook: reaction, comment and share summaries and post_media_view, with the Page’s token', async () => {
    const post = graph.addPagePost(PAGE, 'hello page');
    graph.engagement.set(post, { views: 900, likes: 45, comments: 9, shares: 4, saves: 0 });
    const ctx = testPublishContext({ baseUrl: graph.url, token: graph.userToken });
    expect(await facebookMetrics(ctx, post, { accountId: '10158000000000001', targetId: PAGE })).toEqual({ views: 900, likes: 45, comments: 9, shares: 4, saves: 0 });
    const read = graph.callsTo('GET', new RegExp(`^/${post}$`))[0]!;
    expect(read.params.access_token).toBe(graph.pages[0]!.token);
    expect(read.params.fields).toBe('reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares');
    expect(graph.callsTo('GET', new RegExp(`^/${post}/insights$`))[0]!.params.metric).toBe('post_media_view');
  });

  it('Facebook: a video post (named by its video id) without shares, its views from video_insights', async () => {
    const video = graph.addPageVideo(PAGE, 'clip');
    graph.engagement.set(video, { views: 3000, likes: 70, comments: 5, shares: 0, saves: 0 });
    const ctx = testPublishContext({ baseUrl: graph.url, token: graph.userToken });
    expect(await facebookMetrics(ctx, video, { accountId: '10158000000000001', targetId: PAGE })).toEqual({ views: 3000, likes: 70, comments: 5, shares: 0, saves: 0 });
    expect(graph.callsTo('GET', new RegExp(`^/${video}/video_insights$`))[0]!.params.metric).toBe('total_video_views');
  });

  it('Threads: views, likes, replies, and reposts with quotes as shares', async () => {
    const id = threads.addThread('thread text');
    threads.engagement.set(id, { views: 700, likes: 33, replies: 5, reposts: 3, quotes: 2, shares: 0 });
    const ctx = testPublishContext({ baseUrl: threads.url, token: threads.token });
    expect(await threadsMetrics(ctx, id)).toEqual({ views: 700, likes: 33, comments: 5, shares: 5, saves: 0 });
    expect(threads.callsTo('GET', new RegExp(`^/${id}/insights$`))[0]!.params.metric).toBe('views,likes,replies,reposts,quotes');
  });

  it('YouTube: videos.list statistics, counts read from strings', async () => {
    youtube.statistics.set('yt_video_1', { viewCount: 4321, likeCount: 210, commentCount: 17 });
    const ctx = testPublishContext({ baseUrl: youtube.url, token: 'yt-token' });
    const before = youtube.statisticsReads.length;
    expect(await youtubeMetrics(ctx, 'yt_video_1')).toEqual({ views: 4321, likes: 210, comments: 17, shares: 0, saves: 0 });
    expect(youtube.statisticsReads.slice(before)).toEqual(['yt_video_1']);
  });

  it('classifies a 429 as retry after the platform’s wait, and an expired token as refresh-token', async () => {
    youtube.statistics.set('yt_video_2', { viewCount: 1, likeCount: 1, commentCount: 1 });
    youtube.listError = { status: 429, reason: 'rateLimitExceeded', message: 'The request cannot be completed because you have exceeded your quota.', retryAfter: '120' };
    const yt = await failureOf(youtubeMetrics(testPublishContext({ baseUrl: youtube.url, token: 'yt-token' }), 'yt_video_2'));
    expect(yt.failure).toBe('retry');
    expect(yt.retryAfterMs).toBe(120_000);

    const media = graph.addIgMedia(IG_USER, 'limited');
    graph.faults.push({ path: new RegExp(`^/${media}/insights$`), answer: graphErrorAnswer(400, 4, 'Application request limit reached') });
    const limited = await failureOf(instagramMetrics(testPublishContext({ baseUrl: graph.url, token: graph.userToken }), media));
    expect(limited.failure).toBe('retry');

    graph.state.expired = true;
    try {
      const expired = await failureOf(instagramMetrics(testPublishContext({ baseUrl: graph.url, token: graph.userToken }), media));
      expect(expired.failure).toBe('refresh-token');
      expect(expired.message).not.toContain(graph.userToken);
    } finally {
      graph.state.expired = false;
    }
    const badToken = await failureOf(youtubeMetrics(testPublishContext({ baseUrl: youtube.url, token: 'stale' }), 'yt_video_2'));
    expect(badToken.failure).toBe('refresh-token');
  });
});

describe('the read schedule backs off as a post ages', () => {
  const published = Date.UTC(2026, 11, 1, 12, 0);

  it('reads 1 h, 6 h, 24 h, 3 d, 7 d and 30 d after publishing, then stops', () => {
    const reads: number[] = [];
    for (let now = published, next = nextScheduledRead(published, now); next !== null; next = nextScheduledRead(published, now)) {
      reads.push(next - published);
      now = next;
    }
    expect(reads).toEqual([1, 6, 24, 72, 168, 720].map((h) => h * HOUR));
    expect(reads).toEqual([...METRICS_SCHEDULE_MS]);
    // A read made late (the studio was closed for two days) goes on to the next point ahead, not the ones it missed.
    expect(nextScheduledRead(published, published + 50 * HOUR)).toBe(published + 72 * HOUR);
  });

  it('a failure backs off or waits for a reconnect without losing the schedule; a post gone ends it', () => {
    const now = published + HOUR;
    expect(afterFailure('retry', { publishedAt: published, attempts: 0, now })).toEqual({ state: 'scheduled', nextFetchAt: now + RETRY_BASE_MS, attempts: 1 });
    expect(afterFailure('retry', { publishedAt: published, attempts: 2, now }).nextFetchAt).toBe(now + 4 * RETRY_BASE_MS);
    expect(afterFailure('retry', { publishedAt: published, attempts: 0, now, retryAfterMs: 40 * 60_000 }).nextFetchAt).toBe(now + 40 * 60_000);
    // Five failed retries give up on this point and wait for the next one.
    expect(afterFailure('retry', { publishedAt: published, attempts: 5, now })).toEqual({ state: 'scheduled', nextFetchAt: published + 6 * HOUR, attempts: 0 });
    expect(afterFailure('refresh-token', { publishedAt: published, attempts: 0, now })).toEqual({ state: 'reconnect', nextFetchAt: now + RECONNECT_WAIT_MS, attempts: 1 });
    expect(afterFailure('disconnected', { publishedAt: published, attempts: 3, now }).state).toBe('reconnect');
    expect(afterFailure('bad-post', { publishedAt: published, attempts: 0, now })).toEqual({ state: 'done', nextFetchAt: null, attempts: 1 });
  });
});

describe('reads through the job queue and the vault’s token, recorded on the post', () => {
  let studio: Studio;
  let now = 0;
  const published = Date.UTC(2026, 11, 1, 12, 0);
  const tokens: Record<string, string> = {};
  const vault: PublishVault = {
    connections: async () => [],
    clients: async () => new Map(),
    accessToken: async (connectionId) => {
      const token = tokens[connectionId];
      if (!token) throw new Error(`no connection ${connectionId}`);
      return token;
    },
    refresh: async () => undefined,
    relay: async () => {
      throw new Error('no relay in this test');
    },
  };
  let persona: string;
  const accounts: Record<string, string> = {};

  const fetchRow = (postId: string) =>
    studio.store.sqlite.prepare('SELECT state, next_fetch_at, attempts, job_id, last_failure, last_error FROM kol_metric_fetches WHERE post_id = ?').get(postId) as
      | { state: string; next_fetch_at: number | null; attempts: number; job_id: string | null; last_failure: string | null; last_error: string | null }
      | undefined;
  const postRow = (postId: string) =>
    studio.store.sqlite.prepare('SELECT views, likes, comments, shares, saves, metrics_at, metrics_source FROM kol_posts WHERE id = ?').get(postId) as Record<string, unknown>;
  const settled = (postId: string) => until(() => (fetchRow(postId)?.job_id === null ? fetchRow(postId) : null), `the read of ${postId}`, 60_000);

  beforeAll(() => {
    process.env.KINGJAM_META_GRAPH_BASE_URL = graph.url;
    process.env.KINGJAM_THREADS_BASE_URL = threads.url;
    process.env.KINGJAM_YOUTUBE_BASE_URL = youtube.url;
    tokens['conn-meta'] = graph.userToken;
    tokens['conn-threads'] = threads.token;
    tokens['conn-youtube'] = 'yt-token';
    now = published + HOUR + 60_000;
    // A long lease: on a busy machine a fresh worker may take more than the default 10 s to load before it reports.
    studio = openTestStudio(tempHome('kingjam-kol-metrics-'), { leaseMs: 120_000 }, true, { publishing: { vault, clock: { now: () => now } } });
    persona = seedPersona(studio.store);
    accounts.instagram = seedAccount(studio.store, { platform: 'instagram', connectionId: 'conn-meta', platformAccountId: '10158000000000001', targetId: IG_USER });
    accounts.facebook = seedAccount(studio.store, { platform: 'facebook', connectionId: 'conn-meta', platformAccountId: '10158000000000001', targetId: PAGE });
    accounts.threads = seedAccount(studio.store, { platform: 'threads', connectionId: 'conn-threads', platformAccountId: threads.userId });
    accounts.youtube = seedAccount(studio.store, { platform: 'youtube', connectionId: 'conn-youtube', platformAccountId: 'UC_kingjam_channel' });
    accounts.tiktok = seedAccount(studio.store, { platform: 'tiktok', connectionId: 'conn-tiktok', platformAccountId: 'open-id-1' });
  });
  afterAll(async () => {
    await studio?.close();
    delete process.env.KINGJAM_META_GRAPH_BASE_URL;
    delete process.env.KINGJAM_THREADS_BASE_URL;
    delete process.env.KINGJAM_YOUTUBE_BASE_URL;
  });

  it('reads Instagram, Facebook, Threads and YouTube posts when due and stores the fake’s numbers', async () => {
    const ig = graph.addIgMedia(IG_USER, 'due');
    graph.engagement.set(ig, { views: 2000, likes: 150, comments: 20, shares: 8, saves: 12 });
    const fb = graph.addPagePost(PAGE, 'due');
    graph.engagement.set(fb, { views: 800, likes: 60, comments: 6, shares: 3, saves: 0 });
    const th = threads.addThread('due');
    threads.engagement.set(th, { views: 500, likes: 25, replies: 4, reposts: 2, quotes: 1, shares: 0 });
    youtube.statistics.set('yt_due', { viewCount: 9000, likeCount: 300, commentCount: 40 });
    const posts = {
      instagram: seedPost(studio.store, { personaId: persona, accountId: accounts.instagram, platform: 'instagram', platformPostId: ig, publishedAt: published }),
      facebook: seedPost(studio.store, { personaId: persona, accountId: accounts.facebook, platform: 'facebook', platformPostId: fb, publishedAt: published }),
      threads: seedPost(studio.store, { personaId: persona, accountId: accounts.threads, platform: 'threads', platformPostId: th, publishedAt: published }),
      youtube: seedPost(studio.store, { personaId: persona, accountId: accounts.youtube, platform: 'youtube', platformPostId: 'yt_due', publishedAt: published }),
      tiktok: seedPost(studio.store, { personaId: persona, accountId: accounts.tiktok, platform: 'tiktok', platformPostId: '7300000000000000001', publishedAt: published }),
    };
    const insightReads = graph.callsTo('GET', /\/insights$/).length;
    studio.kolMetrics.tick();
    for (const id of Object.values(posts).slice(0, 4)) await settled(id);

    for (const id of Object.values(posts).slice(0, 4)) expect(fetchRow(id)).toMatchObject({ last_error: null });
    expect(postRow(posts.instagram)).toMatchObject({ views: 2000, likes: 150, comments: 20, shares: 8, saves: 12, metrics_at: now, metrics_source: 'platform' });
    expect(postRow(posts.facebook)).toMatchObject({ views: 800, likes: 60, comments: 6, shares: 3, saves: 0 });
    expect(postRow(posts.threads)).toMatchObject({ views: 500, likes: 25, comments: 4, shares: 3, saves: 0 });
    expect(postRow(posts.youtube)).toMatchObject({ views: 9000, likes: 300, comments: 40, shares: 0, saves: 0 });
    // Each read once: one Instagram insights call and one Facebook post insights call.
    expect(graph.callsTo('GET', /\/insights$/).length - insightReads).toBe(2);
    for (const id of Object.values(posts).slice(0, 4)) {
      expect(fetchRow(id)).toMatchObject({ state: 'scheduled', next_fetch_at: published + 6 * HOUR, attempts: 0, last_failure: null });
      expect(studio.kolMetrics.status(id)!.history).toHaveLength(1);
    }
    // TikTok has no insights API here: its post waits for a person, and is never sent to a worker.
    expect(fetchRow(posts.tiktok)).toMatchObject({ state: 'manual', next_fetch_at: null, job_id: null });
    expect(postRow(posts.tiktok).metrics_at).toBeNull();

    // Nothing is due again until the 6-hour point.
    studio.kolMetrics.tick();
    expect(fetchRow(posts.instagram)!.job_id).toBeNull();
  });

  it('a 429 backs the read off by the platform’s wait; an expired token waits for a reconnect, and the schedule goes on after', async () => {
    youtube.statistics.set('yt_limited', { viewCount: 10, likeCount: 2, commentCount: 1 });
    const yt = seedPost(studio.store, { personaId: persona, accountId: accounts.youtube, platform: 'youtube', platformPostId: 'yt_limited', publishedAt: published });
    youtube.listError = { status: 429, reason: 'rateLimitExceeded', message: 'Too many requests', retryAfter: '1200' };
    studio.kolMetrics.fetchNow(yt);
    const limited = await settled(yt);
    expect(limited).toMatchObject({ state: 'scheduled', attempts: 1, last_failure: 'retry', next_fetch_at: now + 1_200_000 });
    expect(postRow(yt).metrics_at).toBeNull();

    const ig = graph.addIgMedia(IG_USER, 'expired');
    graph.engagement.set(ig, { views: 40, likes: 4, comments: 1, shares: 0, saves: 1 });
    const post = seedPost(studio.store, { personaId: persona, accountId: accounts.instagram, platform: 'instagram', platformPostId: ig, publishedAt: published });
    graph.state.expired = true;
    studio.kolMetrics.fetchNow(post);
    const waiting = await settled(post);
    graph.state.expired = false;
    expect(waiting).toMatchObject({ state: 'reconnect', attempts: 1, last_failure: 'refresh-token', next_fetch_at: now + RECONNECT_WAIT_MS });
    expect(waiting.last_error).not.toContain(graph.userToken);

    // A video deleted on YouTube: nothing to read now or later, and its last numbers stay.
    const gone = seedPost(studio.store, { personaId: persona, accountId: accounts.youtube, platform: 'youtube', platformPostId: 'yt_deleted', publishedAt: published });
    studio.kolMetrics.fetchNow(gone);
    expect(await settled(gone)).toMatchObject({ state: 'done', next_fetch_at: null, last_failure: 'bad-post' });
    expect(JSON.parse(fetchRow(gone)!.last_error!)).toMatchObject({ key: 'kol.learn.metrics.postGone', params: { platform: 'YouTube' } });

    // Reconnected, two days on: the read works and the schedule resumes at the next point ahead (3 days).
    now = published + 48 * HOUR;
    studio.kolMetrics.fetchNow(post);
    const resumed = await settled(post);
    expect(resumed).toMatchObject({ state: 'scheduled', attempts: 0, last_failure: null, next_fetch_at: published + 72 * HOUR });
    expect(postRow(post)).toMatchObject({ likes: 4, saves: 1 });
  });

  it('imports a CSV all or nothing: a bad line is reported by its line and nothing is written', async () => {
    const a = seedPost(studio.store, { personaId: persona, accountId: accounts.tiktok, platform: 'tiktok', platformPostId: '7300000000000000002', url: 'https://www.tiktok.com/@ming/video/7300000000000000002', publishedAt: published });
    const b = seedPost(studio.store, { personaId: persona, accountId: accounts.tiktok, platform: 'tiktok', platformPostId: '7300000000000000003', publishedAt: published });
    const draft = seedPost(studio.store, { personaId: persona, status: 'approved' });
    const bad = [
      'post,views,likes,comments,shares,saves',
      `https://www.tiktok.com/@ming/video/7300000000000000002?is_from_webapp=1,1000,80,9,4,6`,
      `${b},500,twelve,3,1,0`,
      `${draft},1,1,1,1,1`,
      'no-such-post,1,1,1,1,1',
    ].join('\n');
    const refused = studio.kolMetrics.importCsv(bad, false);
    expect(refused.imported).toBe(0);
    expect(refused.rows.map((r) => [r.line, r.problems.map((p) => p.message.key)])).toEqual([
      [2, []],
      [3, ['kol.learn.csv.notCount']],
      [4, ['kol.learn.csv.notPublished']],
      [5, ['kol.learn.csv.postUnknown']],
    ]);
    expect(refused.rows[1]!.problems[0]).toEqual({ field: 'likes', message: { key: 'kol.learn.csv.notCount', params: { column: 'likes', value: 'twelve' } } });
    expect(postRow(a).metrics_at).toBeNull();
    expect(studio.kolMetrics.status(a)!.history).toEqual([]);

    const good = ['Post ID,Views,Likes,Comments,Shares,Saves', `https://www.tiktok.com/@ming/video/7300000000000000002,"1,000",80,9,4,6`, `${b},500,12,3,1,`].join('\r\n');
    const dry = studio.kolMetrics.importCsv(good, true);
    expect(dry).toMatchObject({ dryRun: true, imported: 0 });
    expect(postRow(a).metrics_at).toBeNull();
    const done = studio.kolMetrics.importCsv(good, false);
    expect(done.imported).toBe(2);
    expect(postRow(a)).toMatchObject({ views: 1000, likes: 80, comments: 9, shares: 4, saves: 6, metrics_source: 'csv' });
    expect(postRow(b)).toMatchObject({ views: 500, likes: 12, saves: 0 });
  });

  it('takes numbers by hand for a published post only', () => {
    const post = seedPost(studio.store, { personaId: persona, accountId: accounts.tiktok, platform: 'tiktok', publishedAt: published });
    const view = studio.kolMetrics.enter(post, { views: 10, likes: 5, comments: 2, shares: 1, saves: 0 });
    expect(view.metrics).toMatchObject({ views: 10, likes: 5, source: 'manual', fetchedAt: now });
    const draft = seedPost(studio.store, { personaId: persona, status: 'approved' });
    expect(() => studio.kolMetrics.enter(draft, { views: 1, likes: 1, comments: 1, shares: 1, saves: 1 })).toThrow(/no published post/);
    expect(() => studio.kolMetrics.fetchNow(post)).toThrow(/no insights API/);
  });
});

describe('engagement and learning through the contract', () => {
  let studio: Studio;
  let persona: string;
  let account: string;
  const calls = contractCalls(() => createHandlers(studio, 'web'));

  beforeAll(() => {
    studio = openTestStudio(tempHome('kingjam-kol-contract-'), {}, false);
    persona = seedPersona(studio.store, { nickname: '阿明' });
    account = seedAccount(studio.store, { platform: 'line', connectionId: 'conn-line', platformAccountId: 'U1' });
  });
  afterAll(async () => {
    await studio?.close();
  });

  it('enters numbers by hand, refuses bad ones, and reads them back in the report', async () => {
    const published = Date.now() - 2 * 24 * HOUR;
    const ids = Array.from({ length: 12 }, (_, i) => seedPost(studio.store, { personaId: persona, accountId: account, platform: 'line', publishedAt: published + i * HOUR }));
    const refused = await calls.refused('kol.metrics.enter', { postId: ids[0], metrics: { likes: -1 } });
    expect(refused.code).toBe('BAD_INPUT');
    const view = await calls.call('kol.metrics.enter', { postId: ids[0], metrics: { views: 500, likes: 40, comments: 4, shares: 2, saves: 1 } });
    expect(view.metrics).toMatchObject({ likes: 40, source: 'manual' });
    // LINE has no insights API: the post waits for people, and its readings are kept.
    expect(await calls.call('kol.metrics.status', { postId: ids[0] })).toMatchObject({ state: 'manual', nextFetchAt: null, history: [{ source: 'manual', views: 500, likes: 40 }] });
    const few = await calls.call('kol.learn.report', { period: 7 });
    expect(few).toMatchObject({ posts: 1, enough: false, suggestions: [], reason: { key: 'kol.learn.tooFew', params: { count: 1, min: 10 } } });
    expect(few.personas).toEqual([{ id: persona, nickname: '阿明', clientId: null, learningEnabled: false }]);

    const csv = path.join(studio.paths.home, 'numbers.csv');
    fs.writeFileSync(csv, ['post,views,likes,comments,shares,saves', ...ids.slice(1).map((id, i) => `${id},${100 + i},${10 + i},1,0,0`)].join('\n'));
    const dry = await calls.call('kol.metrics.importCsv', { path: csv });
    expect(dry).toMatchObject({ dryRun: true, imported: 0 });
    const done = await calls.call('kol.metrics.importCsv', { path: csv, dryRun: false });
    expect(done.imported).toBe(11);
    const report = await calls.call('kol.learn.report', { period: 7, personaId: persona });
    expect(report).toMatchObject({ posts: 12, enough: true });
    expect(report.top[0]!.id).toBe(ids[0]);
    const suggestions = await calls.call('kol.learn.suggestions', { period: 7, personaId: persona });
    expect(suggestions).toMatchObject({ posts: 12, enough: true, learningEnabled: false, promptLines: [] });
  });

  it('refuses a read of a post on a platform without an insights API, and a CSV outside the allowed folders', async () => {
    const post = seedPost(studio.store, { personaId: persona, accountId: account, platform: 'line', publishedAt: Date.now() });
    const manual = await calls.refused('kol.metrics.fetchNow', { postId: post });
    expect(manual).toMatchObject({ code: 'BAD_INPUT', key: 'kol.learn.metrics.manualOnly', params: { platform: 'LINE' } });
    expect(await calls.refused('kol.metrics.importCsv', { path: '/etc/passwd', dryRun: true })).toMatchObject({ code: 'FORBIDDEN' });
  });
});
