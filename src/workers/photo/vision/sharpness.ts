import sharp from 'sharp';
import type { RgbImage } from './image.js';

/** The region is scaled to this size before measuring, so the figure means the same for a small and a large face. */
const MEASURE_SIDE = 160;

/**
 * Variance of the Laplacian of the grey image over a region (the face): the
 * classic focus measure — a sharp face has strong second derivatives at its
 * edges, a blurred or shaken one does not. Higher is sharper.
 */
export async function laplacianVariance(img: RgbImage, region?: { x: number; y: number; width: number; height: number }): Promise<number> {
  const r = region ?? { x: 0, y: 0, width: img.width, height: img.height };
  const left = Math.max(0, Math.floor(r.x));
  const top = Math.max(0, Math.floor(r.y));
  const width = Math.max(1, Math.min(img.width - left, Math.round(r.width)));
  const height = Math.max(1, Math.min(img.height - top, Math.round(r.height)));
  const grey = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .extract({ left, top, width, height })
    .resize(MEASURE_SIDE, MEASURE_SIDE, { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer();
  const n = MEASURE_SIDE;
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (let y = 1; y < n - 1; y++) {
    for (let x = 1; x < n - 1; x++) {
      const i = y * n + x;
      const lap = grey[i - n]! + grey[i + n]! + grey[i - 1]! + grey[i + 1]! - 4 * grey[i]!;
      sum += lap;
      sumSq += lap * lap;
      count++;
    }
  }
  const mean = sum / count;
  return sumSq / count - mean * mean;
}
