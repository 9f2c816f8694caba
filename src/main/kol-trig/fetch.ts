import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { TRIGGER_FETCH_TIMEOUT_MS, TRIGGERS_ALLOW_PRIVATE_ENV } from '../../shared/kol/triggers.js';
import { AddressRefused, guardedFetch } from '../../node/guarded-fetch.js';

/**
 * Fetches a feed or a JSON URL a user typed: through the SSRF guard
 * (src/node/guarded-fetch.ts: public addresses only, every redirect checked),
 * with a timeout and a size limit. Private addresses and plain http are let
 * through only when KINGJAM_TRIGGERS_ALLOW_PRIVATE=1 (tests, intranets).
 * Every failure is a StudioError that names the URL and says what went wrong.
 */
export function allowsPrivateFeeds(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[TRIGGERS_ALLOW_PRIVATE_ENV] === '1';
}

export interface FetchLimits {
  maxBytes: number;
  accept: string;
  timeoutMs?: number;
}

/** The URL as it may be shown: no query string (it may carry an API key), no credentials. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.slice(0, 200);
  }
}

function failure(url: string, detail: string): StudioError {
  return new StudioError({ code: 'PROVIDER_UNREACHABLE', message: `${shownUrl(url)} could not be read: ${detail}`, retryable: true, ...say('kol.trig.fetchFailed', { url: shownUrl(url), detail }) });
}

export async function fetchText(url: string, limits: FetchLimits, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const timeoutMs = limits.timeoutMs ?? TRIGGER_FETCH_TIMEOUT_MS;
  const fetch = guardedFetch({ allowPrivate: allowsPrivateFeeds(env), maxResponseBytes: limits.maxBytes });
  const signal = AbortSignal.timeout(timeoutMs);
  const shown = shownUrl(url);
  try {
    const res = await fetch(url, { headers: { accept: limits.accept, 'user-agent': 'KingJamStudio/1 (+triggers)' }, signal });
    if (res.status < 200 || res.status >= 300) {
      await res.body?.cancel().catch(() => undefined);
      throw new StudioError({ code: 'PROVIDER_FAILED', message: `${shown} answered HTTP ${res.status}.`, retryable: res.status >= 500 || res.status === 429, ...say('kol.trig.fetchStatus', { url: shown, status: res.status }) });
    }
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > limits.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw tooLarge(shown, limits.maxBytes);
    }
    const body = await res.arrayBuffer().catch((err: unknown) => {
      // The guard cuts an answer off past the limit; a cut for any other reason is a network failure.
      if (err instanceof Error && /more than \d+ bytes/.test(`${err.message} ${String((err as { cause?: unknown }).cause ?? '')}`)) throw tooLarge(shown, limits.maxBytes);
      throw err;
    });
    if (body.byteLength > limits.maxBytes) throw tooLarge(shown, limits.maxBytes);
    return new TextDecoder('utf-8').decode(body);
  } catch (err) {
    if (err instanceof StudioError) throw err;
    if (err instanceof AddressRefused) {
      throw new StudioError({ code: 'FORBIDDEN', message: `${shown} was refused: ${err.reason}.`, ...say('kol.trig.addressRefused', { url: shown, reason: err.reason }) });
    }
    if (signal.aborted) {
      const seconds = Math.round(timeoutMs / 1000);
      throw new StudioError({ code: 'PROVIDER_TIMEOUT', message: `${shown} did not answer within ${seconds} s.`, retryable: true, ...say('kol.trig.fetchTimeout', { url: shown, seconds }) });
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw failure(url, cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)));
  }
}

function tooLarge(shown: string, maxBytes: number): StudioError {
  const limit = `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`;
  return new StudioError({ code: 'FILE_TOO_LARGE', message: `${shown} answered more than ${limit}.`, ...say('kol.trig.tooLarge', { url: shown, limit }) });
}
