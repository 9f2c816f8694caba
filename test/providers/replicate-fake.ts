import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { MODEL_CATALOG } from '../../src/shared/models.js';
import { sendJson, startFake, type FakeServer, type Seen } from './fake-server.js';

/**
 * The one stateful loopback Replicate: predictions are created, polled,
 * canceled and listed as on api.replicate.com (see
 * ../../shared/reference/providers.md and the `replicate` SDK's own tests), so
 * the real SDK, the studio's provider and the cloud gateway can all be driven
 * against it. Tests script how each prediction ends, what it outputs and which
 * creates fail (with or without the prediction made); every request is in
 * `server.seen`.
 *
 *   POST /v1/models/{owner}/{name}/predictions  {input, webhook?}  (Prefer: wait | wait=N)
 *   POST /v1/predictions                        {version, input}
 *   GET  /v1/predictions/{id}                   a language model's token array grows per poll
 *   POST /v1/predictions/{id}/cancel
 *   GET  /v1/predictions[?cursor=]              {next, previous, results} newest first
 *   GET  /v1/account, GET /v1/models/{owner}/{name}
 *   GET  /files/…                               output files, no token (as replicate.delivery)
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
  /** Output on success; without it, `outputFor` decides. */
  output?: unknown;
  error?: string;
}

/** A create that fails, and whether the prediction exists anyway (a 5xx or a lost answer after the work was queued). */
export type CreateFailure =
  | { created: boolean; status: number; detail?: string; retryAfter?: number }
  /** Never answered (the client's deadline runs out); the connection is held until the fake closes. */
  | { created: boolean; hang: true };

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
  /** A succeeded prediction's output when its outcome names none (default: replicate.delivery URLs, one per image asked). */
  outputFor: (p: FakePrediction) => unknown;
  /** A language model's output (an array of tokens) grows by this many tokens a poll; it succeeds once all are out. */
  tokensPerPoll: number;
  /** The next this-many list calls come back empty (Replicate's list can lag behind a create). */
  listLag: number;
  /** Files served at `${server.url}${path}` without the token, for outputs to point at. */
  files: Map<string, { type: string; body: Buffer }>;
  /** Models that exist (`owner/name`); anything else is a 404. */
  models: Set<string>;
  pageSize: number;
  creates(): Seen[];
  /** Ids of the predictions a cancel was asked for, in order. */
  cancels(): string[];
  /** A prediction made elsewhere (another client, the web); it moves only if `finish` moves it. */
  add(p: Partial<FakePrediction> & { model: string; input: Record<string, unknown> }): FakePrediction;
  /** Moves a prediction on (as the platform's workers would). */
  finish(id: string, status: Outcome['status'], output?: unknown): void;
  /** Forgets predictions, requests and files, and puts every setting back. */
  reset(): void;
  close(): Promise<void>;
}

const REPLICATE = MODEL_CATALOG.filter((m) => m.upstream === 'replicate');
/** Every Replicate model the catalogue names exists on the fake. */
export const REPLICATE_MODELS = REPLICATE.map((m) => m.id);
/** Language models answer a token stream and report token counts in `metrics`. */
const LANGUAGE_MODELS = new Set(REPLICATE.filter((m) => m.capability === 'text').map((m) => m.id));
const PROMPT_TOKENS = 120;

const TITLES: Record<number, string> = { 404: 'Not found', 422: 'Input validation failed', 429: 'Request was throttled' };
const problem = (res: http.ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}): void =>
  sendJson(res, status, { title, detail, status }, headers);
const notFound = (res: http.ServerResponse): void => problem(res, 404, 'Not found', 'The requested resource could not be found.');

const isTokens = (out: unknown): out is string[] => Array.isArray(out) && out.every((t) => typeof t === 'string');

export async function startReplicateFake(opts: { token?: string } = {}): Promise<ReplicateFake> {
  const token = opts.token ?? `r8_${randomBytes(12).toString('hex')}`;
  const predictions = new Map<string, FakePrediction>();
  const planned = new Map<string, Required<Pick<Outcome, 'status' | 'afterPolls'>> & { output: unknown; error?: string }>();
  const now = (): string => new Date().toISOString();

  const defaultOutput = (p: FakePrediction): unknown => {
    const n = Number(p.input.num_outputs ?? p.input.max_images ?? 0);
    return n > 0 ? Array.from({ length: n }, (_, i) => `https://replicate.delivery/fake/${p.id}/out-${i}.png`) : `https://replicate.delivery/fake/${p.id}/output.mp4`;
  };

  const view = (p: FakePrediction): Record<string, unknown> => {
    const { polls: _polls, webhook, ...rest } = p;
    const base = `${fake.baseUrl}/predictions/${p.id}`;
    const tokens = LANGUAGE_MODELS.has(p.model) ? { input_token_count: PROMPT_TOKENS, output_token_count: isTokens(p.output) ? p.output.length : 0 } : {};
    return {
      ...rest,
      ...(webhook ? { webhook } : {}),
      source: 'api',
      data_removed: false,
      metrics: p.completed_at ? { predict_time: 1.5, total_time: 2, ...tokens } : {},
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
  const advance = (p: FakePrediction): void => {
    const plan = planned.get(p.id);
    if (!plan || TERMINAL.includes(p.status)) return;
    // A language model streams: its output grows while it runs, so it needs enough polls for every token.
    const stream = LANGUAGE_MODELS.has(p.model) && plan.status === 'succeeded' && isTokens(plan.output) ? plan.output : null;
    const due = stream ? Math.max(plan.afterPolls, Math.ceil(stream.length / fake.tokensPerPoll)) : plan.afterPolls;
    if (p.polls >= due) return settle(p, plan.status, plan.output, plan.error);
    if (p.polls === 0) return;
    p.status = 'processing';
    p.started_at ??= now();
    if (stream) p.output = stream.slice(0, p.polls * fake.tokensPerPoll);
  };

  const blank = (model: string, version: string, input: Record<string, unknown>): FakePrediction => ({
    id: randomBytes(13).toString('hex').slice(0, 26),
    model,
    version,
    input,
    status: 'starting',
    output: null,
    error: null,
    logs: '',
    created_at: now(),
    started_at: null,
    completed_at: null,
    polls: 0,
  });

  const refuse = (res: http.ServerResponse, failure: Extract<CreateFailure, { status: number }>): void => {
    const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {};
    const title = TITLES[failure.status] ?? (failure.status >= 500 ? 'Internal Server Error' : 'Error');
    const detail = failure.detail ?? (failure.status === 429 ? 'Request was throttled. Expected available in 1 second.' : failure.status >= 500 ? 'Internal server error' : title);
    problem(res, failure.status, title, detail, headers);
  };

  const create = (req: Seen, res: http.ServerResponse, model: string, version: string): void => {
    const body = (req.json ?? {}) as { input?: unknown; webhook?: unknown };
    if (typeof body.input !== 'object' || body.input === null) return problem(res, 422, 'Input validation failed', '- input: input is required');
    const failure = fake.createFailures.shift();
    const p = blank(model, version, body.input as Record<string, unknown>);
    if (typeof body.webhook === 'string') p.webhook = body.webhook;
    if (!failure || failure.created) {
      predictions.set(p.id, p);
      const outcome = nextOutcome();
      planned.set(p.id, { status: outcome.status, afterPolls: outcome.afterPolls, output: outcome.output ?? fake.outputFor(p), ...(outcome.error ? { error: outcome.error } : {}) });
      advance(p);
    }
    if (failure && 'hang' in failure) return;
    if (failure) return refuse(res, failure);
    // Prefer: wait holds the answer until the prediction is done; the fake counts it as one poll.
    if (/^wait(=\d+)?$/.test(String(req.headers.prefer ?? ''))) {
      p.polls++;
      advance(p);
    }
    sendJson(res, 201, view(p));
  };

  const list = (req: Seen, res: http.ServerResponse): void => {
    const url = new URL(req.path, 'http://fake');
    // Newest first; a stable sort keeps the later of two same-millisecond creates first.
    const all = [...predictions.values()].reverse().sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
    const lagging = fake.listLag > 0;
    if (lagging) fake.listLag--;
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const page = lagging ? [] : all.slice(start, start + fake.pageSize);
    const next = !lagging && start + fake.pageSize < all.length ? `${fake.baseUrl}/predictions?cursor=${start + fake.pageSize}` : null;
    const previous = start > 0 ? `${fake.baseUrl}/predictions?cursor=${Math.max(0, start - fake.pageSize)}` : null;
    sendJson(res, 200, { next, previous, results: page.map(view) });
  };

  const server = await startFake((req, res) => {
    const path = req.path.split('?')[0] ?? '';
    const file = fake.files.get(path);
    if (req.method === 'GET' && file) {
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length });
      return void res.end(file.body);
    }
    if (req.headers.authorization !== `Bearer ${fake.token}`) return problem(res, 401, 'Unauthenticated', 'You did not pass a valid authentication token');
    if (req.method === 'GET' && path === '/v1/account') return sendJson(res, 200, { type: 'user', username: 'kingjam', name: 'KingJam', github_url: null });
    const model = /^\/v1\/models\/([^/]+)\/([^/]+)(\/predictions)?$/.exec(path);
    if (model) {
      const [, owner = '', name = '', predict] = model;
      if (!fake.models.has(`${owner}/${name}`)) return notFound(res);
      if (req.method === 'POST' && predict) return create(req, res, `${owner}/${name}`, 'hidden');
      if (req.method === 'GET' && !predict) return sendJson(res, 200, { url: `https://replicate.com/${owner}/${name}`, owner, name, description: null, visibility: 'public', run_count: 0, latest_version: null });
    }
    if (req.method === 'POST' && path === '/v1/predictions') {
      const version = (req.json as { version?: unknown } | null)?.version;
      if (typeof version !== 'string') return problem(res, 422, 'Invalid version or not permitted', 'The specified version does not exist (or perhaps you do not have permission to use it?)');
      // Replicate's prediction names the model a version belongs to: the catalogue's pinned versions are known here.
      return create(req, res, REPLICATE.find((m) => m.version === version)?.id ?? 'unknown/versioned', version);
    }
    if (req.method === 'GET' && path === '/v1/predictions') return list(req, res);
    const one = /^\/v1\/predictions\/([^/]+)(\/cancel)?$/.exec(path);
    const p = one ? predictions.get(one[1] ?? '') : undefined;
    if (!one || !p) return notFound(res);
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

  const defaults = (): Pick<ReplicateFake, 'outcomes' | 'createFailures' | 'outputFor' | 'tokensPerPoll' | 'listLag' | 'models' | 'pageSize'> => ({
    outcomes: [{ status: 'succeeded', afterPolls: 1 }],
    createFailures: [],
    outputFor: defaultOutput,
    tokensPerPoll: 1000,
    listLag: 0,
    models: new Set(REPLICATE_MODELS),
    pageSize: 100,
  });
  const fake: ReplicateFake = {
    baseUrl: `${server.url}/v1`,
    server,
    token,
    predictions,
    files: new Map(),
    ...defaults(),
    creates: () => server.seen.filter((s) => s.method === 'POST' && /\/predictions$/.test(s.path.split('?')[0] ?? '')),
    cancels: () => server.seen.flatMap((s) => (s.method === 'POST' ? (/^\/v1\/predictions\/([^/]+)\/cancel$/.exec(s.path)?.slice(1, 2) ?? []) : [])),
    add: (p) => {
      const made: FakePrediction = { ...blank(p.model, 'hidden', p.input), ...p };
      predictions.set(made.id, made);
      return made;
    },
    finish: (id, status, output) => {
      const p = predictions.get(id);
      if (p && !TERMINAL.includes(p.status)) settle(p, status, output ?? fake.outputFor(p));
    },
    reset: () => {
      predictions.clear();
      planned.clear();
      server.seen.length = 0;
      fake.files.clear();
      Object.assign(fake, defaults());
    },
    close: () => server.close(),
  };
  return fake;
}
