import { badMetricAnswer, insightsAnswer } from './meta-graph.js';
import { ContainerStore, expiredTokenAnswer, graphErrorAnswer, graphTimestamp, notFound, ok, pick, serveGraph, type FakeAnswer, type Fault, type GraphCall } from './graph-common.js';

/**
 * A loopback Threads API (graph.threads.net/v1.0): /me, containers created
 * with POST /{user}/threads (TEXT, IMAGE, VIDEO, CAROUSEL; media fetched from
 * the relayed URL), polled through `status` and `error_message`,
 * threads_publish, threads_publishing_limit, the user's threads list and
 * Meta's error bodies. It counts every publish. For engagement (issue 14) it
 * answers media insights (views, likes, replies, reposts, quotes, shares)
 * from `engagement`.
 */

const THREADS_MEDIA_METRICS = new Set(['views', 'likes', 'replies', 'reposts', 'quotes', 'shares']);

export interface FakeThreadsEngagement {
  views: number;
  likes: number;
  replies: number;
  reposts: number;
  quotes: number;
  shares: number;
}

interface Thread {
  id: string;
  text?: string;
  media_type: string;
  permalink: string;
  timestamp: string;
}

export interface FakeThreadsOptions {
  token?: string;
  userId?: string;
  username?: string;
}

export async function startFakeThreads(o: FakeThreadsOptions = {}) {
  const token = o.token ?? 'threads-token';
  const userId = o.userId ?? '26000000000001';
  const username = o.username ?? 'teahouse';
  const faults: Fault[] = [];
  const calls: GraphCall[] = [];
  const containers = new ContainerStore('FAILED_DOWNLOADING_VIDEO');
  const threads: Thread[] = [];
  const state = { expired: false, publishes: 0, quota: { usage: 0, total: 250, duration: 86400 }, seq: 1 };
  const isUser = (id: string) => id === userId || id === 'me';
  const engagement = new Map<string, FakeThreadsEngagement>();

  async function handle(call: GraphCall): Promise<FakeAnswer> {
    if (state.expired) return expiredTokenAnswer();
    if (call.params.access_token !== token) return graphErrorAnswer(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    const [, id = '', edge] = call.path.split('/');
    const get = call.method === 'GET';
    const { fields } = call.params;

    if (isUser(id) && !edge && get) return ok(pick({ id: userId, username }, fields));
    if (isUser(id) && edge === 'threads_publishing_limit' && get) {
      return ok({ data: [{ quota_usage: state.quota.usage, config: { quota_total: state.quota.total, quota_duration: state.quota.duration } }] });
    }
    if (isUser(id) && edge === 'threads' && call.method === 'POST') {
      const p = call.params;
      const type = p.media_type;
      if (type === 'TEXT' && !p.text) return graphErrorAnswer(400, 100, 'The parameter text is required.');
      if (type === 'IMAGE' && !p.image_url) return graphErrorAnswer(400, 100, 'The parameter image_url is required.');
      if (type === 'VIDEO' && !p.video_url) return graphErrorAnswer(400, 100, 'The parameter video_url is required.');
      if (type === 'CAROUSEL') {
        const children = (p.children ?? '').split(',').filter(Boolean);
        if (children.length < 2 || children.length > 20 || children.some((c) => containers.all.get(c)?.params.is_carousel_item !== 'true')) {
          return graphErrorAnswer(400, 100, 'Invalid parameter', 4279009);
        }
      }
      if (!['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'].includes(type ?? '')) return graphErrorAnswer(400, 100, 'Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL}');
      if ((p.text ?? '').length > 500) return graphErrorAnswer(400, 100, 'Param text must be at most 500 characters long.');
      const c = await containers.create(userId, p);
      return ok({ id: c.id });
    }
    if (isUser(id) && edge === 'threads_publish' && call.method === 'POST') {
      const c = containers.all.get(call.params.creation_id ?? '');
      if (!c || c.published || containers.read(c) !== 'FINISHED') return graphErrorAnswer(400, 24, 'The requested resource does not exist', 4279009);
      if (state.quota.usage >= state.quota.total) return graphErrorAnswer(400, 9, 'Application request limit reached');
      c.published = true;
      state.publishes += 1;
      state.quota.usage += 1;
      const tid = `1810${String(state.seq++).padStart(13, '0')}`;
      threads.push({
        id: tid,
        ...(c.params.text !== undefined ? { text: c.params.text } : {}),
        media_type: c.params.media_type === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : c.params.media_type === 'TEXT' ? 'TEXT_POST' : (c.params.media_type ?? ''),
        permalink: `https://www.threads.net/@${username}/post/D${tid.slice(-9)}`,
        timestamp: graphTimestamp(Date.now()),
      });
      return ok({ id: tid });
    }
    if (isUser(id) && edge === 'threads' && get) {
      const from = call.params.since ? Number(call.params.since) * 1000 : -Infinity;
      const shown = threads.filter((t) => Date.parse(t.timestamp.replace(/\+0000$/, 'Z')) >= from).reverse();
      return ok({ data: shown.map((t) => pick(t as unknown as Record<string, unknown>, fields)), paging: { cursors: { before: 'QVFI', after: 'QVFJ' } } });
    }
    const container = containers.all.get(id);
    if (container && !edge && get) {
      const status = containers.read(container);
      return ok(pick({ id, status, ...(status === 'ERROR' ? { error_message: container.reason ?? 'UNKNOWN' } : {}) }, fields));
    }
    const thread = threads.find((t) => t.id === id);
    if (thread && !edge && get) return ok(pick(thread as unknown as Record<string, unknown>, fields));
    if (thread && edge === 'insights' && get) {
      const asked = (call.params.metric ?? '').split(',').filter(Boolean);
      const bad = asked.find((m) => !THREADS_MEDIA_METRICS.has(m));
      if (bad) return badMetricAnswer(bad);
      const n: Record<string, number> = { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0, ...engagement.get(id) };
      return insightsAnswer(id, Object.fromEntries(asked.map((m) => [m, n[m]!])));
    }
    return notFound(call.path);
  }

  const server = await serveGraph('v1.0', faults, calls, handle);
  return {
    url: server.url,
    token,
    userId,
    calls,
    faults,
    containerScripts: containers.scripts,
    containers: containers.all,
    threads,
    state,
    /** Each thread's numbers, by its id (what the insights call answers). */
    engagement,
    /** A published thread a test reads the engagement of (as if published earlier). */
    addThread(text: string): string {
      const tid = `1810${String(state.seq++).padStart(13, '0')}`;
      threads.push({ id: tid, text, media_type: 'TEXT_POST', permalink: `https://www.threads.net/@${username}/post/D${tid.slice(-9)}`, timestamp: graphTimestamp(Date.now()) });
      return tid;
    },
    get publishes() {
      return state.publishes;
    },
    callsTo(method: string, path: RegExp) {
      return calls.filter((c) => c.method === method && path.test(c.path));
    },
    close: server.close,
  };
}

export type FakeThreads = Awaited<ReturnType<typeof startFakeThreads>>;
