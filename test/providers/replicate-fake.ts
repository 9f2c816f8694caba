import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { sendJson, startFake, type FakeServer, type Seen } from './fake-server.js';

/**
 * A stateful loopback Replicate: predictions are created, polled, canceled
 * and listed as on api.replicate.com (see ../../shared/reference/providers.md
 * and the `replicate` SDK's own tests), so the real SDK, the studio's provider
 * and the cloud gateway can all be driven against it. Tests script how each
 * prediction ends and which creates fail; every request is in `seen`.
 *
 *   POST /v1/models/{owner}/{name}/predictions  {input, webhook?}  (Prefer: wait | wait=N)
 *   POST /v1/predictions                        {version, input}
 *   GET  /v1/predictions/{id}
 *   POST /v1/predictions/{id}/cancel
 *   GET  /v1/predictions[?cursor=]               {next, previous, results} newest first
 * Errors are problem documents `{title, detail, status}` like Replicate's.
 */

export type PredictionStatus = 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled';
const TERMINAL: readonly PredictionStatus[] = ['succeeded', 'failed', 'canceled'];

export interface FakePrediction {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  status: PredictionStatus;
  output: unknown;
  error: string | null;
  logs: string;
  webhook?: string;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  /** Polls this prediction has had (GET /v1/predictions/{id}). */
  polls: number;
}

/** How a new prediction ends, decided when it is created. */
export interface Outcome {
  /** The status it reaches after `afterPolls` polls (0: already there when created). */
  status: 'succeeded' | 'failed' | 'canceled';
  afterPolls: number;
  /** Output on success: by default one URL (a clip), or `images` URLs. */
  output?: unknown;
  error?: string;
}

/** A create that fails: its HTTP status, and whether the prediction exists anyway (a 5xx after the work was queued). */
export interface CreateFailure {
  status: number;
  created: boolean;
  /** Never answer (a client-side timeout); the connection is held until the fake closes. */
  hang?: boolean;
  retryAfter?: number;
}

export interface ReplicateFake {
  /** Base URL as the SDK takes it (ends in /v1). */
  baseUrl: string;
  server: FakeServer;
  /** The API token it accepts (a test may change it: the old one is then refused). */
  token: string;
  predictions: Map<string, FakePrediction>;
  /** How the next creates end; the last entry repeats. */
  outcomes: Outcome[];
  /** Failures the next creates meet, one each, in order. */
  createFailures: CreateFailure[];
  /** Models that exist (`owner/name`); anything else is a 404. */
  models: Set<string>;
  pageSize: number;
  creates(): Seen[];
  /** Moves a prediction on (as the platform's workers would). */
  finish(id: string, status: Outcome['status'], output?: unknown): void;
  close(): Promise<void>;
}

const problem = (res: http.ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}): void =>
  sendJson(res, status, { title, detail, status }, headers);

export const REPLICATE_MODELS = ['kwaivgi/kling-v2.1', 'google/veo-3.1-fast', 'google/veo-3.1', 'bytedance/seedream-4', 'black-forest-labs/flux-1.1-pro', 'black-forest-labs/flux-schnell'];

export async function startReplicateFake(opts: { token?: string } = {}): Promise<ReplicateFake> {
  const token = opts.token ?? `r8_${randomBytes(12).toString('hex')}`;
  const predictions = new Map<string, FakePrediction>();
  const now = (): string => new Date().toISOString();

  const view = (p: FakePrediction): Record<string, unknown> => {
    const { polls: _polls, webhook, ...rest } = p;
    const base = `${fake.baseUrl}/predictions/${p.id}`;
    return {
      ...rest,
      ...(webhook ? { webhook } : {}),
      source: 'api',
      data_removed: false,
      metrics: p.completed_at ? { predict_time: 1.5, total_time: 2 } : {},
      urls: { get: base, cancel: `${base}/cancel`, stream: `${fake.baseUrl.replace(/\/v1$/, '')}/stream/${p.id}`, web: `https://replicate.com/p/${p.id}` },
    };
  };

  const settle = (p: FakePrediction, status: Outcome['status'], output: unknown, error?: string): void => {
    p.status = status;
    p.output = status === 'succeeded' ? output : null;
    p.error = status === 'failed' ? (error ?? 'Prediction failed') : null;
    p.started_at ??= now();
    p.completed_at = now();
  };

  const nextOutcome = (): Outcome => {
    const o = fake.outcomes.length > 1 ? fake.outcomes.shift() : fake.outcomes[0];
    return o ?? { status: 'succeeded', afterPolls: 1 };
  };
  const planned = new Map<string, Outcome>();
  const defaultOutput = (p: FakePrediction): unknown => {
    const n = Number(p.input.num_outputs ?? p.input.max_images ?? 0);
    return n > 0 ? Array.from({ length: n }, (_, i) => `https://replicate.delivery/fake/${p.id}/out-${i}.png`) : `https://replicate.delivery/fake/${p.id}/output.mp4`;
  };
  const advance = (p: FakePrediction): void => {
    const plan = planned.get(p.id);
    if (!plan || TERMINAL.includes(p.status)) return;
    if (p.polls >= plan.afterPolls) settle(p, plan.status, plan.output ?? defaultOutput(p), plan.error);
    else if (p.polls > 0) {
      p.status = 'processing';
      p.started_at ??= now();
    }
  };

  const create = (req: Seen, res: http.ServerResponse, model: string, version: string): void => {
    const body = (req.json ?? {}) as { input?: unknown; webhook?: unknown };
    if (typeof body.input !== 'object' || body.input === null) return problem(res, 422, 'Input validation failed', '- input: input is required');
    const failure = fake.createFailures.shift();
    const p: FakePrediction = {
      id: randomBytes(13).toString('hex').slice(0, 26),
      model,
      version,
      input: body.input as Record<string, unknown>,
      status: 'starting',
      output: null,
      error: null,
      logs: '',
      ...(typeof body.webhook === 'string' ? { webhook: body.webhook } : {}),
      created_at: now(),
      started_at: null,
      completed_at: null,
      polls: 0,
    };
    if (!failure || failure.created) {
      predictions.set(p.id, p);
      planned.set(p.id, nextOutcome());
      advance(p);
    }
    if (failure?.hang) return;
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {};
      if (failure.status === 429) return problem(res, 429, 'Request was throttled', 'Request was throttled. Expected available in 1 second.', headers);
      return problem(res, failure.status, 'Internal Server Error', 'Internal server error', headers);
    }
    const prefer = String(req.headers.prefer ?? '');
    // Prefer: wait holds the answer until the prediction is done; the fake counts it as one poll.
    if (/^wait(=\d+)?$/.test(prefer)) {
      p.polls++;
      advance(p);
    }
    sendJson(res, 201, view(p));
  };

  const list = (req: Seen, res: http.ServerResponse): void => {
    const url = new URL(req.path, 'http://fake');
    const all = [...predictions.values()].reverse();
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const page = all.slice(start, start + fake.pageSize);
    const next = start + fake.pageSize < all.length ? `${fake.baseUrl}/predictions?cursor=${start + fake.pageSize}` : null;
    const previous = start > 0 ? `${fake.baseUrl}/predictions?cursor=${Math.max(0, start - fake.pageSize)}` : null;
    sendJson(res, 200, { next, previous, results: page.map(view) });
  };

  const server = await startFake((req, res) => {
    if (req.headers.authorization !== `Bearer ${fake.token}`) return problem(res, 401, 'Unauthenticated', 'You did not pass a valid authentication token');
    const path = req.path.split('?')[0] ?? '';
    const modelCreate = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(path);
    if (req.method === 'POST' && modelCreate) {
      const model = `${modelCreate[1]}/${modelCreate[2]}`;
      if (!fake.models.has(model)) return problem(res, 404, 'Not found', 'The requested resource could not be found.');
      return create(req, res, model, 'hidden');
    }
    if (req.method === 'POST' && path === '/v1/predictions') {
      const version = (req.json as { version?: unknown } | null)?.version;
      if (typeof version !== 'string') return problem(res, 422, 'Invalid version or not permitted', 'The specified version does not exist (or perhaps you do not have permission to use it?)');
      return create(req, res, 'unknown/versioned', version);
    }
    if (req.method === 'GET' && path === '/v1/predictions') return list(req, res);
    const one = /^\/v1\/predictions\/([^/]+)(\/cancel)?$/.exec(path);
    const p = one ? predictions.get(one[1] ?? '') : undefined;
    if (!one || !p) return problem(res, 404, 'Not found', 'The requested resource could not be found.');
    if (req.method === 'POST' && one[2]) {
      if (!TERMINAL.includes(p.status)) settle(p, 'canceled', null);
      return sendJson(res, 200, view(p));
    }
    if (req.method === 'GET' && !one[2]) {
      p.polls++;
      advance(p);
      return sendJson(res, 200, view(p));
    }
    problem(res, 405, 'Method Not Allowed', `Method "${req.method}" not allowed.`);
  });

  const fake: ReplicateFake = {
    baseUrl: `${server.url}/v1`,
    server,
    token,
    predictions,
    outcomes: [{ status: 'succeeded', afterPolls: 1 }],
    createFailures: [],
    models: new Set(REPLICATE_MODELS),
    pageSize: 100,
    creates: () => server.seen.filter((s) => s.method === 'POST' && /\/predictions$/.test(s.path.split('?')[0] ?? '')),
    finish: (id, status, output) => {
      const p = predictions.get(id);
      if (p && !TERMINAL.includes(p.status)) settle(p, status, output ?? defaultOutput(p));
    },
    close: () => server.close(),
  };
  return fake;
}
