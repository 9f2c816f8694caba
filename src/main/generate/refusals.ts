import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { ProviderChoice } from '../../shared/generate/requests.js';
import type { VideoBackend } from '../../shared/pricing.js';
import type { ChoiceProvider, ChoiceStatus } from '../../shared/providers.js';

/** Provider choices a piece of work needs: each entry is a list of which any one will do (Veo runs on Gemini or Replicate). */
export type ChoiceNeeds = ChoiceProvider[][];

/** What a Director backend renders with on the user's own key — what director.ts in the worker resolves. */
const BACKEND_NEEDS: Record<VideoBackend, ChoiceNeeds> = {
  offline: [],
  comfyui: [['comfyui']],
  'imagen-ffmpeg': [['gemini']],
  'kling-v2.1': [['replicate']],
  'kling-v2.1-pro': [['replicate']],
  'veo-3': [['gemini', 'replicate']],
  'veo-3-fast': [['gemini', 'replicate']],
};

/** What a Director backend needs to run: through KingJam Cloud, the cloud only; otherwise the user's own keys or local server. */
export function backendKeys(backend: VideoBackend, via?: 'cloud' | 'own-key'): ChoiceNeeds {
  const needs = BACKEND_NEEDS[backend];
  return via === 'cloud' && needs.some((anyOf) => anyOf.some((p) => p === 'gemini' || p === 'replicate')) ? [['cloud']] : needs;
}

/** What text or image choices need to run: each its own provider (offline drafts need nothing). */
export function choiceKeys(choices: ProviderChoice[]): ChoiceNeeds {
  return choices.filter((c) => c.provider !== 'offline').map((c) => [c.provider]);
}

/**
 * Refuses work whose provider choice cannot run now, with the one action
 * that makes it usable — before any job exists, so nothing starts only to
 * fail for a missing key, a signed-out wallet or a stopped local server.
 */
export async function requireUsable(needs: ChoiceNeeds, statusOf: (provider: ChoiceProvider) => Promise<ChoiceStatus>): Promise<void> {
  for (const anyOf of needs) {
    const found = await Promise.all(anyOf.map(statusOf));
    if (found.some((s) => s.usable)) continue;
    throw unusableError(found);
  }
}

const LABELS: Record<ChoiceProvider, string> = { cloud: 'KingJam Cloud', gemini: 'Gemini', replicate: 'Replicate', ollama: 'Ollama', comfyui: 'ComfyUI', offline: 'Offline' };

/** The error for a need none of whose choices is usable, saying the first one's action. */
function unusableError(found: ChoiceStatus[]): StudioError {
  const first = found[0]!;
  switch (first.action) {
    case 'sign-in':
      return new StudioError({ code: 'NOT_SIGNED_IN', message: 'KingJam Cloud runs on your credits: sign in first.', hint: 'Sign in on the Account page (on the command line: kingjam account login), or choose your own key or a local model.', ...say('choice.signIn') });
    case 'buy-credits':
      return new StudioError({ code: 'INSUFFICIENT_CREDITS', message: 'Your KingJam Cloud wallet has no credits left.', hint: 'Buy a credit pack or a plan on the Credits page.', ...say('choice.noCredits') });
    case 'start-ollama': {
      const address = first.address ?? '';
      return new StudioError({ code: 'PROVIDER_UNREACHABLE', message: `Ollama is not answering at ${address}.`, hint: 'Start it with `ollama serve` (or open the Ollama app), then try again.', retryable: true, ...say('choice.ollamaDown', { address }) });
    }
    case 'set-up-comfyui':
      return new StudioError({ code: 'PROVIDER_NOT_CONFIGURED', message: 'ComfyUI is not set up: there is no server address.', hint: 'Open Settings → AI providers and enter it, or choose another provider.', ...say('provider.notConfigured.address', { provider: 'ComfyUI' }) });
    default: {
      const keyed = found.filter((s) => s.action === 'add-key').map((s) => LABELS[s.provider]);
      const [provider = LABELS[first.provider], other] = keyed;
      return new StudioError({
        code: 'PROVIDER_NOT_CONFIGURED',
        message: `${other ? `${provider} or ${other}` : provider} is not set up: there is no API key for it.`,
        hint: 'Open Settings → AI providers and enter it, or choose another provider.',
        ...(other ? say('provider.notConfigured.keyEither', { provider, other }) : say('provider.notConfigured.key', { provider })),
      });
    }
  }
}

/** How a project ends when its job does not succeed: canceled by the user, or failed. */
export function endStatus(error: ErrorInfo): 'canceled' | 'failed' {
  return error.code === 'CANCELED' ? 'canceled' : 'failed';
}
