import { sceneCharges, scenePrices, VIDEO_BACKENDS, type VideoBackend } from '../../../shared/pricing.js';
import type { ChoiceProvider, ChoiceStatus, ProviderStatus, RunMode } from '../../../shared/providers.js';
import type { Translate } from '../../i18n/index.js';

/** The backends a user picks from: ComfyUI only once a video workflow is loaded (imported in Settings, or named by the environment). */
export function directorBackends(providers: ProviderStatus[] | null): VideoBackend[] {
  const comfyVideo = providers?.find((p) => p.id === 'comfyui')?.workflows?.video;
  return VIDEO_BACKENDS.filter((b) => b !== 'comfyui' || comfyVideo);
}

/** Each backend's price, read from the one price table. */
export function backendPrice(backend: VideoBackend, t: Translate): string {
  switch (backend) {
    case 'kling-v2.1':
    case 'kling-v2.1-pro':
    case 'veo-3':
    case 'veo-3-fast': {
      const table = scenePrices(backend) ?? {};
      const prices = Object.entries(table)
        .map(([seconds, credits]) => t('director.price.clip', { seconds, credits }))
        .join(' · ');
      return t('director.price.clips', { prices });
    }
    case 'imagen-ffmpeg':
      return t('director.price.imagen', { per: sceneCharges('imagen-ffmpeg', [1])[0] ?? 0 });
    default:
      return t('director.price.free');
  }
}

/** Paid backends render on Replicate or Gemini: through KingJam Cloud, or with the user's own key. */
const OWN_KEY_NEEDS: Partial<Record<VideoBackend, ChoiceProvider[]>> = {
  'kling-v2.1': ['replicate'],
  'kling-v2.1-pro': ['replicate'],
  'veo-3-fast': ['gemini', 'replicate'],
  'veo-3': ['gemini', 'replicate'],
  'imagen-ffmpeg': ['gemini'],
};

export interface BackendOption {
  /** `cloud:<backend>`, `own-key:<backend>`, or a free backend's own id. */
  value: string;
  backend: VideoBackend;
  via?: 'cloud' | 'own-key';
  /** Any one of these will do. */
  needs: ChoiceProvider[];
}

/** The backends grouped by how they run; ComfyUI only once a video workflow is loaded. */
export function backendGroups(providers: ProviderStatus[] | null): Record<RunMode, BackendOption[]> {
  const paid = VIDEO_BACKENDS.filter((b) => OWN_KEY_NEEDS[b]);
  return {
    cloud: paid.map((backend) => ({ value: `cloud:${backend}`, backend, via: 'cloud', needs: ['cloud'] })),
    'own-key': paid.map((backend) => ({ value: `own-key:${backend}`, backend, via: 'own-key', needs: OWN_KEY_NEEDS[backend]! })),
    local: directorBackends(providers)
      .filter((b) => !OWN_KEY_NEEDS[b])
      .map((backend) => ({ value: backend, backend, needs: backend === 'comfyui' ? ['comfyui'] : [] })),
  };
}

/** Whether a backend option can run now: a free one always, else any one of the providers it needs (unknown yet: assumed so). */
export function backendUsable(option: BackendOption, choices: ChoiceStatus[] | null): boolean {
  return option.needs.length === 0 || choices === null || option.needs.some((p) => choices.find((c) => c.provider === p)?.usable);
}

/** The picked backend while it can run, else offline stills (signed out, a key removed, the workflow gone). */
export function settledBackend(value: string, providers: ProviderStatus[] | null, choices: ChoiceStatus[] | null): string {
  const groups = backendGroups(providers);
  const option = [...groups.cloud, ...groups['own-key'], ...groups.local].find((o) => o.value === value);
  return option && backendUsable(option, choices) ? value : 'offline';
}

export function backendOptionOf(value: string): { backend: VideoBackend; via?: 'cloud' | 'own-key' } {
  const [via, backend] = value.includes(':') ? value.split(':') : [undefined, value];
  return { backend: backend as VideoBackend, ...(via === 'cloud' || via === 'own-key' ? { via } : {}) };
}

/** Who bills an own-key backend: Replicate for Kling, Google for Imagen, and for Veo whichever key is set (Gemini first, as the worker does). */
export function backendPayer(backend: VideoBackend, choices: ChoiceStatus[] | null): string {
  const needs = OWN_KEY_NEEDS[backend] ?? [];
  const first = needs.find((p) => choices?.find((c) => c.provider === p)?.usable) ?? needs[0];
  return first === 'gemini' ? 'Google' : 'Replicate';
}
