import type { GenPurpose } from '../../shared/gateway.js';

/**
 * Which jobs run (some of) their model calls on KingJam Cloud, and what for.
 * Such a job is paid call by call at the gateway: it takes no local
 * allowance hold, main mints a generation token for it when it is handed to
 * a worker, and its actual credits are what the gateway captured for it.
 */

interface Loose {
  request?: { text?: { provider?: unknown }; image?: { provider?: unknown }; cover?: unknown; imageQuality?: unknown };
  via?: unknown;
  voice?: unknown;
  provider?: unknown;
  backend?: unknown;
}

/** The photo studio's backends that run on an image or video model (the rest run on this computer or the user's ComfyUI). */
const PHOTO_MODEL_BACKENDS = new Set(['gemini', 'seedream', 'flux-kontext', 'replicate', 'kling', 'veo', 'seedance']);

export function cloudPurpose(kind: string, payload: unknown): GenPurpose | null {
  const p = (payload ?? {}) as Loose;
  const text = p.request?.text?.provider === 'cloud';
  const image = p.request?.image?.provider === 'cloud' && p.request.cover !== 'none' && p.request.imageQuality !== 'none';
  switch (kind) {
    case 'generate.blog':
      return text || image ? 'blog' : null;
    case 'generate.social':
      return text || image ? 'social' : null;
    case 'director.script':
      return text ? 'director-script' : null;
    case 'director.scene':
      return p.via === 'cloud' || p.voice === 'cloud' ? 'director-scene' : null;
    case 'kol.write':
      // A KOL post is a social post to the gateway (one text call).
      return p.provider === 'cloud' ? 'social' : null;
    case 'photo.fuse':
    case 'photo.makeover':
    case 'photo.repair':
    case 'photo.motion':
      // The photo studio's image and video models on KingJam Cloud (issue 15); its local and own-key work is not cloud work.
      return p.via === 'cloud' && PHOTO_MODEL_BACKENDS.has(String(p.backend)) ? 'image' : null;
    case 'character.concepts':
    case 'character.rewrite':
      // The Prompt-Board's text calls (issue 16) are one structured call each, as a social caption is.
      return p.provider === 'cloud' ? 'social' : null;
    case 'character.reference':
      return p.provider === 'cloud' ? 'image' : null;
    case 'character.variants':
      // Character variants run on the photo studio's image-editing models.
      return p.via === 'cloud' && PHOTO_MODEL_BACKENDS.has(String(p.backend)) ? 'image' : null;
    case 'providers.test':
      return p.provider === 'cloud' ? 'connection-test' : null;
    default:
      return null;
  }
}

/** What the generation service needs from the cloud account (src/main/sync/gen.ts). */
export interface CloudBilling {
  /** Refuses cloud work whose models the cloud prices differently from this studio (prices fetched when older than a few minutes). */
  checkPrices(models: string[]): Promise<void>;
  /** Refuses cloud work before it starts: not signed in, prices out of date, or a wallet that cannot cover `credits`. */
  preflight(credits: number, models: string[]): Promise<void>;
  /** What the gateway captured for a job's calls, all attempts together. */
  charged(jobRef: string): Promise<number>;
}
