import { findModel, currentModel, modelForTier, offeredModels, videoModelFor, type ModelCapability } from '../../../shared/models.js';
import type { ModelReplacement } from '../../../shared/providers.js';
import { wrongCapability } from './errors.js';
import type { Capability, Language, ModelInfo } from './types.js';

/**
 * Which Gemini model a call is sent to, all read from the one catalogue
 * (src/shared/models.ts): the defaults, what Settings offers, and what
 * becomes of a model that is gone — a retired id runs on its successor, one
 * this key cannot use on the same-tier model the last check found — each
 * time with a notice, never a failed paid call.
 */

/** The catalogue's capabilities a generation provider offers (image → 3D models are the 3D builder's, src/workers/mesh/sources/). */
const KINDS: readonly (ModelCapability & Capability)[] = ['text', 'image', 'video', 'speech'];

/** The models Settings and the pickers offer: the catalogue's current Gemini models. */
export const GEMINI_MODELS: readonly ModelInfo[] = KINDS.flatMap((c) => offeredModels('gemini', c).map((m) => ({ id: m.id, capability: c, label: m.label })));

function must(id: string | undefined, what: string): string {
  if (!id) throw new Error(`the model catalogue has no current ${what}`);
  return id;
}

export const GEMINI_DEFAULTS = {
  /** The seed's Flash, of the current generation. */
  text: must(modelForTier('gemini', 'text', 'flash')?.id, 'Flash text model'),
  /** Gemini image models through generateContent with image parts (Imagen 4 is gone). */
  image: must(modelForTier('gemini', 'image', 'standard')?.id, 'standard image model'),
  imageFine: must(modelForTier('gemini', 'image', 'fine')?.id, 'fine image model'),
  video: must(videoModelFor('veo-3-fast', 'gemini'), 'Veo Fast model'),
  speech: must(offeredModels('gemini', 'speech')[0]?.id, 'speech model'),
  voice: 'Kore',
} as const;

/**
 * The model to send for a capability: the requested one, or the default;
 * followed to its current successor when the catalogue says it has gone,
 * then to the replacement the last availability check chose. A catalogue
 * model of another kind is refused before anything is spent; an id the
 * catalogue does not know is passed on (services add models faster than we do).
 */
export function pickModel(
  capability: Capability,
  requested: string | undefined,
  fallback: string,
  replacements: Readonly<Record<string, string>>,
  onReplaced: (r: ModelReplacement) => void,
): string {
  let id = requested ?? fallback;
  const known = findModel('gemini', id);
  const want = capability === 'structured' ? 'text' : capability;
  if (known && known.capability !== want) throw wrongCapability('gemini', id, known.capability === 'mesh' ? undefined : known.capability, capability);
  if (known && known.lifecycle.status !== 'current') {
    const successor = currentModel('gemini', id);
    if (successor) {
      onReplaced({ from: id, to: successor.id, reason: 'retired' });
      id = successor.id;
    }
  }
  const replacement = replacements[id];
  if (replacement && replacement !== id) {
    onReplaced({ from: id, to: replacement, reason: 'unavailable' });
    id = replacement;
  }
  return id;
}

/**
 * The catalogue against the models a key can use (`GET /v1beta/models`):
 * each offered model marked available or not, and for one that is not, the
 * available model of the same kind and tier that stands in for it. A model
 * with no such stand-in (a Veo or speech model) is only reported.
 */
export function checkCatalogue(names: ReadonlySet<string>): { models: ModelInfo[]; replaced: ModelReplacement[] } {
  const models = GEMINI_MODELS.map((m) => ({ ...m, available: names.has(m.id) }));
  const replaced: ModelReplacement[] = [];
  for (const m of models) {
    if (m.available) continue;
    const entry = findModel('gemini', m.id);
    if (!entry?.tier) continue;
    const standIns = offeredModels('gemini', entry.capability).filter((c) => c.tier === entry.tier && c.id !== m.id && names.has(c.id));
    const to = standIns.find((c) => !c.alias) ?? standIns[0];
    if (to) replaced.push({ from: m.id, to: to.id, reason: 'unavailable' });
  }
  return { models, replaced };
}

/**
 * What the speech API is told for each studio language. Its language codes
 * are BCP-47 tags from a fixed list (`cmn-CN` for Mandarin, `en-US`, …) with
 * no Taiwan variant, so Taiwanese Mandarin is `cmn-CN` read with a direction
 * for the accent (the TTS models take style directions in the text).
 */
export const SPEECH_LANGUAGES: Record<Language, { code: string; voice: string; direction?: string }> = {
  en: { code: 'en-US', voice: 'Kore' },
  'zh-CN': { code: 'cmn-CN', voice: 'Kore' },
  // A warm, even voice; the direction asks for Taiwan's pronunciation and tone.
  'zh-TW': { code: 'cmn-CN', voice: 'Sulafat', direction: '請用台灣華語的口音與語調，自然地朗讀以下內容：' },
};
