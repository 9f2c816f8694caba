import type { ProviderChoice } from '../../../shared/generate/requests.js';
import { modelForTier, offeredModels, type CatalogModel } from '../../../shared/models.js';
import type { ChoiceProvider, ChoiceStatus, RunMode } from '../../../shared/providers.js';

/**
 * The writing models a user picks from, in three kinds: KingJam Cloud (paid
 * in credits), their own Gemini or Replicate key (billed by the provider),
 * and local or offline (free). Models come from the catalogue: the seed's
 * Flash / Pro / Pro Latest of the current generation, and the Replicate-hosted
 * language models it offers. A choice is a string: `offline`, `ollama`, or
 * `<provider>:<model id>`.
 */
export type TextModelChoice = string;

export interface ModelOption {
  value: TextModelChoice;
  provider: ChoiceProvider;
  model?: string;
  /** The catalogue's label; absent for Ollama and offline drafts (the UI names those). */
  label?: string;
}

export const RUN_KINDS: readonly RunMode[] = ['cloud', 'own-key', 'local'];

function geminiTiers(): CatalogModel[] {
  return (['flash', 'pro', 'pro-latest'] as const).flatMap((tier) => modelForTier('gemini', 'text', tier) ?? []);
}

const keyed = (provider: ChoiceProvider, m: CatalogModel): ModelOption => ({ value: `${provider}:${m.id}`, provider, model: m.id, label: m.label });

/** Every writing choice, grouped by how it runs. */
export function textModelOptions(): Record<RunMode, ModelOption[]> {
  return {
    cloud: geminiTiers().map((m) => keyed('cloud', m)),
    'own-key': [...geminiTiers().map((m) => keyed('gemini', m)), ...offeredModels('replicate', 'text').map((m) => keyed('replicate', m))],
    local: [
      { value: 'ollama', provider: 'ollama' },
      { value: 'offline', provider: 'offline' },
    ],
  };
}

export function choiceProviderOf(choice: TextModelChoice): ChoiceProvider {
  const provider = choice.split(':')[0];
  return provider === 'cloud' || provider === 'gemini' || provider === 'replicate' || provider === 'ollama' ? provider : 'offline';
}

/** The request's text provider: KingJam Cloud names the catalogue model it runs. */
export function textProviderOf(choice: TextModelChoice): ProviderChoice {
  const provider = choiceProviderOf(choice);
  const model = choice.slice(provider.length + 1);
  return provider === 'offline' || provider === 'ollama' || !model ? { provider } : { provider, model };
}

/** Images come from the same place as the words (KingJam Cloud, Gemini or Replicate), else from the free offline designer. */
export function imageProviderOf(choice: TextModelChoice): ProviderChoice {
  const provider = choiceProviderOf(choice);
  return provider === 'ollama' || provider === 'offline' ? { provider: 'offline' } : { provider };
}

/**
 * What a form starts with, and keeps while it can run: KingJam Cloud's first
 * model for a user who can use it, else offline drafts. A choice that stops
 * being usable (signed out, key removed) falls back the same way.
 */
export function settledChoice(current: TextModelChoice | null, statuses: ChoiceStatus[]): TextModelChoice {
  const usable = (p: ChoiceProvider) => statuses.find((s) => s.provider === p)?.usable ?? p === 'offline';
  if (current && usable(choiceProviderOf(current))) return current;
  const cloud = textModelOptions().cloud[0];
  return cloud && usable('cloud') ? cloud.value : 'offline';
}

/** Who bills an own-key line, as a user knows them: Google for Gemini. */
export const PAYER_NAMES: Partial<Record<ChoiceProvider, string>> = { gemini: 'Google', replicate: 'Replicate' };
export const PROVIDER_NAMES: Record<ChoiceProvider, string> = { cloud: 'KingJam Cloud', gemini: 'Gemini', replicate: 'Replicate', ollama: 'Ollama', comfyui: 'ComfyUI', offline: 'Offline' };
