import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import { PLATFORM_LABELS, type PublishPlatform } from '../../../shared/publish/platforms.js';
import { PublishFailure } from '../failure.js';
import { platformCall, pollUntil, statusFailure, type PlatformAnswer } from '../http.js';
import type { PublishContext } from '../types.js';

/**
 * What Instagram, Facebook Pages and Threads share: Meta's Graph API calls
 * (the token as `access_token`, never in a log line), its error body
 * classified, its cursor paging, the content-publishing quota and the
 * container status poll (Instagram and Threads publish through containers).
 */

export type MetaPlatform = Extract<PublishPlatform, 'instagram' | 'facebook' | 'threads'>;

/** Meta's error body: `{"error":{"message","type","code","error_subcode","fbtrace_id"}}`. */
const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().default(''),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});
export type GraphError = z.infer<typeof graphErrorSchema>['error'];

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const TOKEN_CODES = new Set([190, 102, 463, 467]);
/** Instagram's "maximum number of posts published by the Content Publishing API" (code 9, subcode 2207042). */
const IG_QUOTA_REACHED = 2207042;
/** Instagram's "we restrict certain activity to protect our community" (code 4: not a rate limit, a spam verdict). */
const IG_SPAM = 2207051;
/** Instagram: the professional account is inactive, checkpointed or restricted. */
const IG_ACCOUNT_RESTRICTED = 2207050;
/** Instagram's "Media ID is not available" (code 9007): the container was not ready; nothing was published, so trying again is safe. */
const IG_NOT_READY = 2207027;

/** Waits when a limit says nothing: the app-level window is an hour, so a full `x-app-usage` waits longer than a bare code. */
const DEFAULT_RATE_WAIT_MS = 5 * 60_000;
const APP_USAGE_FULL_WAIT_MS = 15 * 60_000;
const QUOTA_REACHED_WAIT_MS = 60 * 60_000;

function readHeaderJson(headers: PlatformAnswer['headers'], name: string): unknown {
  const raw = headers.get(name);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

/** Every `estimated_time_to_regain_access` (minutes) anywhere in a usage header, the largest. */
function regainMinutes(value: unknown): number | null {
  if (Array.isArray(value)) return value.reduce<number | null>((max, v) => maxOf(max, regainMinutes(v)), null);
  if (value === null || typeof value !== 'object') return null;
  let max: number | null = null;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'estimated_time_to_regain_access' && typeof v === 'number' && v > 0) max = maxOf(max, v);
    else max = maxOf(max, regainMinutes(v));
  }
  return max;
}

const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** How long a rate-limited call should wait: the business-use-case estimate, else a full app usage, else Retry-After, else 5 min. */
export function rateLimitWaitMs(answer: PlatformAnswer): number {
  const minutes = maxOf(regainMinutes(readHeaderJson(answer.headers, 'x-business-use-case-usage')), regainMinutes(readHeaderJson(answer.headers, 'x-app-usage')));
  if (minutes !== null) return minutes * 60_000;
  const app = readHeaderJson(answer.headers, 'x-app-usage');
  if (app && typeof app === 'object') {
    const percents = Object.values(app).filter((v): v is number => typeof v === 'number');
    if (percents.some((p) => p >= 100)) return APP_USAGE_FULL_WAIT_MS;
  }
  return answer.retryAfterMs ?? DEFAULT_RATE_WAIT_MS;
}

export function graphError(answer: PlatformAnswer): GraphError | null {
  // Every successful answer is asked too: one without an `error` member is not one, without a failed parse (a ZodError is costly).
  if (answer.json === null || typeof answer.json !== 'object' || !('error' in answer.json)) return null;
  const parsed = graphErrorSchema.safeParse(answer.json);
  return parsed.success ? parsed.data.error : null;
}

/** The platform's words for the user (its `error_user_msg` when it wrote one for people), short. */
function platformWords(e: GraphError): string {
  return (e.error_user_msg ?? e.message).replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** Classifies a Graph API error answer (anything not 2xx, or a 200 that carries `error`). */
export function graphFailure(platform: MetaPlatform, answer: PlatformAnswer): PublishFailure {
  const e = graphError(answer);
  if (!e) return statusFailure(platform, answer);
  const label = PLATFORM_LABELS[platform];
  const words = platformWords(e);
  const log = `${label}: HTTP ${answer.status} code ${e.code}${e.error_subcode !== undefined ? `/${e.error_subcode}` : ''}${e.type ? ` ${e.type}` : ''}: ${words}${e.fbtrace_id ? ` (fbtrace_id ${e.fbtrace_id})` : ''}`;
  const sub = e.error_subcode;
  if (sub === IG_SPAM) return new PublishFailure('bad-post', say('publish.meta.spam', { platform: label }), log);
  if (sub === IG_ACCOUNT_RESTRICTED) return new PublishFailure('disconnected', say('publish.meta.accountRestricted', { platform: label }), log);
  if (sub === IG_QUOTA_REACHED) {
    return new PublishFailure('retry', say('publish.meta.quotaReached', { platform: label, minutes: QUOTA_REACHED_WAIT_MS / 60_000 }), log, QUOTA_REACHED_WAIT_MS);
  }
  if (RATE_LIMIT_CODES.has(e.code) || (e.code >= 80001 && e.code <= 80014)) {
    const wait = rateLimitWaitMs(answer);
    return new PublishFailure('retry', say('publish.meta.rateLimited', { platform: label, minutes: Math.max(1, Math.ceil(wait / 60_000)) }), log, wait);
  }
  if (TOKEN_CODES.has(e.code)) return new PublishFailure('refresh-token', say('publish.meta.tokenExpired', { platform: label }), log);
  if (e.code === 10 || (e.code >= 200 && e.code <= 299)) return new PublishFailure('disconnected', say('publish.meta.permission', { platform: label, detail: words }), log);
  // 1 and 2 are Meta's "unknown" and "service" errors; Instagram's -1 and -2 are its server error and media-download timeout.
  if (e.code === 1 || e.code === 2 || e.code === -1 || e.code === -2 || sub === IG_NOT_READY || e.is_transient === true || answer.status >= 500) {
    return new PublishFailure('retry', say('publish.meta.temporary', { platform: label, detail: words }), log, answer.retryAfterMs ?? undefined);
  }
  if (sub !== undefined && sub >= 2207000 && sub <= 2207999) return new PublishFailure('bad-post', say('publish.meta.mediaRejected', { platform: label, detail: words }), log);
  return new PublishFailure('bad-post', say('publish.meta.rejected', { platform: label, detail: words }), log);
}

/** An answer the API should not have given (a 2xx without the fields it documents): retried, since nothing says the post is wrong. */
export function unexpectedAnswer(platform: MetaPlatform, what: string, answer: PlatformAnswer): PublishFailure {
  const label = PLATFORM_LABELS[platform];
  // The body may hold a Page token (GET /{page-id}?fields=access_token): never let one reach the log.
  const body = answer.text.replace(/"access_token"\s*:\s*"[^"]*"/g, '"access_token":"…"').slice(0, 200);
  return new PublishFailure('retry', say('publish.meta.unexpected', { platform: label }), `${label}: unexpected answer to ${what}: HTTP ${answer.status} ${body}`);
}

export type GraphParams = Record<string, string | number | boolean>;

interface GraphCall {
  ctx: PublishContext;
  platform: MetaPlatform;
  token: string;
  /** Defaults to ctx.baseUrl (Facebook uploads videos to graph-video). */
  baseUrl?: string;
  timeoutMs?: number;
}

function urlOf(base: string, path: string): URL {
  return new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
}

/** Sends one Graph API call and answers its parsed body; throws the classified failure otherwise. */
async function send<T>(call: GraphCall, what: string, url: URL, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
  const answer = await platformCall(call.ctx, call.platform, url.toString(), { ...init, ...(call.timeoutMs ? { timeoutMs: call.timeoutMs } : {}) });
  if (answer.status < 200 || answer.status >= 300 || graphError(answer)) throw graphFailure(call.platform, answer);
  const parsed = schema.safeParse(answer.json);
  if (!parsed.success) throw unexpectedAnswer(call.platform, what, answer);
  return parsed.data;
}

export async function graphGet<T>(call: GraphCall, path: string, params: GraphParams, schema: z.ZodType<T>): Promise<T> {
  const url = urlOf(call.baseUrl ?? call.ctx.baseUrl, path);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  url.searchParams.set('access_token', call.token);
  return send(call, `GET /${path}`, url, { method: 'GET' }, schema);
}

/** POSTs form fields (urlencoded), or a multipart body when `form` is FormData (uploads). */
export async function graphPost<T>(call: GraphCall, path: string, form: GraphParams | FormData, schema: z.ZodType<T>): Promise<T> {
  const url = urlOf(call.baseUrl ?? call.ctx.baseUrl, path);
  let body: URLSearchParams | FormData;
  if (form instanceof FormData) {
    form.set('access_token', call.token);
    body = form;
  } else {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) body.set(k, String(v));
    body.set('access_token', call.token);
  }
  return send(call, `POST /${path}`, url, { method: 'POST', body }, schema);
}

const pageSchema = <T>(item: z.ZodType<T>) =>
  z.object({
    data: z.array(item),
    paging: z.object({ next: z.string().optional() }).optional(),
  });

/** Every item of a paged edge (following `paging.next`, only on the API's own origin), at most `maxPages` pages. */
export async function graphPaged<T>(call: GraphCall, path: string, params: GraphParams, item: z.ZodType<T>, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  const origin = urlOf(call.baseUrl ?? call.ctx.baseUrl, path).origin;
  let page = await graphGet(call, path, params, pageSchema(item));
  for (let n = 1; ; n++) {
    out.push(...page.data);
    const next = page.paging?.next;
    if (!next || n >= maxPages || page.data.length === 0) return out;
    const url = new URL(next);
    if (url.origin !== origin) return out;
    url.searchParams.set('access_token', call.token);
    page = await send(call, `GET /${path} (next page)`, url, { method: 'GET' }, pageSchema(item));
  }
}

/** Graph timestamps look like `2024-05-01T10:00:00+0000`; Date.parse wants the offset as `+00:00`. */
export function graphTime(value: string): number {
  return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

/** The content-publishing quota (Instagram's content_publishing_limit, Threads' threads_publishing_limit). */
export interface PublishingQuota {
  used: number;
  total: number;
  durationSeconds: number;
}

const quotaSchema = z.object({
  data: z.array(
    z.object({
      quota_usage: z.number().int().default(0),
      config: z.object({ quota_total: z.number().int(), quota_duration: z.number().int() }).optional(),
    }),
  ),
});

/** Reads the quota; null when the answer carries no limit (the platform then enforces it at publish time). */
export async function readPublishingQuota(call: GraphCall, path: string): Promise<PublishingQuota | null> {
  const answer = await graphGet(call, path, { fields: 'quota_usage,config' }, quotaSchema);
  const row = answer.data[0];
  if (!row?.config) return null;
  return { used: row.quota_usage, total: row.config.quota_total, durationSeconds: row.config.quota_duration };
}

/** A container's publishing status (Instagram's `status_code`, Threads' `status`) and, on ERROR, why. */
export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';
export const CONTAINER_STATUSES = ['IN_PROGRESS', 'FINISHED', 'PUBLISHED', 'ERROR', 'EXPIRED'] as const;

export interface ContainerState {
  status: ContainerStatus;
  reason: string | null;
}

/**
 * Polls a container until it is FINISHED (or already PUBLISHED); ERROR and
 * EXPIRED are the post's to fix (the media the platform could not take), said
 * with the platform's reason.
 */
export async function waitForContainer(
  ctx: PublishContext,
  platform: MetaPlatform,
  read: () => Promise<ContainerState>,
  intervalMs: number,
  timeoutMs: number,
): Promise<'FINISHED' | 'PUBLISHED'> {
  const label = PLATFORM_LABELS[platform];
  return pollUntil(ctx, platform, async () => {
    const state = await read();
    if (state.status === 'FINISHED' || state.status === 'PUBLISHED') return state.status;
    if (state.status === 'ERROR') {
      const reason = state.reason ?? 'ERROR';
      throw new PublishFailure('bad-post', say('publish.meta.containerFailed', { platform: label, reason }), `${label}: container ERROR: ${reason}`);
    }
    if (state.status === 'EXPIRED') throw new PublishFailure('bad-post', say('publish.meta.containerExpired', { platform: label }), `${label}: container EXPIRED`);
    return undefined;
  }, intervalMs, timeoutMs);
}
