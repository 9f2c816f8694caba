import type { ImageFeatures, LightingFeatures, LineFeatures, StyleFeatures } from '../../shared/style/features.js';
import { lightingOf, measureImage } from './measure.js';
import { paletteOf } from './kmeans.js';

/**
 * A style's features from its references: the palette clustered over all
 * their pixels pooled (each reference downsampled to the same size, so each
 * weighs about the same), lighting over the pooled pixels, lines as the
 * mean of each reference's, and each reference's own features.
 */
export async function extractFeatures(files: string[], onImage?: (done: number) => void): Promise<StyleFeatures> {
  const images: ImageFeatures[] = [];
  const pooled: Float32Array[] = [];
  for (const file of files) {
    const m = await measureImage(file);
    images.push(m.features);
    pooled.push(m.samples);
    onImage?.(images.length);
  }
  const all = new Float32Array(pooled.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of pooled) {
    all.set(s, at);
    at += s.length;
  }
  const lighting: LightingFeatures = lightingOf(all);
  return { palette: paletteOf(all), lighting, lines: meanLines(images.map((i) => i.lines)), images };
}

function meanLines(lines: LineFeatures[]): LineFeatures {
  const mean = (pick: (l: LineFeatures) => number, d: number) => Math.round((lines.reduce((s, l) => s + pick(l), 0) / lines.length) * 10 ** d) / 10 ** d;
  return { edgeDensity: mean((l) => l.edgeDensity, 4), meanEdgeStrength: mean((l) => l.meanEdgeStrength, 3), lineThicknessPx: mean((l) => l.lineThicknessPx, 2) };
}
