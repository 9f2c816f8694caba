import type { ProviderChoice } from '../../../shared/generate/requests.js';
import type { MessageKey } from '../../i18n/index.js';

/** The writing models a user picks from: offline drafts, Gemini Flash, Pro or Pro Latest (seed §3.1), or a local Ollama model. */
export const TEXT_MODELS = ['offline', 'gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-pro-latest', 'ollama'] as const;
export type TextModelChoice = (typeof TEXT_MODELS)[number];

export const TEXT_MODEL_KEYS: Record<TextModelChoice, MessageKey> = {
  offline: 'gen.model.offline',
  'gemini-2.5-flash': 'gen.model.flash',
  'gemini-2.5-pro': 'gen.model.pro',
  'gemini-pro-latest': 'gen.model.proLatest',
  ollama: 'gen.model.ollama',
};

export function textProviderOf(choice: TextModelChoice): ProviderChoice {
  if (choice === 'offline' || choice === 'ollama') return { provider: choice };
  return { provider: 'gemini', model: choice };
}

/** Images come from Gemini (Imagen) with a Gemini text model, else from the free offline designer. */
export function imageProviderOf(choice: TextModelChoice): ProviderChoice {
  return choice === 'offline' || choice === 'ollama' ? { provider: 'offline' } : { provider: 'gemini' };
}
