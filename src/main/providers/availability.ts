import { CHOICE_PROVIDERS, LOCAL_DEFAULT_URLS, runModeOf, type ChoiceAction, type ChoiceProvider, type ChoiceStatus, type KeyedProvider, type ProviderStatus } from '../../shared/providers.js';

/** What availability reads: keys and local addresses (ProviderKeys), and the cloud account (SyncService). */
export interface AvailabilitySources {
  hasKey(provider: KeyedProvider): boolean;
  providers(): ProviderStatus[];
  /** Whether a cloud account is signed in, and the credits it can spend (null: not known yet). */
  account(): { signedIn: boolean; spendable: number | null };
}

export interface AvailabilityOptions {
  /** How long Ollama may take to answer `GET /api/tags` before it counts as not running. */
  probeMs: number;
  fetch: typeof fetch;
}

export const DEFAULT_AVAILABILITY: AvailabilityOptions = { probeMs: 1_500, fetch: (...args) => globalThis.fetch(...args) };

/**
 * Which provider choices can run now, and for each one that cannot, the one
 * action that makes it usable. The pickers show it, and the generation
 * service refuses work with the same answer before any job exists.
 */
export class ProviderAvailability {
  constructor(
    private readonly sources: AvailabilitySources,
    private readonly options: AvailabilityOptions = DEFAULT_AVAILABILITY,
  ) {}

  async choices(): Promise<ChoiceStatus[]> {
    return Promise.all(CHOICE_PROVIDERS.map((p) => this.of(p)));
  }

  async of(provider: ChoiceProvider): Promise<ChoiceStatus> {
    const status = (action: ChoiceAction | null, address?: string): ChoiceStatus => ({
      provider,
      mode: runModeOf(provider),
      usable: action === null,
      action,
      ...(address ? { address } : {}),
    });
    switch (provider) {
      case 'cloud': {
        const { signedIn, spendable } = this.sources.account();
        if (!signedIn) return status('sign-in');
        // An unknown balance (not fetched yet) is not refused here: holding the credits answers for it.
        return status(spendable !== null && spendable <= 0 ? 'buy-credits' : null);
      }
      case 'gemini':
      case 'replicate':
        return status(this.sources.hasKey(provider) ? null : 'add-key');
      case 'ollama': {
        const address = this.local('ollama').detail ?? LOCAL_DEFAULT_URLS.ollama;
        return status((await this.ollamaAnswers(address)) ? null : 'start-ollama', address);
      }
      case 'comfyui': {
        const comfy = this.local('comfyui');
        return status(comfy.configured ? null : 'set-up-comfyui', comfy.detail ?? LOCAL_DEFAULT_URLS.comfyui);
      }
      case 'offline':
        return status(null);
    }
  }

  private local(id: 'ollama' | 'comfyui'): ProviderStatus {
    return this.sources.providers().find((p) => p.id === id) ?? { id, configured: false, source: null, detail: null };
  }

  /** A quick, bounded look: Ollama's model list answers at once when the server runs. */
  private async ollamaAnswers(address: string): Promise<boolean> {
    try {
      const res = await this.options.fetch(new URL('/api/tags', address), { signal: AbortSignal.timeout(this.options.probeMs) });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }
}
