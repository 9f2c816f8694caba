import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { say } from '../../shared/messages.js';
import { RELAY_SECRETS } from '../../shared/publish/relay.js';
import { parseRetryAfter } from '../generation/providers/http.js';
import { PublishFailure } from './failure.js';
import type { RelayedFile } from './types.js';

/**
 * The worker's side of cloud-sync's media relay (cloud-sync README, "Media
 * relay"): the file is streamed from disk as the request body (never read
 * whole), with the user's access token that main handed the job
 * (KINGJAM_RELAY_URL / KINGJAM_RELAY_TOKEN). Every refusal is a PublishFailure:
 * `retry` for the network, 5xx and a full quota, `bad-post` for a file the
 * relay does not take, `disconnected` when the studio is signed out.
 */

interface RelayAnswer {
  id?: unknown;
  url?: unknown;
  expires_at?: unknown;
  error?: { code?: unknown; message?: unknown; details?: Record<string, unknown> };
}

const MiB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MiB).toFixed(1);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** A full quota frees itself as published posts' files are deleted and others expire. */
const QUOTA_RETRY_MS = 15 * 60_000;
/** The whole upload, a gigabyte over a slow line included. */
const UPLOAD_TIMEOUT_MS = 60 * 60_000;

export async function uploadToRelay(opts: { relayUrl: string; token: string; path: string; mime: string; signal: AbortSignal; fetch: typeof fetch }): Promise<RelayedFile> {
  const name = basename(opts.path);
  let size: number;
  try {
    size = (await stat(opts.path)).size;
  } catch (err) {
    const detail = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new PublishFailure('bad-post', say('publish.relay.fileUnreadable', { name, detail }), `media relay: cannot read ${name}: ${detail}`);
  }
  const url = `${opts.relayUrl.replace(/\/+$/, '')}/v1/relay`;
  const deadline = AbortSignal.timeout(UPLOAD_TIMEOUT_MS);
  let res: Response;
  let answer: RelayAnswer = {};
  try {
    res = await opts.fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${opts.token}`, 'content-type': opts.mime, 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(opts.path)) as unknown as ReadableStream,
      duplex: 'half',
      signal: AbortSignal.any([opts.signal, deadline]),
    } as RequestInit);
    const text = await res.text();
    try {
      answer = text ? (JSON.parse(text) as RelayAnswer) : {};
    } catch {
      answer = {};
    }
  } catch (err) {
    if (opts.signal.aborted) throw err;
    const detail = deadline.aborted ? 'timed out' : err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new PublishFailure('retry', say('publish.relay.unreachable', { detail }), `media relay: could not reach ${new URL(url).host}: ${detail}`);
  }
  if (res.ok && typeof answer.id === 'string' && typeof answer.url === 'string' && num(answer.expires_at) !== null) {
    return { id: answer.id, url: answer.url, expiresAt: num(answer.expires_at)! };
  }
  throw relayFailure(res, answer, name, size, opts.mime);
}

function relayFailure(res: Response, answer: RelayAnswer, name: string, size: number, mime: string): PublishFailure {
  const code = typeof answer.error?.code === 'string' ? answer.error.code : '';
  const message = typeof answer.error?.message === 'string' ? answer.error.message.slice(0, 300) : '';
  const log = `media relay: HTTP ${res.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
  const details = answer.error?.details ?? {};
  if (res.status === 401) return new PublishFailure('disconnected', say('publish.relay.signedOut'), log);
  if (code === 'RELAY_QUOTA_EXCEEDED') {
    const used = num(details.used_bytes) ?? 0;
    const quota = num(details.quota_bytes) ?? 0;
    return new PublishFailure('retry', say('publish.relay.quotaFull', { used: mib(used), quota: mib(quota) }), log, QUOTA_RETRY_MS);
  }
  if (res.status === 413 || code === 'RELAY_FILE_TOO_LARGE') {
    return new PublishFailure('bad-post', say('publish.relay.tooLarge', { name, size: mib(size), limit: mib(num(details.limit_bytes) ?? 0) }), log);
  }
  if (res.status === 415) return new PublishFailure('bad-post', say('publish.relay.wrongType', { name, type: mime }), log);
  if (res.status === 429 || res.status === 408 || res.status >= 500 || !res.ok) {
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), Date.now());
    // A 2xx without the file's address is the relay misbehaving: worth another try too.
    return new PublishFailure('retry', say('publish.relay.unavailable', { status: res.status }), log, retryAfter ?? undefined);
  }
  return new PublishFailure('bad-post', say('publish.relay.refused', { status: res.status, detail: message || code }), log);
}

/** The relay's address and token from a job's secrets (RELAY_SECRETS); a studio that was signed out when the job was queued has none: `disconnected`. */
export function relayCredentialsFrom(secrets: Readonly<Record<string, string | undefined>>): { relayUrl: string; token: string } {
  const relayUrl = secrets[RELAY_SECRETS.url];
  const token = secrets[RELAY_SECRETS.token];
  if (!relayUrl || !token) throw new PublishFailure('disconnected', say('publish.relay.signedOut'), 'media relay: the job carries no relay credentials (the studio was signed out)');
  return { relayUrl, token };
}

/** Deletes a relayed file once its post is published (the relay would expire it anyway): best effort, never throws. */
export async function deleteFromRelay(opts: { relayUrl: string; token: string; id: string; fetch: typeof fetch }): Promise<boolean> {
  try {
    const res = await opts.fetch(`${opts.relayUrl.replace(/\/+$/, '')}/v1/relay/${encodeURIComponent(opts.id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${opts.token}` }, signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer();
    return res.ok || res.status === 404;
  } catch {
    return false;
  }
}
