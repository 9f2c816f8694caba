import { describe, expect, it } from 'vitest';
import { actualCost, isUnpriceable, maxCost, outputUrls, type MaxCost } from '../src/gateway/replicate-prices.js';
import { currentModel, type CatalogModel } from '../../src/shared/models.js';

function model(ref: string): CatalogModel {
  const m = currentModel('replicate', ref);
  if (!m) throw new Error(`${ref} not allowed`);
  return m;
}

function cost(ref: string, input: unknown): MaxCost {
  const c = maxCost(model(ref), input);
  if (isUnpriceable(c)) throw new Error(c.message);
  return c;
}

describe('the most a create can cost', () => {
  it('prices Kling by mode and duration, with Replicate’s defaults (standard, 5 s): the seed’s scene price less its 10-credit first frame', () => {
    expect(cost('kwaivgi/kling-v2.1', { prompt: 'x' })).toEqual({ credits: 20, units: { video_seconds: 5 } });
    expect(cost('kwaivgi/kling-v2.1', { mode: 'standard', duration: 10 })).toEqual({ credits: 45, units: { video_seconds: 10 } });
    expect(cost('kwaivgi/kling-v2.1', { mode: 'pro', duration: 5 }).credits).toBe(40);
    expect(cost('kwaivgi/kling-v2.1', { mode: 'pro', duration: 10 }).credits).toBe(80);
  });

  it('refuses a Kling mode or length that is not sold', () => {
    expect(maxCost(model('kwaivgi/kling-v2.1'), { duration: 7 })).toMatchObject({ field: 'input.duration' });
    expect(maxCost(model('kwaivgi/kling-v2.1'), { duration: '10' })).toMatchObject({ field: 'input.duration' });
    expect(maxCost(model('kwaivgi/kling-v2.1'), { mode: 'master' })).toMatchObject({ field: 'input.mode' });
  });

  it('prices Veo as one 8-second clip (a retired id at its successor’s price)', () => {
    expect(cost('google/veo-3.1-fast', { prompt: 'x' })).toEqual({ credits: 200, units: { video_seconds: 8 } });
    expect(cost('google/veo-3', { prompt: 'x' })).toEqual({ credits: 350, units: { video_seconds: 8 } });
    expect(maxCost(model('google/veo-3.1'), { duration: 4 })).toMatchObject({ field: 'input.duration' });
  });

  it('prices images by the number of outputs asked for (num_outputs / max_images, default 1)', () => {
    expect(cost('black-forest-labs/flux-schnell', { prompt: 'x' })).toEqual({ credits: 15, units: { images: 1 } });
    expect(cost('black-forest-labs/flux-schnell', { num_outputs: 4 })).toEqual({ credits: 60, units: { images: 4 } });
    expect(cost('bytedance/seedream-4', { max_images: 3 })).toEqual({ credits: 45, units: { images: 3 } });
    expect(cost('black-forest-labs/flux-1.1-pro', {})).toEqual({ credits: 45, units: { images: 1 } });
  });

  it('refuses an image count that is not a whole number from 1 to 15', () => {
    for (const bad of [0, -1, 2.5, 16, '2', null]) {
      expect(maxCost(model('bytedance/seedream-4'), { max_images: bad })).toMatchObject({ field: 'input.max_images' });
    }
    expect(maxCost(model('black-forest-labs/flux-schnell'), 'prompt')).toMatchObject({ field: 'input' });
  });
});

describe('what a succeeded prediction costs', () => {
  it('charges one clip at the held price', () => {
    const held = cost('kwaivgi/kling-v2.1', { mode: 'pro', duration: 10 });
    expect(actualCost(model('kwaivgi/kling-v2.1'), held, 'https://replicate.delivery/x/out.mp4')).toEqual({ credits: 80, units: { video_seconds: 10 } });
  });

  it('charges images by the output URLs, never more than held', () => {
    const seedream = model('bytedance/seedream-4');
    const held = cost('bytedance/seedream-4', { max_images: 4 });
    expect(actualCost(seedream, held, ['https://a/1.png', 'https://a/2.png'])).toEqual({ credits: 30, units: { images: 2 } });
    const six = Array.from({ length: 6 }, (_, i) => `https://a/${i}.png`);
    expect(actualCost(seedream, held, six)).toEqual({ credits: 60, units: { images: 4 } });
  });

  it('charges nothing for a success that delivered no output', () => {
    const flux = model('black-forest-labs/flux-schnell');
    expect(actualCost(flux, cost('black-forest-labs/flux-schnell', {}), null)).toEqual({ credits: 0, units: { images: 0 } });
    expect(actualCost(model('google/veo-3.1'), cost('google/veo-3.1', {}), [])).toEqual({ credits: 0, units: { video_seconds: 0 } });
  });

  it('reads output URLs from a string, an array or an object of them', () => {
    expect(outputUrls('u')).toEqual(['u']);
    expect(outputUrls(['a', 'b'])).toEqual(['a', 'b']);
    expect(outputUrls({ video: 'v', thumbs: ['t'] })).toEqual(['v', 't']);
    expect(outputUrls(42)).toEqual([]);
  });
});
