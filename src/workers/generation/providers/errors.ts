import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import type { Capability, ProviderId } from './types.js';

/**
 * Turning vendor failures into errors a user can act on. Each provider knows
 * its own error bodies (`classify`); everything else — timeouts, aborts,
 * refused connections — is the same for all and handled here.
 */

export const PROVIDER_LABELS: Record<ProviderId, string> = {
  cloud: 'KingJam Cloud',
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

/** What is missing for a provider to work. */
const MISSING: Record<'key' | 'address' | 'imageWorkflow' | 'videoWorkflow' | 'signIn', string> = {
  key: 'no API key',
  address: 'no server address',
  imageWorkflow: 'no image workflow is loaded',
  videoWorkflow: 'no video workflow is loaded',
  signIn: 'this studio is not signed in to a KingJam account',
};

/** What to do about it, in English for the CLI and logs (the UI says `msg.provider.notConfigured.<missing>.hint`). */
const NOT_CONFIGURED_HINT: Record<keyof typeof MISSING, string> = {
  key: 'Open Settings → AI providers and enter it, or choose another provider.',
  address: 'Open Settings → AI providers and enter it, or choose another provider.',
  imageWorkflow: 'Import a workflow in Settings → AI providers → ComfyUI, or choose another provider.',
  videoWorkflow: 'Import a workflow in Settings → AI providers → ComfyUI, or choose another provider.',
  signIn: 'Sign in on the Account page (on the command line: kingjam account login), or choose your own key or a local provider.',
};

export function notConfigured(provider: ProviderId, missing: keyof typeof MISSING): StudioError {
  return new StudioError({
    code: 'PROVIDER_NOT_CONFIGURED',
    message: `${PROVIDER_LABELS[provider]} is not set up: ${MISSING[missing]}.`,
    hint: NOT_CONFIGURED_HINT[missing],
    ...say(`provider.notConfigured.${missing}`, { provider: PROVIDER_LABELS[provider] }),
  });
}

export function authFailed(provider: ProviderId, detail: string): StudioError {
  return new StudioError({
    code: 'PROVIDER_AUTH_FAILED',
    message: `${PROVIDER_LABELS[provider]} rejected the API key: ${detail}`,
    hint: `Check the key in Settings → AI providers (copy it again from the ${PROVIDER_LABELS[provider]} console) and test the connection.`,
    ...say('provider.authFailed', { provider: PROVIDER_LABELS[provider], detail }),
  });
}

export function quotaExceeded(provider: ProviderId, detail: string, retryAfterMs: number | null): StudioError {
  const wait = retryAfterMs !== null ? ` The service asks to wait ${formatWait(retryAfterMs)}.` : '';
  return new StudioError({
    code: 'PROVIDER_QUOTA_EXCEEDED',
    message: `${PROVIDER_LABELS[provider]}'s rate limit or quota is exhausted: ${detail}${wait}`,
    hint: `Try again later, or raise the quota / add billing on your ${PROVIDER_LABELS[provider]} account.`,
    retryable: true,
    ...(retryAfterMs !== null && retryAfterMs > 0
      ? say('provider.quotaExceededWait', { provider: PROVIDER_LABELS[provider], detail, seconds: Math.max(1, Math.round(retryAfterMs / 1000)) })
      : say('provider.quotaExceeded', { provider: PROVIDER_LABELS[provider], detail })),
  });
}

export function contentFiltered(provider: ProviderId, reason: string): StudioError {
  return new StudioError({
    code: 'CONTENT_FILTERED',
    message: `${PROVIDER_LABELS[provider]} refused to generate this: ${reason}`,
    hint: 'Rephrase the prompt (avoid real people, violence or other sensitive content) and try again.',
    ...say('provider.contentFiltered', { provider: PROVIDER_LABELS[provider], detail: reason }),
  });
}

export function modelUnavailable(provider: ProviderId, model: string, detail: string): StudioError {
  return new StudioError({
    code: 'MODEL_UNAVAILABLE',
    message: `${PROVIDER_LABELS[provider]} cannot use the model "${model}": ${detail}`,
    hint: 'Pick another model; Settings → AI providers → Test connection lists the ones your account can use.',
    ...say('provider.modelUnavailable', { provider: PROVIDER_LABELS[provider], model, detail }),
  });
}

export function timedOut(provider: ProviderId, ms: number): StudioError {
  return new StudioError({
    code: 'PROVIDER_TIMEOUT',
    message: `${PROVIDER_LABELS[provider]} did not answer within ${formatWait(ms)}.`,
    hint: 'The service may be busy: wait a moment and retry.',
    retryable: true,
    ...(ms > 0
      ? say('provider.timeout', { provider: PROVIDER_LABELS[provider], seconds: Math.max(1, Math.round(ms / 1000)) })
      : say('provider.timeoutLimit', { provider: PROVIDER_LABELS[provider] })),
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
        : `Check the internet connection: this computer must be able to reach ${safeOrigin(url)}.`,
      retryable: true,
      ...say(local ? 'provider.unreachableLocal' : 'provider.unreachable', { provider: PROVIDER_LABELS[provider], address: safeOrigin(url), detail: causeText(cause) }),
    },
    { cause },
  );
}

/** A vendor's own words on why a call failed. */
export function providerFailed(provider: ProviderId, detail: string, retryable = false): StudioError {
  return new StudioError({
    code: 'PROVIDER_FAILED',
    message: `${PROVIDER_LABELS[provider]} failed: ${detail}`,
    hint: retryable ? 'Retry the job; if it keeps failing, try another model.' : 'Try another model or prompt.',
    retryable,
    ...say(retryable ? 'provider.failedRetry' : 'provider.failed', { provider: PROVIDER_LABELS[provider], detail }),
  });
}

/** Failures this studio notices itself (an answer without the image, …), each with a key of its own. */
const FAILURES = {
  noImage: 'the call succeeded but returned no image.',
  noVideo: 'the call succeeded but returned no video.',
  noAudio: 'the speech model returned no audio.',
  noAnswer: 'the model returned no answer.',
  badFormat: 'it answered in an unexpected format.',
  cutShort: 'the answer ended before it was done.',
  noFileSaved: 'the workflow finished without saving a file (does it end in a Save node?).',
  workflowError: 'the workflow ended with an error (see the ComfyUI console).',
} as const;

export function providerFailedBecause(provider: ProviderId, why: keyof typeof FAILURES, retryable = false): StudioError {
  return new StudioError({
    code: 'PROVIDER_FAILED',
    message: `${PROVIDER_LABELS[provider]} failed: ${FAILURES[why]}`,
    hint: retryable ? 'Retry the job; if it keeps failing, try another model.' : 'Try another model or prompt.',
    retryable,
    ...say(`provider.failed.${why}`, { provider: PROVIDER_LABELS[provider] }),
  });
}

const CAPABILITY_VERBS: Record<Capability, string> = {
  text: 'write text',
  structured: 'write structured output',
  image: 'generate images',
  video: 'generate video',
  speech: 'synthesize speech',
};

export function unsupported(provider: ProviderId, capability: Capability): StudioError {
  return new StudioError({
    code: 'CAPABILITY_UNSUPPORTED',
    message: `${PROVIDER_LABELS[provider]} cannot ${CAPABILITY_VERBS[capability]}.`,
    hint: 'Choose a provider that offers it.',
    ...say(`provider.unsupported.${capability}`, { provider: PROVIDER_LABELS[provider] }),
  });
}

/** A model that is not for this capability. */
export function wrongCapability(provider: ProviderId, model: string, has: Capability | undefined, wanted: Capability): StudioError {
  return new StudioError({
    code: 'MODEL_UNAVAILABLE',
    message: `${PROVIDER_LABELS[provider]} cannot use the model "${model}": it is a ${has ?? 'different'} model, not one that can ${CAPABILITY_VERBS[wanted]}.`,
    hint: 'Pick another model; Settings → AI providers → Test connection lists the ones your account can use.',
    ...say('provider.modelWrongKind', { provider: PROVIDER_LABELS[provider], model }),
  });
}

export function canceled(signal?: AbortSignal): StudioError {
  const reason: unknown = signal?.reason;
  if (reason instanceof StudioError && reason.code === 'CANCELED') return reason;
  return new StudioError({ code: 'CANCELED', message: 'Canceled.', ...say('job.canceled') });
}

/** Shared classification of HTTP statuses; providers refine with their own bodies first. */
export function classifyStatus(f: HttpFailure, detail: string, model?: string): StudioError {
  if (f.status === 401 || f.status === 403) return authFailed(f.provider, detail);
  if (f.status === 429) return quotaExceeded(f.provider, detail, f.retryAfterMs);
  if (f.status === 404) return modelUnavailable(f.provider, model ?? modelFromUrl(f.url), detail);
  if (f.status === 408 || f.status === 504) return timedOut(f.provider, 0);
  if (f.status >= 500) {
    return new StudioError({
      code: 'PROVIDER_FAILED',
      message: `${PROVIDER_LABELS[f.provider]} failed: the service had an error (${f.status}): ${detail}`,
      hint: 'Retry the job; if it keeps failing, try another model.',
      retryable: true,
      ...say('provider.failed.serviceError', { provider: PROVIDER_LABELS[f.provider], status: f.status, detail }),
    });
  }
  return badRequest(f.provider, detail);
}

export function badRequest(provider: ProviderId, detail: string): StudioError {
  return new StudioError({
    code: 'BAD_INPUT',
    message: `${PROVIDER_LABELS[provider]} rejected the request: ${detail}`,
    hint: 'Change the options of this generation and retry.',
    ...say('provider.badRequest', { provider: PROVIDER_LABELS[provider], detail }),
  });
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

function formatWait(ms: number): string {
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
