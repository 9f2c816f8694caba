import { makesImage, type BlogRequest, type DirectorRequest, type DirectorScript, type SocialRequest } from '../../shared/generate/requests.js';
import { billingOf, costLine, estimate, imageModelKey, narrationCredits, PRICES, sceneCharges, sceneModels, TEXT_CALLS, textCredits, textModelKey, videoEstimate, type Billing, type Estimate } from '../../shared/pricing.js';

/**
 * What each generator's work costs and which KingJam Cloud models it calls:
 * each line billed to whoever runs it (credits on `cloud`, nothing on the
 * user's own key or a local provider), from the one price table.
 */

/** The voice-over provider: the script's text provider when it can speak (Gemini on the user's key, or KingJam Cloud), else none. */
export function voiceProvider(r: DirectorRequest): DirectorRequest['text']['provider'] | null {
  return r.voice && (r.text.provider === 'gemini' || r.text.provider === 'cloud') ? r.text.provider : null;
}

/** Who renders the scenes' paid backend: `cloud`, or the user's own key (priced as Gemini: no credits). */
export function renderProvider(r: DirectorRequest): 'cloud' | 'gemini' {
  return r.renderVia === 'cloud' ? 'cloud' : 'gemini';
}

/** Who pays for a scene's render: credits when the cloud renders it or speaks it, the user's own key when a paid backend or voice runs on it, else nobody. */
export function sceneBilling(r: DirectorRequest): Billing {
  const paidBackend = r.backend !== 'offline' && r.backend !== 'comfyui';
  const voice = voiceProvider(r);
  if ((paidBackend && r.renderVia === 'cloud') || voice === 'cloud') return 'credits';
  return paidBackend || (voice && billingOf(voice) === 'own-key') ? 'own-key' : 'free';
}

/** The catalogue models (`upstream:id`) of the lines that KingJam Cloud runs, for the price check. */
export function cloudModels(parts: { provider: string; models: string[] }[]): string[] {
  return parts.filter((p) => p.provider === 'cloud').flatMap((p) => p.models);
}

/**
 * What each scene's narration costs in credits: one speech call each, priced
 * at the scene's length (the estimate's price, and what its job holds); a
 * scene without narration makes no call; on the user's own key, nothing.
 */
export function narrationPrices(r: DirectorRequest, script: DirectorScript): number[] {
  const voice = voiceProvider(r);
  return script.scenes.map((s) => (voice && s.narration.trim() ? costLine('', voice, narrationCredits(voice, s.duration)).credits : 0));
}

/** What a scene's render costs in credits (its clip or still, and its voice-over), as each is billed. */
export function sceneCredits(r: DirectorRequest, script: DirectorScript): number[] {
  const charges = sceneCharges(r.backend, script.scenes.map((s) => s.duration));
  const voices = narrationPrices(r, script);
  return charges.map((c, i) => costLine('', renderProvider(r), c).credits + voices[i]!);
}

export function blogCost(r: BlogRequest): Estimate {
  return estimate([costLine('article', r.text.provider, textCredits(r.text, TEXT_CALLS.article)), ...(r.cover === 'none' || !makesImage(r) ? [] : [costLine('cover', r.image.provider, PRICES.image[r.cover])])]);
}

export function blogModels(r: BlogRequest): string[] {
  return cloudModels([{ provider: r.text.provider, models: [textModelKey(r.text.model)] }, ...(r.cover === 'none' || !makesImage(r) ? [] : [{ provider: r.image.provider, models: [imageModelKey(r.cover)] }])]);
}

export function socialCost(r: SocialRequest): Estimate {
  return estimate([costLine('captions', r.text.provider, textCredits(r.text, TEXT_CALLS.captions)), ...(r.imageQuality === 'none' || !makesImage(r) ? [] : [costLine('image', r.image.provider, PRICES.image[r.imageQuality])])]);
}

export function socialModels(r: SocialRequest): string[] {
  return cloudModels([{ provider: r.text.provider, models: [textModelKey(r.text.model)] }, ...(r.imageQuality === 'none' || !makesImage(r) ? [] : [{ provider: r.image.provider, models: [imageModelKey(r.imageQuality)] }])]);
}

export function videoCost(r: DirectorRequest): Estimate {
  const per = r.targetSeconds / r.sceneCount;
  const voice = voiceProvider(r);
  return videoEstimate({
    backend: r.backend,
    sceneSeconds: Array.from({ length: r.sceneCount }, () => per),
    textProvider: r.text.provider,
    textModel: r.text.model,
    renderProvider: renderProvider(r),
    withVoice: voice !== null,
    voiceProvider: voice ?? 'offline',
  });
}

/** The cloud models a video's script (`withScript`) and scenes call. */
export function videoModels(r: DirectorRequest, withScript: boolean): string[] {
  const voice = voiceProvider(r);
  return cloudModels([
    ...(withScript ? [{ provider: r.text.provider, models: [textModelKey(r.text.model)] }] : []),
    { provider: renderProvider(r), models: sceneModels(r.backend, false) },
    ...(voice ? [{ provider: voice, models: sceneModels('offline', true) }] : []),
  ]);
}
