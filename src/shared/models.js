/**
 * The one model catalogue: every upstream model the studio drives, what it
 * does, what it costs and where it is in its life. The desktop's providers,
 * the pickers, the estimates and the cloud gateway's allow-list all read it,
 * so a model added, re-priced or shut down changes in one place.
 *
 * Ids are the upstream's own. Lifecycle dates were read from the services'
 * deprecation pages on 2026-12-04 (see ../shared/reference/providers.md);
 * a model that has gone is never sent: its successor answers instead.
 */
export const UPSTREAMS = ['gemini', 'replicate'];
const FLASH_TEXT = { unit: 'tokens', inputPerMillion: 150, outputPerMillion: 1_200, minimum: 1 };
const PRO_TEXT = { unit: 'tokens', inputPerMillion: 600, outputPerMillion: 4_800, minimum: 2 };
const STANDARD_IMAGE = { unit: 'image', perImage: 15 };
const FINE_IMAGE = { unit: 'image', perImage: 45 };
/** Seed 000 §3.3: Veo 3 Fast 200, Veo 3 (Pro) 350 per 8-second clip. */
const VEO_FAST = { unit: 'clip', bySeconds: { 8: 200 } };
const VEO = { unit: 'clip', bySeconds: { 8: 350 } };
/** Seed 000 §3.3: Kling v2.1 720p 5 s 30, 10 s 55; Pro 1080p 5 s 50, 10 s 90. */
const KLING = { unit: 'clip', bySeconds: { 5: 30, 10: 55 }, proBySeconds: { 5: 50, 10: 90 } };
const SPEECH = { unit: 'speech-minute', perMinute: 5 };
const current = { status: 'current' };
const gone = (shutdownOn, successor) => ({ status: 'shut-down', shutdownOn, successor });
export const MODEL_CATALOG = [
    // Gemini text: the seed's Flash / Pro / Pro Latest, of the current generation.
    { upstream: 'gemini', id: 'gemini-3.5-flash', capability: 'text', label: 'Gemini 3.5 Flash', tier: 'flash', price: FLASH_TEXT, lifecycle: current },
    { upstream: 'gemini', id: 'gemini-3.1-pro-preview', capability: 'text', label: 'Gemini 3.1 Pro', tier: 'pro', price: PRO_TEXT, lifecycle: current },
    { upstream: 'gemini', id: 'gemini-pro-latest', capability: 'text', label: 'Gemini Pro Latest', tier: 'pro-latest', price: PRO_TEXT, lifecycle: current, alias: true, noSampling: true },
    { upstream: 'gemini', id: 'gemini-flash-latest', capability: 'text', label: 'Gemini Flash Latest', tier: 'flash', price: FLASH_TEXT, lifecycle: current, alias: true, noSampling: true },
    { upstream: 'gemini', id: 'gemini-3.6-flash', capability: 'text', label: 'Gemini 3.6 Flash', tier: 'flash', price: FLASH_TEXT, lifecycle: current, noSampling: true },
    { upstream: 'gemini', id: 'gemini-2.5-flash', capability: 'text', label: 'Gemini 2.5 Flash', tier: 'flash', price: FLASH_TEXT, lifecycle: gone('2026-06-17', 'gemini-3.5-flash') },
    { upstream: 'gemini', id: 'gemini-2.5-pro', capability: 'text', label: 'Gemini 2.5 Pro', tier: 'pro', price: PRO_TEXT, lifecycle: gone('2026-06-17', 'gemini-3.1-pro-preview') },
    // Gemini images: the Gemini image models answer generateContent with image parts (Imagen 4 is gone).
    { upstream: 'gemini', id: 'gemini-3.1-flash-image', capability: 'image', label: 'Gemini 3.1 Flash Image', tier: 'standard', price: STANDARD_IMAGE, lifecycle: current },
    { upstream: 'gemini', id: 'gemini-3-pro-image', capability: 'image', label: 'Gemini 3 Pro Image', tier: 'fine', price: FINE_IMAGE, lifecycle: current },
    { upstream: 'gemini', id: 'imagen-4.0-generate-001', capability: 'image', label: 'Imagen 4', tier: 'standard', price: STANDARD_IMAGE, lifecycle: gone('2026-08-17', 'gemini-3.1-flash-image') },
    { upstream: 'gemini', id: 'imagen-4.0-fast-generate-001', capability: 'image', label: 'Imagen 4 Fast', tier: 'standard', price: STANDARD_IMAGE, lifecycle: gone('2026-08-17', 'gemini-3.1-flash-image') },
    { upstream: 'gemini', id: 'imagen-4.0-ultra-generate-001', capability: 'image', label: 'Imagen 4 Ultra', tier: 'fine', price: FINE_IMAGE, lifecycle: gone('2026-08-17', 'gemini-3-pro-image') },
    { upstream: 'gemini', id: 'gemini-2.5-flash-image', capability: 'image', label: 'Gemini 2.5 Flash Image', tier: 'standard', price: STANDARD_IMAGE, lifecycle: gone('2026-10-02', 'gemini-3.1-flash-image') },
    // Veo through the Gemini API: long-running operations.
    { upstream: 'gemini', id: 'veo-3.1-fast-generate-preview', capability: 'video', label: 'Veo 3.1 Fast', price: VEO_FAST, lifecycle: current },
    { upstream: 'gemini', id: 'veo-3.1-generate-preview', capability: 'video', label: 'Veo 3.1', price: VEO, lifecycle: current },
    { upstream: 'gemini', id: 'veo-3.0-fast-generate-001', capability: 'video', label: 'Veo 3 Fast', price: VEO_FAST, lifecycle: gone('2026-06-30', 'veo-3.1-fast-generate-preview') },
    { upstream: 'gemini', id: 'veo-3.0-generate-001', capability: 'video', label: 'Veo 3', price: VEO, lifecycle: gone('2026-06-30', 'veo-3.1-generate-preview') },
    // Gemini speech.
    { upstream: 'gemini', id: 'gemini-3.1-flash-tts-preview', capability: 'speech', label: 'Gemini 3.1 Flash TTS', price: SPEECH, lifecycle: current },
    { upstream: 'gemini', id: 'gemini-2.5-flash-preview-tts', capability: 'speech', label: 'Gemini 2.5 Flash TTS', price: SPEECH, lifecycle: gone('2026-06-17', 'gemini-3.1-flash-tts-preview') },
    { upstream: 'gemini', id: 'gemini-2.5-pro-preview-tts', capability: 'speech', label: 'Gemini 2.5 Pro TTS', price: SPEECH, lifecycle: gone('2026-06-17', 'gemini-3.1-flash-tts-preview') },
    // Replicate video.
    { upstream: 'replicate', id: 'kwaivgi/kling-v2.1', capability: 'video', label: 'Kling v2.1', price: KLING, lifecycle: current },
    { upstream: 'replicate', id: 'google/veo-3.1-fast', capability: 'video', label: 'Veo 3.1 Fast', price: VEO_FAST, lifecycle: current },
    { upstream: 'replicate', id: 'google/veo-3.1', capability: 'video', label: 'Veo 3.1', price: VEO, lifecycle: current },
    { upstream: 'replicate', id: 'google/veo-3-fast', capability: 'video', label: 'Veo 3 Fast', price: VEO_FAST, lifecycle: gone('2026-06-30', 'google/veo-3.1-fast') },
    { upstream: 'replicate', id: 'google/veo-3', capability: 'video', label: 'Veo 3', price: VEO, lifecycle: gone('2026-06-30', 'google/veo-3.1') },
    // Replicate images.
    { upstream: 'replicate', id: 'bytedance/seedream-4', capability: 'image', label: 'Seedream 4', tier: 'standard', price: STANDARD_IMAGE, lifecycle: current },
    { upstream: 'replicate', id: 'black-forest-labs/flux-1.1-pro', capability: 'image', label: 'FLUX1.1 [pro]', tier: 'fine', price: FINE_IMAGE, lifecycle: current },
    { upstream: 'replicate', id: 'black-forest-labs/flux-schnell', capability: 'image', label: 'FLUX.1 [schnell]', tier: 'standard', price: STANDARD_IMAGE, lifecycle: current },
];
export function findModel(upstream, id) {
    return MODEL_CATALOG.find((m) => m.upstream === upstream && m.id === id);
}
/** A model as it must be sent today: itself while current, else the end of its successor chain. */
export function currentModel(upstream, id) {
    let model = findModel(upstream, id);
    for (let hops = 0; model && model.lifecycle.status !== 'current' && hops < 8; hops++) {
        model = findModel(upstream, model.lifecycle.successor);
    }
    return model?.lifecycle.status === 'current' ? model : undefined;
}
/** The models a picker offers for a capability: current ones only. */
export function offeredModels(upstream, capability) {
    return MODEL_CATALOG.filter((m) => m.upstream === upstream && m.capability === capability && m.lifecycle.status === 'current');
}
/** The current model standing for a seed tier (Flash, Pro, Pro Latest, standard or fine image). */
export function modelForTier(upstream, capability, tier) {
    return offeredModels(upstream, capability).find((m) => m.tier === tier && !m.alias) ?? offeredModels(upstream, capability).find((m) => m.tier === tier);
}
//# sourceMappingURL=models.js.map