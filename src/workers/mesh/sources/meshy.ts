import fs from 'node:fs';
import { StudioError, toErrorInfo } from '../../../shared/errors.js';
import type { ConnectionCheck } from '../../../shared/providers.js';
import { MESH_LOCAL_MODELS, MESHY_BASE_URL_ENV, MESHY_KEY_ENV } from '../../../shared/mesh/backends.js';
import { say } from '../../../shared/messages.js';
import { progressLabel } from '../../../shared/progress-labels.js';
import type { JobContext } from '../../context.js';
import { backoff, parseRetryAfter, sleep } from '../../generation/providers/http.js';
import { canceled, causeText } from '../../generation/providers/errors.js';
import { badGlb, keepGlb, noModelFile, readModelBody, sourceTimeout } from './download.js';
import type { MeshCandidate } from './replicate.js';

/**
 * Meshy's image-to-3D API with the user's own key (MESHY_API_KEY, from the
 * keychain like every provider key): create a task with the picture as a
 * data URI, poll it until SUCCEEDED or FAILED, download `model_urls.glb`.
 *
 *   POST {base}/openapi/v1/image-to-3d        {image_url, enable_pbr, should_remesh, should_texture} → {result: taskId}
 *   GET  {base}/openapi/v1/image-to-3d/{id}   {id, status: PENDING|IN_PROGRESS|SUCCEEDED|FAILED|CANCELED, progress, model_urls: {glb,…}, task_error: {message}}
 *
 * A 429 means the task was not made: it waits (Retry-After, else backoff) and
 * creates again. A 5xx or a lost answer on create may have made the task, and
 * Meshy has no way to find it again, so the create is not repeated there: the
 * job fails with an error that says to retry. Polls and the download retry
 * 429 and 5xx freely: reading twice costs nothing.
 */

const LABEL = 'Meshy';
const DEFAULT_BASE = 'https://api.meshy.ai';
const REQUEST_MS = 60_000;
/** Meshy's image-to-3D takes 1–4 minutes with texturing; queues add more. */
export const MESHY_TASK_MS = 20 * 60_000;
const RETRY = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

export interface MeshyInput {
  image: { bytes: Buffer; mimeType: string };
  out: string;
  /** Poll interval (ms); the studio polls every 5 s. */
  pollMs?: number;
}

interface MeshyTask {
  id?: string;
  status?: string;
  progress?: number;
  model_urls?: { glb?: string };
  task_error?: { message?: string };
}

function meshyError(status: number, body: string, retryAfterMs: number | null): StudioError {
  const detail = (() => {
    try {
      const json = JSON.parse(body) as { message?: unknown };
      return typeof json.message === 'string' ? json.message : body.slice(0, 200);
    } catch {
      return body.slice(0, 200) || `HTTP ${status}`;
    }
  })();
  const provider = LABEL;
  if (status === 401 || status === 403) return new StudioError({ code: 'PROVIDER_AUTH_FAILED', message: `Meshy did not accept the API key: ${detail}`, hint: 'Check the key in Settings → AI providers.', ...say('mesh.source.authFailed', { provider }) });
  if (status === 402) return new StudioError({ code: 'PROVIDER_QUOTA_EXCEEDED', message: `The Meshy account has no credits left: ${detail}`, hint: 'Top up the account at the service, or choose another backend.', ...say('mesh.source.noCredits', { provider }) });
  if (status === 429) return new StudioError({ code: 'PROVIDER_QUOTA_EXCEEDED', message: `Meshy is throttling requests: ${detail}`, hint: 'Wait a minute and try again.', retryable: true, ...(retryAfterMs !== null ? { retryAfterMs } : {}), ...say('mesh.source.throttled', { provider }) });
  if (status >= 500) return new StudioError({ code: 'PROVIDER_FAILED', message: `Meshy had an error (HTTP ${status}): ${detail}`, hint: 'Try again in a few minutes; if it keeps failing, choose another backend.', retryable: true, ...say('mesh.source.serviceError', { provider, status }) });
  return new StudioError({ code: 'BAD_INPUT', message: `Meshy rejected the request: ${detail}`, hint: 'Try another picture, or choose another backend.', ...say('mesh.source.badRequest', { provider, detail }) });
}

class MeshyClient {
  constructor(
    private readonly base: string,
    private readonly key: string,
    private readonly signal: AbortSignal,
  ) {}

  /** One request with its own deadline; `retry` says which statuses are tried again. */
  async request(url: string, init: RequestInit, retry: (status: number) => boolean, auth = true): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      if (this.signal.aborted) throw canceled(this.signal);
      const deadline = AbortSignal.timeout(REQUEST_MS);
      let res: Response;
      try {
        res = await fetch(url, { ...init, headers: { ...(auth ? { authorization: `Bearer ${this.key}` } : {}), ...(init.headers as Record<string, string> | undefined) }, signal: AbortSignal.any([this.signal, deadline]) });
      } catch (err) {
        if (this.signal.aborted) throw canceled(this.signal);
        const reason = deadline.aborted ? 'no answer in time' : causeText(err);
        if (init.method === 'POST' || attempt >= RETRY.maxAttempts) {
          throw new StudioError({ code: deadline.aborted ? 'PROVIDER_TIMEOUT' : 'PROVIDER_UNREACHABLE', message: `Meshy could not be reached: ${reason}`, retryable: true, ...say('mesh.source.failed', { provider: LABEL, detail: reason }) });
        }
        await sleep(backoff(RETRY, attempt), this.signal);
        continue;
      }
      if (res.ok) return res;
      const body = await res.text().catch(() => '');
      const wait = parseRetryAfter(res.headers.get('retry-after'));
      const error = meshyError(res.status, body, wait);
      if (!retry(res.status) || attempt >= RETRY.maxAttempts || (wait !== null && wait > RETRY.maxRetryAfterMs)) throw error;
      await sleep(wait ?? backoff(RETRY, attempt), this.signal);
    }
  }

  url(p: string): string {
    return `${this.base}${p}`;
  }
}

/** The client with the user's key (Settings → AI providers, or MESHY_API_KEY); a clear error without one. */
function meshyClient(ctx: JobContext): MeshyClient {
  const key = ctx.secrets[MESHY_KEY_ENV] ?? process.env[MESHY_KEY_ENV];
  if (!key) {
    throw new StudioError({ code: 'PROVIDER_NOT_CONFIGURED', message: `Meshy needs your own API key (${MESHY_KEY_ENV}).`, hint: 'Enter the key in Settings → AI providers, or choose another backend.', ...say('mesh.source.noKey', { provider: LABEL, env: MESHY_KEY_ENV }) });
  }
  const base = (ctx.secrets[MESHY_BASE_URL_ENV] ?? process.env[MESHY_BASE_URL_ENV] ?? DEFAULT_BASE).replace(/\/+$/, '');
  return new MeshyClient(base, key, ctx.signal);
}

/** Settings → Test for Meshy: the key against `GET /openapi/v1/balance` ({"balance": N}), which costs nothing. */
export async function checkMeshyKey(ctx: JobContext): Promise<ConnectionCheck> {
  try {
    const client = meshyClient(ctx);
    const answer = (await (await client.request(client.url('/openapi/v1/balance'), { method: 'GET' }, (s) => s === 429 || s >= 500)).json()) as { balance?: unknown };
    if (typeof answer.balance !== 'number') throw new StudioError({ code: 'PROVIDER_FAILED', message: 'Meshy answered the balance request without a balance.', retryable: true, ...say('mesh.source.failed', { provider: LABEL, detail: 'no balance in the answer' }) });
    return { ok: true, provider: 'meshy', balance: answer.balance };
  } catch (err) {
    return { ok: false, provider: 'meshy', error: toErrorInfo(err) };
  }
}

export async function meshyMesh(input: MeshyInput, ctx: JobContext): Promise<MeshCandidate> {
  const client = meshyClient(ctx);
  const pollMs = input.pollMs ?? 5_000;
  try {
    const body = JSON.stringify({ image_url: `data:${input.image.mimeType};base64,${input.image.bytes.toString('base64')}`, enable_pbr: false, should_remesh: true, should_texture: true });
    const created = (await (await client.request(client.url('/openapi/v1/image-to-3d'), { method: 'POST', headers: { 'content-type': 'application/json' }, body }, (s) => s === 429)).json()) as { result?: unknown };
    if (typeof created.result !== 'string') throw badGlb(LABEL, 'no task id in the answer');
    const id = created.result;
    ctx.progress(0.1, progressLabel('queuedAt', { service: LABEL }));
    const started = Date.now();
    let task: MeshyTask = {};
    for (;;) {
      if (Date.now() - started > MESHY_TASK_MS) throw sourceTimeout(LABEL, MESHY_TASK_MS);
      await sleep(pollMs, ctx.signal);
      task = (await (await client.request(client.url(`/openapi/v1/image-to-3d/${encodeURIComponent(id)}`), { method: 'GET' }, (s) => s === 429 || s >= 500)).json()) as MeshyTask;
      const progress = typeof task.progress === 'number' ? task.progress / 100 : 0;
      ctx.progress(0.1 + Math.min(1, Math.max(0, progress)) * 0.75, progressLabel(task.status === 'PENDING' ? 'starting' : 'generating'));
      if (task.status === 'SUCCEEDED' || task.status === 'FAILED' || task.status === 'CANCELED' || task.status === 'EXPIRED') break;
    }
    if (task.status !== 'SUCCEEDED') {
      const detail = task.task_error?.message || `the task ended ${task.status?.toLowerCase() ?? 'without a status'}`;
      if (/nsfw|moderation|inappropriate|policy|sensitive/i.test(detail)) {
        throw new StudioError({ code: 'CONTENT_FILTERED', message: `Meshy refused this image: ${detail}`, hint: 'Use another picture of the character.', ...say('mesh.source.filtered', { provider: LABEL, detail }) });
      }
      throw new StudioError({ code: 'PROVIDER_FAILED', message: `Meshy could not make the 3D model: ${detail}`, hint: 'Try again, or choose another backend.', retryable: true, ...say('mesh.source.failed', { provider: LABEL, detail }) });
    }
    const url = task.model_urls?.glb;
    if (!url) throw noModelFile(LABEL);
    ctx.progress(0.9, progressLabel('downloading'));
    // Model files are signed storage URLs: no key goes with them.
    const res = await client.request(url, { method: 'GET' }, (s) => s === 429 || s >= 500, false);
    const summary = await keepGlb(await readModelBody(res, LABEL), input.out, LABEL);
    return { summary, model: MESH_LOCAL_MODELS.meshy };
  } catch (err) {
    await fs.promises.rm(`${input.out}.part`, { force: true });
    throw err;
  }
}
