import { PRICES, sceneCharges, VIDEO_BACKENDS, type VideoBackend } from '../../../shared/pricing.js';
import type { ProviderStatus } from '../../../shared/providers.js';
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
      const table: Record<string, number> = PRICES.video[backend];
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
