import sharp from 'sharp';
import type { Box } from './layout.js';

/** An RGB image, 3 bytes a pixel, rows top to bottom (what the vision runtime's loadRgb returns). */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

/** A person cut out and scaled for the canvas: colour and a feathered alpha of the same size. */
export interface Cutout {
  rgb: Buffer;
  alpha: Uint8Array;
  width: number;
  height: number;
}

/** Alpha at or above this counts as the person when measuring the cut-out. */
const SOLID = 128;

/** The bounding box of the mask's people (alpha ≥ threshold), or null when the mask is empty. */
export function maskBounds(mask: Uint8Array, width: number, height: number, threshold = 48): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (mask[row + x]! >= threshold) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (y < y0) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    if (last > x1) x1 = last;
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * A half-body portrait: the person runs into the bottom edge of their photo
 * (a solid band of them across the last rows), so the photo itself cut them
 * off there. A full-body person's feet end inside the photo.
 */
export function isHalfBody(mask: Uint8Array, width: number, height: number, box: Box): boolean {
  if (box.y + box.height < height - 2) return false;
  let solid = 0;
  const row = (height - 1) * width;
  for (let x = box.x; x < box.x + box.width; x++) if (mask[row + x]! >= SOLID) solid++;
  return solid >= Math.max(4, box.width * 0.12);
}

/**
 * Cuts the box out of the photo and its mask, scales both to the canvas size
 * (premultiplied by sharp, so no fringe of the old background bleeds in), and
 * feathers the edge: a blur of about one percent of the face, then a slight
 * choke so the soft edge falls inside the person rather than on the old
 * background's pixels around them.
 */
export async function cutout(img: RgbImage, mask: Uint8Array, box: Box, scale: number, faceHeightPx: number): Promise<Cutout> {
  const rgba = Buffer.allocUnsafe(box.width * box.height * 4);
  for (let y = 0; y < box.height; y++) {
    let s = ((box.y + y) * img.width + box.x) * 3;
    let m = (box.y + y) * img.width + box.x;
    let d = y * box.width * 4;
    for (let x = 0; x < box.width; x++, s += 3, d += 4, m++) {
      rgba[d] = img.data[s]!;
      rgba[d + 1] = img.data[s + 1]!;
      rgba[d + 2] = img.data[s + 2]!;
      rgba[d + 3] = mask[m]!;
    }
  }
  const width = Math.max(1, Math.round(box.width * scale));
  const height = Math.max(1, Math.round(box.height * scale));
  const scaled = await sharp(rgba, { raw: { width: box.width, height: box.height, channels: 4 } })
    .resize(width, height, { fit: 'fill', kernel: scale < 1 ? 'lanczos3' : 'cubic' })
    .raw()
    .toBuffer();
  const rgb = Buffer.allocUnsafe(width * height * 3);
  const hard = Buffer.allocUnsafe(width * height);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    rgb[i * 3] = scaled[j]!;
    rgb[i * 3 + 1] = scaled[j + 1]!;
    rgb[i * 3 + 2] = scaled[j + 2]!;
    hard[i] = scaled[j + 3]!;
  }
  const sigma = Math.max(0.8, faceHeightPx * 0.012);
  const soft = await sharp(hard, { raw: { width, height, channels: 1 } }).blur(sigma).raw().toBuffer();
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < alpha.length; i++) {
    const v = ((soft[i]! - 40) * 255) / 215;
    alpha[i] = v <= 0 ? 0 : v >= 255 ? 255 : v;
  }
  return { rgb, alpha, width, height };
}
