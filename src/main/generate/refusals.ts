import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { ProviderChoice } from '../../shared/generate/requests.js';
import type { VideoBackend } from '../../shared/pricing.js';
import { KEYED_PROVIDERS, type KeyedProvider } from '../../shared/providers.js';

/** Keyed providers a piece of work needs: each entry is a list of which any one will do (Veo runs on Gemini or Replicate). */
export type KeyNeeds = KeyedProvider[][];

/** The keyed providers a Director backend renders with — what director.ts in the worker resolves. */
const BACKEND_KEYS: Record<VideoBackend, KeyNeeds> = {
  offline: [],
  comfyui: [],
  'imagen-ffmpeg': [['gemini']],
  'kling-v2.1': [['replicate']],
  'kling-v2.1-pro': [['replicate']],
  'veo-3': [['gemini', 'replicate']],
  'veo-3-fast': [['gemini', 'replicate']],
};

export function backendKeys(backend: VideoBackend): KeyNeeds {
  return BACKEND_KEYS[backend];
}

/** The keys that text or image choices need (local and offline providers need none). */
export function choiceKeys(choices: ProviderChoice[]): KeyNeeds {
  return choices.filter((c) => c.provider in KEYED_PROVIDERS).map((c) => [c.provider as KeyedProvider]);
}

/** Throws PROVIDER_NOT_CONFIGURED for the first need no key answers. */
export function requireKeys(needs: KeyNeeds, hasKey: (provider: KeyedProvider) => boolean): void {
  for (const anyOf of needs) {
    if (anyOf.some((p) => hasKey(p))) continue;
    const [provider, other] = anyOf.map((p) => (p === 'gemini' ? 'Gemini' : 'Replicate'));
    throw new StudioError({
      code: 'PROVIDER_NOT_CONFIGURED',
      message: `${other ? `${provider} or ${other}` : provider} is not set up: there is no API key for it.`,
      hint: 'Open Settings → AI providers and enter it, or choose another provider.',
      ...(other ? say('provider.notConfigured.keyEither', { provider: provider!, other }) : say('provider.notConfigured.key', { provider: provider! })),
    });
  }
}

/** How a project ends when its job does not succeed: canceled by the user, or failed. */
export function endStatus(error: ErrorInfo): 'canceled' | 'failed' {
  return error.code === 'CANCELED' ? 'canceled' : 'failed';
}
