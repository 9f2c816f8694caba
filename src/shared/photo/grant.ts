import type { GenGrant } from '../gen-grant.js';
import { PHOTO_LIMITS } from './limits.js';
import type { PhotoBackend, PhotoVia } from './requests.js';

/**
 * The photo studio's free tier on KingJam Cloud (seed §3.1.1: one watermarked
 * variant a day, free): the job asks for it with `grant: 'free-daily'`, and
 * its one image call then carries the gateway's platform-paid grant
 * (src/shared/gen-grant.ts), so nothing is held or charged for it.
 */
export const PHOTO_GRANT = 'free-daily';
export type PhotoGrant = typeof PHOTO_GRANT;

/** The backends whose variant the grant pays for on KingJam Cloud (the standard-tier image models). */
export const GRANT_BACKENDS = ['gemini', 'seedream', 'flux-kontext'] as const satisfies readonly PhotoBackend[];

/** Whether a run is the free tier on KingJam Cloud, which the daily grant pays for. */
export function freeOnCloud(run: { backend: PhotoBackend; via: PhotoVia; variants: number; watermark: boolean }): boolean {
  return run.via === 'cloud' && run.variants === PHOTO_LIMITS.freeVariantsPerDay && run.watermark && (GRANT_BACKENDS as readonly string[]).includes(run.backend);
}

/**
 * The gateway grant a fuse or makeover job's image call carries: the payload's
 * `grant` when the run is one the grant pays for, else none (a paid run, or
 * not on the cloud, is never sent as free).
 */
export function photoGrantOf(payload: { grant?: PhotoGrant | undefined; backend: PhotoBackend; via: PhotoVia; variants: number; watermark: boolean }): PhotoGrant | undefined {
  return payload.grant === PHOTO_GRANT && freeOnCloud(payload) ? PHOTO_GRANT : undefined;
}

/** The gateway's name for the photo grant (its `x-kingjam-grant` header value). */
export const PHOTO_GATEWAY_GRANT: GenGrant = 'photo-free-daily';
