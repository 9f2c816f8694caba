import type { FastifyRequest } from 'fastify';
import { GRANT_HEADER, grantDay, grantResetsAt, isGenGrant, type GenGrant } from '../../../src/shared/gen-grant.js';
import { modelForTier, type CatalogModel } from '../../../src/shared/models.js';
import { photoModel } from '../../../src/shared/photo/estimate.js';
import { PHOTO_LIMITS } from '../../../src/shared/photo/limits.js';
import { ApiError } from '../errors.js';

/**
 * The platform-paid daily grant at the gateway (wire contract: src/shared/gen-grant.ts). A route
 * reads the header, checks the call is one the grant pays for, and passes the grant to
 * Metering.begin, which claims the day's gen_grants row in the transaction that records the call.
 */

/** The grant a request asks for, or null; an unknown grant is refused rather than silently charged. */
export function requestedGrant(req: FastifyRequest): GenGrant | null {
  const raw = req.headers[GRANT_HEADER];
  if (raw === undefined) return null;
  if (isGenGrant(raw)) return raw;
  throw new ApiError(403, 'GEN_GRANT_NOT_ELIGIBLE', `${GRANT_HEADER} must be one of: photo-free-daily`);
}

/** The image models the photo studio's free variant runs on: Gemini's standard image tier, Seedream, FLUX Kontext. */
function grantModels(): Set<string> {
  const ids = new Set([photoModel('seedream').id, photoModel('flux-kontext').id]);
  const gemini = modelForTier('gemini', 'image', 'standard');
  if (gemini) ids.add(gemini.id);
  return ids;
}

/** Refuses (403, nothing held or sent) a grant on anything but one image of a free-tier photo model. */
export function checkGrantable(model: CatalogModel, images: number): void {
  if (model.capability !== 'image' || !grantModels().has(model.id)) {
    throw new ApiError(403, 'GEN_GRANT_NOT_ELIGIBLE', `the free daily photo is made on Gemini's standard image tier, Seedream or FLUX Kontext, not on ${model.id}`, { model: model.id });
  }
  if (images !== PHOTO_LIMITS.freeVariantsPerDay) {
    throw new ApiError(403, 'GEN_GRANT_NOT_ELIGIBLE', `the free daily photo is ${PHOTO_LIMITS.freeVariantsPerDay} image; this call asks for ${images}`, { images });
  }
}

/**
 * Today's grant is taken: 429 with when it comes back (00:00 Asia/Taipei), as an ISO instant, a
 * Retry-After, and the message key the studio shows it with (`photo.grant.used`).
 */
export function grantUsed(now: number): ApiError {
  const resets = grantResetsAt(now);
  const resetsAt = new Date(resets).toISOString();
  return new ApiError(429, 'GEN_GRANT_USED', `today's free photo was already used; it resets at ${resetsAt} (00:00 Asia/Taipei, UTC+8)`, {
    resets_at: resetsAt,
    retry_after_seconds: Math.max(1, Math.ceil((resets - now) / 1000)),
    key: 'photo.grant.used',
    params: { date: grantDay(resets) },
  });
}
