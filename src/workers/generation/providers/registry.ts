import { CloudProvider } from './cloud.js';
import { providersConfigSchema, type ProvidersConfigInput } from './config.js';
import { ComfyUIProvider } from './comfyui.js';
import { notConfigured, unsupported, wrongCapability } from './errors.js';
import { GeminiProvider } from './gemini.js';
import { OfflineProvider } from './offline/index.js';
import { OllamaProvider } from './ollama.js';
import { ReplicateProvider } from './replicate.js';
import type { Capability, CapabilityMap, ModelInfo, Provider, ProviderHooks, ProviderId } from './types.js';

/**
 * Picks the implementation for a job: provider id + model → a capability
 * with that model bound as the default. Generators ask the registry, never
 * construct providers, so a job's `provider`/`model` fields are all it takes
 * to switch backends.
 */

export interface Choice {
  provider: ProviderId;
  model?: string;
}

export interface Resolved<C extends Capability> {
  provider: Provider;
  /** The model asked for, or undefined for the provider's default. */
  model: string | undefined;
  /** The capability, with `model` filled into requests that name none. */
  use: CapabilityMap[C];
}

export class ProviderRegistry {
  private readonly providers = new Map<ProviderId, Provider>();

  constructor(providers: Provider[] = []) {
    for (const p of providers) this.register(p);
  }

  register(provider: Provider): void {
    this.providers.set(provider.id, provider);
  }

  has(id: ProviderId): boolean {
    return this.providers.has(id);
  }

  list(): Provider[] {
    return [...this.providers.values()];
  }

  get(id: ProviderId): Provider {
    const p = this.providers.get(id);
    if (!p) throw notConfigured(id, id === 'cloud' ? 'signIn' : id === 'gemini' || id === 'replicate' ? 'key' : 'address');
    return p;
  }

  /** Which providers offer a capability, for pickers in the UI and CLI. */
  offering(capability: Capability): Provider[] {
    return this.list().filter((p) => p[capability] !== undefined);
  }

  resolve<C extends Capability>(capability: C, choice: Choice): Resolved<C> {
    const provider = this.get(choice.provider);
    const impl = provider[capability] as CapabilityMap[C] | undefined;
    if (!impl) throw unsupported(provider.id, capability);
    const model = choice.model;
    if (model) checkModel(provider, capability, model);
    return { provider, model, use: model ? bindModel(capability, impl, model) : impl };
  }
}

/**
 * A model the provider's catalog files under another capability is a mistake
 * to catch before spending money ("veo-3" asked to write text); one it does
 * not list at all is passed on, since services add models faster than we do.
 */
function checkModel(provider: Provider, capability: Capability, model: string): void {
  const catalog: ModelInfo[] = provider.models();
  const want = capability === 'structured' ? 'text' : capability;
  const entries = catalog.filter((m) => m.id === model);
  if (entries.length && !entries.some((m) => m.capability === want)) {
    throw wrongCapability(provider.id, model, entries[0]?.capability, capability);
  }
}

function withModel<R extends { model?: string }>(req: R, model: string): R {
  return req.model ? req : { ...req, model };
}

function bindModel<C extends Capability>(capability: C, impl: CapabilityMap[C], model: string): CapabilityMap[C] {
  const bound: { [K in Capability]: (i: CapabilityMap[K]) => CapabilityMap[K] } = {
    text: (i) => ({ generateText: (r, o) => i.generateText(withModel(r, model), o), streamText: (r, o) => i.streamText(withModel(r, model), o) }),
    structured: (i) => ({ generateObject: (r, o) => i.generateObject(withModel(r, model), o) }),
    image: (i) => ({ generateImage: (r, o) => i.generateImage(withModel(r, model), o) }),
    video: (i) => ({ generateVideo: (r, o) => i.generateVideo(withModel(r, model), o) }),
    speech: (i) => ({ synthesize: (r, o) => i.synthesize(withModel(r, model), o) }),
  };
  return bound[capability](impl);
}

/** Every provider the configuration enables; offline is always there. `hooks` carry a provider's notices to the job. */
export function createProviders(input: ProvidersConfigInput = {}, hooks: ProviderHooks = {}): ProviderRegistry {
  const config = providersConfigSchema.parse(input);
  const registry = new ProviderRegistry([new OfflineProvider()]);
  if (config.cloud) registry.register(new CloudProvider(config.cloud, hooks));
  if (config.gemini) registry.register(new GeminiProvider(config.gemini, hooks));
  if (config.replicate) registry.register(new ReplicateProvider(config.replicate));
  if (config.comfyui) registry.register(new ComfyUIProvider(config.comfyui, hooks));
  if (config.ollama) registry.register(new OllamaProvider(config.ollama));
  return registry;
}
