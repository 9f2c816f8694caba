import { StudioError } from '../../../shared/errors.js';
import type { ProviderId } from './types.js';

/**
 * Turning vendor failures into errors a user can act on. Each provider knows
 * its own error bodies (`classify`); everything else — timeouts, aborts,
 * refused connections — is the same for all and handled here.
 */

export const PROVIDER_LABELS: Record<ProviderId, string> = {
  gemini: 'Gemini',
  replicate: 'Replicate',
  comfyui: 'ComfyUI',
  ollama: 'Ollama',
  offline: 'Offline drafts',
};

/** What an HTTP failure looked like, for a provider's classifier. */
export interface HttpFailure {
  provider: ProviderId;
  status: number;
  /** Parsed JSON body when it was JSON, else null. */
  json: unknown;
  text: string;
  /** Milliseconds the server asked us to wait, when it said. */
  retryAfterMs: number | null;
  url: string;
}

export type HttpClassifier = (failure: HttpFailure) => StudioError;

export function notConfigured(provider: ProviderId, what: string): StudioError {
  return new StudioError({
    code: 'PROVIDER_NOT_CONFIGURED',
    message: `${PROVIDER_LABELS[provider]} is not set up: ${what}.`,
    hint: `Open Settings → AI providers and enter it, or choose another provider.`,
  });
}

export function authFailed(provider: ProviderId, detail: string): StudioError {
  return new StudioError({
    code: 'PROVIDER_AUTH_FAILED',
    message: `${PROVIDER_LABELS[provider]} rejected the API key: ${detail}`,
    hint: `Check the key in Settings → AI providers (copy it again from the ${PROVIDER_LABELS[provider]} console) and test the connection.`,
  });
}

export function quotaExceeded(provider: ProviderId, detail: string, retryAfterMs: number | null): StudioError {
  const wait = retryAfterMs !== null ? ` The service asks to wait ${formatWait(retryAfterMs)}.` : '';
  return new StudioError({
    code: 'PROVIDER_QUOTA_EXCEEDED',
    message: `${PROVIDER_LABELS[provider]}'s rate limit or quota is exhausted: ${detail}${wait}`,
    hint: `Try again later, or raise the quota / add billing on your ${PROVIDER_LABELS[provider]} account.`,
    retryable: true,
  });
}

export function contentFiltered(provider: ProviderId, reason: string): StudioError {
  return new StudioError({
    code: 'CONTENT_FILTERED',
    message: `${PROVIDER_LABELS[provider]} refused to generate this: ${reason}`,
    hint: 'Rephrase the prompt (avoid real people, violence or other sensitive content) and try again.',
  });
}

export function modelUnavailable(provider: ProviderId, model: string, detail?: string): StudioError {
  return new StudioError({
    code: 'MODEL_UNAVAILABLE',
    message: `${PROVIDER_LABELS[provider]} cannot use the model "${model}"${detail ? `: ${detail}` : '.'}`,
    hint: 'Pick another model; Settings → AI providers → Test connection lists the ones your account can use.',
  });
}

export function timedOut(provider: ProviderId, ms: number): StudioError {
  return new StudioError({
    code: 'PROVIDER_TIMEOUT',
    message: `${PROVIDER_LABELS[provider]} did not answer within ${formatWait(ms)}.`,
    hint: 'The service may be busy: retry, or raise the timeout in Settings.',
    retryable: true,
  });
}

export function unreachable(provider: ProviderId, url: string, cause: unknown): StudioError {
  const local = provider === 'comfyui' || provider === 'ollama';
  return new StudioError(
    {
      code: 'PROVIDER_UNREACHABLE',
      message: `Cannot reach ${PROVIDER_LABELS[provider]} at ${safeOrigin(url)}: ${causeText(cause)}.`,
      hint: local
        ? `Start ${PROVIDER_LABELS[provider]} on this machine, or fix its address in Settings → AI providers.`
        : 'Check the internet connection (and the base URL in Settings, if you changed it).',
      retryable: true,
    },
    { cause },
  );
}

export function providerFailed(provider: ProviderId, detail: string, retryable = false): StudioError {
  return new StudioError({
    code: 'PROVIDER_FAILED',
    message: `${PROVIDER_LABELS[provider]} failed: ${detail}`,
    hint: retryable ? 'Retry the job; if it keeps failing, try another model.' : 'Try another model or prompt.',
    retryable,
  });
}

export function unsupported(provider: ProviderId, what: string): StudioError {
  return new StudioError({
    code: 'CAPABILITY_UNSUPPORTED',
    message: `${PROVIDER_LABELS[provider]} cannot ${what}.`,
    hint: 'Choose a provider that offers it.',
  });
}

export function canceled(signal?: AbortSignal): StudioError {
  const reason: unknown = signal?.reason;
  if (reason instanceof StudioError && reason.code === 'CANCELED') return reason;
  return new StudioError({ code: 'CANCELED', message: 'Canceled.' });
}

/** Shared classification of HTTP statuses; providers refine with their own bodies first. */
export function classifyStatus(f: HttpFailure, detail: string, model?: string): StudioError {
  if (f.status === 401 || f.status === 403) return authFailed(f.provider, detail);
  if (f.status === 429) return quotaExceeded(f.provider, detail, f.retryAfterMs);
  if (f.status === 404) return modelUnavailable(f.provider, model ?? modelFromUrl(f.url), detail);
  if (f.status === 408 || f.status === 504) return timedOut(f.provider, 0);
  if (f.status >= 500) return providerFailed(f.provider, `the service had an error (${f.status}): ${detail}`, true);
  return new StudioError({ code: 'BAD_INPUT', message: `${PROVIDER_LABELS[f.provider]} rejected the request: ${detail}`, hint: 'Change the settings of this generation and retry.' });
}

/**
 * Whatever a provider call threw, as a StudioError. `signal` tells a user's
 * cancel apart from our own per-call timeout, which aborts the same way.
 */
export function asStudioError(provider: ProviderId, err: unknown, signal?: AbortSignal): StudioError {
  if (err instanceof StudioError) return err;
  if (signal?.aborted) return canceled(signal);
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError') return timedOut(provider, 0);
  if (name === 'AbortError') return canceled(signal);
  return providerFailed(provider, causeText(err), true);
}

export function causeText(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
    return code ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}

export function formatWait(ms: number): string {
  if (ms <= 0) return 'the time limit';
  if (ms < 90_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  return `${Math.round(ms / 60_000)} min`;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function modelFromUrl(url: string): string {
  const m = /models\/([^/:?]+(?:\/[^/:?]+)?)/.exec(url);
  return m?.[1] ?? 'requested model';
}
