import sharp from 'sharp';
import type { Box } from './layout.js';

import type { RgbImage } from '../vision/index.js';

export type { RgbImage };

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
 * Only the person whose face it is: segmentation marks everyone in a photo,
 * and a person photo may hold a neighbour's shoulder or a passer-by. Keeps
 * the parts of the mask connected (at alpha ≥ 96) to the face box, with their
 * soft edge, and clears the rest.
 */
export function isolatePerson(mask: Uint8Array, width: number, height: number, face: Box): Uint8Array {
  const CORE = 96;
  const keep = new Uint8Array(width * height);
  const stack: number[] = [];
  const x0 = Math.max(0, Math.floor(face.x));
  const y0 = Math.max(0, Math.floor(face.y));
  const x1 = Math.min(width, Math.ceil(face.x + face.width));
  const y1 = Math.min(height, Math.ceil(face.y + face.height));
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (mask[y * width + x]! >= CORE) stack.push(y * width + x);
  for (const i of stack) keep[i] = 1;
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % width;
    const next = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width];
    for (const j of next) {
      if (j < 0 || j >= keep.length || keep[j] || mask[j]! < CORE) continue;
      keep[j] = 1;
      stack.push(j);
    }
  }
  // The soft edge outside the core belongs to whichever kept region it borders: grow the kept set by a few pixels.
  // A neighbour touching the person joins their region; columns beyond about two face widths either side of the
  // face are theirs, not this person's (shoulders span about one and a half), so the mask fades out there.
  const out = new Uint8Array(width * height);
  const R = 3;
  const cx = face.x + face.width / 2;
  const reach = face.width * 1.9;
  const fade = face.width * 0.3;
  const xFrom = Math.max(0, Math.floor(cx - reach));
  const xTo = Math.min(width, Math.ceil(cx + reach));
  for (let y = 0; y < height; y++) {
    for (let x = xFrom; x < xTo; x++) {
      const i = y * width + x;
      if (mask[i] === 0) continue;
      let near = keep[i] === 1;
      for (let dy = -R; !near && dy <= R; dy += R) {
        for (let dx = -R; dx <= R; dx += R) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < height && xx >= 0 && xx < width && keep[yy * width + xx]) {
            near = true;
            break;
          }
        }
      }
      if (!near) continue;
      const side = Math.min(1, (reach - Math.abs(x - cx)) / fade);
      out[i] = mask[i]! * side;
    }
  }
  softenPhotoEdges(out, width, height);
  return out;
}

/**
 * Where the photo itself cut the person off at its left, right or top edge,
 * the cut-out would end in a hard straight line in the middle of the new
 * picture; fading the mask over the last 1.5 % of the photo turns it into a
 * soft edge. The bottom edge is left alone: half-body people stand on the
 * frame's bottom edge, where the cut belongs.
 */
function softenPhotoEdges(mask: Uint8Array, width: number, height: number): void {
  const band = Math.max(2, Math.round(Math.min(width, height) * 0.015));
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const ky = Math.min(1, (y + 1) / band);
    for (let x = 0; x < width; x++) {
      const k = Math.min(ky, (x + 1) / band, (width - x) / band);
      if (k < 1) mask[row + x] = mask[row + x]! * k;
    }
  }
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
  const soft = await sharp(hard, { raw: { width, height, channels: 1 } }).blur(sigma).extractChannel(0).raw().toBuffer();
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < alpha.length; i++) {
    const v = ((soft[i]! - 40) * 255) / 215;
    alpha[i] = v <= 0 ? 0 : v >= 255 ? 255 : v;
  }
  return { rgb, alpha, width, height };
}
