import type { ProviderChoice } from '../../../shared/generate/requests.js';
import { modelForTier } from '../../../shared/models.js';
import type { MessageKey } from '../../i18n/index.js';

/** The catalogue's current model for a seed tier (Flash, Pro, Pro Latest). */
function tierModel(tier: 'flash' | 'pro' | 'pro-latest'): string {
  const model = modelForTier('gemini', 'text', tier);
  if (!model) throw new Error(`the model catalogue has no ${tier} text model`);
  return model.id;
}

const FLASH = tierModel('flash');
const PRO = tierModel('pro');
const PRO_LATEST = tierModel('pro-latest');

/** The writing models a user picks from: offline drafts, Gemini Flash, Pro or Pro Latest of the current generation (seed §3.1), or a local Ollama model. */
export const TEXT_MODEL_OPTIONS: readonly { value: string; key: MessageKey }[] = [
  { value: 'offline', key: 'gen.model.offline' },
  { value: FLASH, key: 'gen.model.flash' },
  { value: PRO, key: 'gen.model.pro' },
  { value: PRO_LATEST, key: 'gen.model.proLatest' },
  { value: 'ollama', key: 'gen.model.ollama' },
];
/** 'offline', 'ollama', or a Gemini model id from the catalogue. */
export type TextModelChoice = string;

export function textProviderOf(choice: TextModelChoice): ProviderChoice {
  if (choice === 'offline' || choice === 'ollama') return { provider: choice };
  return { provider: 'gemini', model: choice };
}

/** Images come from Gemini's image models with a Gemini text model, else from the free offline designer. */
export function imageProviderOf(choice: TextModelChoice): ProviderChoice {
  return choice === 'offline' || choice === 'ollama' ? { provider: 'offline' } : { provider: 'gemini' };
}
