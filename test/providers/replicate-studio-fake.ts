import type http from 'node:http';
import { sendJson, startFake, type FakeServer, type Seen } from './fake-server.js';

/**
 * A stateful Replicate on loopback, speaking its HTTP API (providers.md):
 * predictions are created by `POST /v1/models/{owner}/{name}/predictions`
 * (or `POST /v1/predictions` with a version), kept, listed newest first by
 * `GET /v1/predictions` ({next, previous, results}), advanced a step on each
 * `GET /v1/predictions/{id}` and canceled by `POST …/cancel`. A test decides
 * how each create is answered — including "created, but the answer is lost".
 */

export interface FakePrediction {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  status: 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  output: unknown;
  error: string | null;
  logs: string;
  source: 'api' | 'web';
  data_removed: boolean;
  metrics: Record<string, number>;
  created_at: string;
  urls: { get: string; cancel: string };
}

/** How the fake answers the n-th create (1-based): as Replicate would, or created-but-lost. */
export type CreateAnswer =
  | 'created'
  /** Kept, then answered 500 as a failing proxy would. */
  | 'created-500'
  /** Kept, then never answered (the client's deadline runs out). */
  | 'created-hang'
  /** Not kept: refused with this status and Retry-After. */
  | { status: number; detail: string; retryAfter?: string };

export interface ReplicateFake {
  fake: FakeServer;
  url: string;
  predictions: FakePrediction[];
  creates(): Seen[];
  cancels(): string[];
  /** Set per test. */
  answer: (n: number) => CreateAnswer;
  /** The final output of a prediction (per model). */
  outputFor: (p: FakePrediction) => unknown;
  /** Token streams: the output grows by this many tokens per poll while processing. */
  tokensPerPoll: number;
  /** The first this-many list calls come back empty (Replicate's list can lag behind a create). */
  listLag: number;
  files: Map<string, { type: string; body: Buffer }>;
  add(p: Partial<FakePrediction> & { model: string; input: Record<string, unknown> }): FakePrediction;
  reset(): void;
  close(): Promise<void>;
}

export async function startReplicateFake(): Promise<ReplicateFake> {
  let seq = 0;
  let listCalls = 0;
  const progress = new Map<string, number>();
  const state: ReplicateFake = {
    fake: undefined as unknown as FakeServer,
    url: '',
    predictions: [],
    creates: () => state.fake.seen.filter((s) => s.method === 'POST' && /\/predictions$/.test(s.path)),
    cancels: () => state.fake.seen.filter((s) => s.method === 'POST' && s.path.endsWith('/cancel')).map((s) => s.path.split('/')[3] ?? ''),
    answer: () => 'created',
    outputFor: () => null,
    tokensPerPoll: 1000,
    listLag: 0,
    files: new Map(),
    add(p) {
      const id = `p${++seq}`;
      const prediction: FakePrediction = {
        id,
        version: 'hidden',
        status: 'starting',
        output: null,
        error: null,
        logs: '',
        source: 'api',
        data_removed: false,
        metrics: {},
        created_at: new Date().toISOString(),
        urls: { get: `${state.url}/v1/predictions/${id}`, cancel: `${state.url}/v1/predictions/${id}/cancel` },
        ...p,
      };
      state.predictions.push(prediction);
      return prediction;
    },
    reset() {
      state.predictions.length = 0;
      state.fake.seen.length = 0;
      state.files.clear();
      state.answer = () => 'created';
      state.outputFor = () => null;
      state.tokensPerPoll = 1000;
      state.listLag = 0;
      listCalls = 0;
    },
    close: () => state.fake.close(),
  };

  const advance = (p: FakePrediction): void => {
    if (p.status === 'starting') p.status = 'processing';
    else if (p.status !== 'processing') return;
    const final = state.outputFor(p);
    if (Array.isArray(final) && final.every((t) => typeof t === 'string')) {
      // A language model: the token array grows while it runs.
      const n = (progress.get(p.id) ?? 0) + state.tokensPerPoll;
      progress.set(p.id, n);
      p.output = final.slice(0, n);
      if (n < final.length) return;
      p.metrics = { input_token_count: 120, output_token_count: final.length, predict_time: 1.5 };
    } else {
      p.output = final;
    }
    p.status = 'succeeded';
  };

  const route = (req: Seen, res: http.ServerResponse): void => {
    const path = req.path.split('?')[0] ?? '';
    const file = state.files.get(path);
    if (file) {
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length });
      return void res.end(file.body);
    }
    if (req.headers.authorization !== 'Bearer r8_test') return sendJson(res, 401, { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token', status: 401 });
    const create = /^\/v1\/(?:models\/([^/]+\/[^/]+)\/)?predictions$/.exec(path);
    if (req.method === 'POST' && create) {
      const n = state.creates().length;
      const answer = state.answer(n);
      if (typeof answer === 'object') return sendJson(res, answer.status, { title: 'Error', detail: answer.detail, status: answer.status }, answer.retryAfter ? { 'retry-after': answer.retryAfter } : {});
      const body = req.json as { input: Record<string, unknown>; version?: string };
      const p = state.add({ model: create[1] ?? 'owner/versioned', version: body.version ?? 'hidden', input: body.input });
      if (answer === 'created-500') return sendJson(res, 500, { detail: 'Internal server error' });
      if (answer === 'created-hang') return;
      return sendJson(res, 201, p);
    }
    if (req.method === 'GET' && path === '/v1/predictions') {
      const results = listCalls++ < state.listLag ? [] : [...state.predictions].reverse();
      return sendJson(res, 200, { next: null, previous: null, results });
    }
    const one = /^\/v1\/predictions\/([^/]+)(\/cancel)?$/.exec(path);
    const p = one ? state.predictions.find((x) => x.id === one[1]) : undefined;
    if (one && !p) return sendJson(res, 404, { detail: 'Not found.' });
    if (p && one?.[2] && req.method === 'POST') {
      if (p.status === 'starting' || p.status === 'processing') p.status = 'canceled';
      return sendJson(res, 200, p);
    }
    if (p && req.method === 'GET') {
      advance(p);
      return sendJson(res, 200, p);
    }
    if (path === '/v1/account') return sendJson(res, 200, { type: 'user', username: 'kingjam', name: 'KingJam', github_url: null });
    if (path.startsWith('/v1/models/')) return sendJson(res, 200, { owner: 'x', name: 'y', latest_version: null });
    sendJson(res, 404, { detail: 'Not found.' });
  };

  state.fake = await startFake(route);
  state.url = state.fake.url;
  return state;
}
