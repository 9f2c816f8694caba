import { describe, expect, it } from 'vitest';
import { findModel } from '../../src/shared/models.js';
import { PHOTO_LINES, photoEstimate } from '../../src/shared/photo/estimate.js';
import { PHOTO_LIMITS } from '../../src/shared/photo/limits.js';
import { PHOTO_PRICES } from '../../src/shared/pricing.js';
import type { StudioError } from '../../src/shared/errors.js';

const perImage = (upstream: 'gemini' | 'replicate', id: string): number => {
  const m = findModel(upstream, id);
  if (m?.price.unit !== 'image') throw new Error(`${id} is not priced per image`);
  return m.price.perImage;
};

describe('photo estimate', () => {
  it('prices a paid cloud run as four images of the backend’s model, with the replacement line at 0 (charged only if made)', () => {
    const gemini = photoEstimate({ task: 'fuse', backend: 'gemini', via: 'cloud', tier: 'paid' });
    expect(gemini.total).toBe(PHOTO_LIMITS.paidVariants * perImage('gemini', 'gemini-3.1-flash-image'));
    expect(gemini.lines).toEqual([
      { label: PHOTO_LINES.variants, credits: 60, billing: 'credits' },
      { label: PHOTO_LINES.replacement, credits: 0, billing: 'credits' },
    ]);
    expect(photoEstimate({ task: 'makeover', backend: 'flux-kontext', via: 'cloud', tier: 'paid', costume: 'qipao' }).total).toBe(4 * perImage('replicate', 'black-forest-labs/flux-kontext-pro'));
    expect(photoEstimate({ task: 'fuse', backend: 'seedream', via: 'cloud', tier: 'free' }).total).toBe(perImage('replicate', 'bytedance/seedream-4'));
  });

  it('bills the user’s own key at 0 credits with the lines kept', () => {
    const e = photoEstimate({ task: 'fuse', backend: 'seedream', via: 'own-key', tier: 'paid' });
    expect(e.total).toBe(0);
    expect(e.lines.map((l) => [l.label, l.credits, l.billing])).toEqual([
      [PHOTO_LINES.variants, 0, 'own-key'],
      [PHOTO_LINES.replacement, 0, 'own-key'],
    ]);
  });

  it('costs nothing on this computer for the free tier and the local pack for a paid run; refuses a costume there', () => {
    expect(photoEstimate({ task: 'fuse', backend: 'offline', via: 'cloud', tier: 'free' })).toEqual({ total: 0, lines: [] });
    expect(photoEstimate({ task: 'fuse', backend: 'comfyui', via: 'cloud', tier: 'paid' })).toEqual({ total: PHOTO_PRICES.localPack, lines: [{ label: PHOTO_LINES.localPack, credits: 60, billing: 'credits' }] });
    let err: StudioError | undefined;
    try {
      photoEstimate({ task: 'makeover', backend: 'offline', via: 'cloud', tier: 'paid', costume: 'hanfu' });
    } catch (e) {
      err = e as StudioError;
    }
    expect(err?.toInfo()).toMatchObject({ code: 'BAD_INPUT', key: 'photo.online.costumeOnlineOnly', params: { backend: 'offline' } });
  });

  it('prices motion as one clip of the backend (Kling 5 s, Veo 8 s, Seedance 5 or 10 s) and the local overlay at nothing', () => {
    expect(photoEstimate({ task: 'motion', backend: 'kling', via: 'cloud', seconds: 5 }).total).toBe(20);
    expect(photoEstimate({ task: 'motion', backend: 'veo', via: 'cloud', seconds: 5 }).total).toBe(200);
    expect(photoEstimate({ task: 'motion', backend: 'seedance', via: 'cloud', seconds: 5 }).total).toBe(30);
    expect(photoEstimate({ task: 'motion', backend: 'seedance', via: 'cloud', seconds: 8 }).total).toBe(55);
    expect(photoEstimate({ task: 'motion', backend: 'seedance', via: 'own-key', seconds: 5 }).lines).toEqual([{ label: PHOTO_LINES.motion, credits: 0, billing: 'own-key' }]);
    expect(photoEstimate({ task: 'motion', backend: 'local', via: 'cloud', seconds: 5 }).total).toBe(0);
  });

  it('prices a repair as one restored image on Replicate and nothing on ComfyUI', () => {
    expect(photoEstimate({ task: 'repair', backend: 'replicate', via: 'cloud' })).toEqual({ total: perImage('replicate', 'sczhou/codeformer'), lines: [{ label: PHOTO_LINES.repair, credits: 10, billing: 'credits' }] });
    expect(photoEstimate({ task: 'repair', backend: 'comfyui', via: 'cloud' }).total).toBe(0);
  });
});
