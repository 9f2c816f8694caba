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
 * and a person photo may hold a neighbour's shoulder or a passer-by. The
 * mask's core (alpha ≥ 96) is shared out by distance inside it: a pixel
 * belongs to whichever person reaches it first (a breadth-first search from
 * every face box and the torso below it at once), so a neighbour touching the
 * person keeps their own body when their face was seen, even faintly
 * (`others`). The person keeps
 * their share, with its soft edge; the rest is cleared.
 */
export function isolatePerson(mask: Uint8Array, width: number, height: number, face: Box, others: readonly Box[] = []): Uint8Array {
  const CORE = 96;
  const n = width * height;
  // 0 unreached, 1 this person, 2 someone else.
  const owner = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  const seed = (b: Box, label: 1 | 2): void => {
    const x0 = Math.max(0, Math.floor(b.x));
    const y0 = Math.max(0, Math.floor(b.y));
    const x1 = Math.min(width, Math.ceil(b.x + b.width));
    const y1 = Math.min(height, Math.ceil(b.y + b.height));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = y * width + x;
        if (owner[i] === 0 && mask[i]! >= CORE) {
          owner[i] = label;
          queue[tail++] = i;
        }
      }
    }
  };
  // Each face seeds its head and the torso below it: a race from faces alone is won by whichever head is
  // nearer, and a neighbour's head is often further from their own body than the person's hair is.
  const torso = (b: Box): Box => ({ x: b.x, y: b.y + b.height, width: b.width, height: b.height * 2 });
  seed(face, 1);
  seed(torso(face), 1);
  for (const b of others) {
    seed(b, 2);
    seed(torso(b), 2);
  }
  for (let head = 0; head < tail; head++) {
    const i = queue[head]!;
    const label = owner[i]!;
    const x = i % width;
    for (let k = 0; k < 4; k++) {
      const j = k === 0 ? (x > 0 ? i - 1 : -1) : k === 1 ? (x < width - 1 ? i + 1 : -1) : k === 2 ? i - width : i + width;
      if (j >= 0 && j < n && owner[j] === 0 && mask[j]! >= CORE) {
        owner[j] = label;
        queue[tail++] = j;
      }
    }
  }
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i++) keep[i] = owner[i] === 1 ? 1 : 0;
  // The soft edge outside the core belongs to whichever kept region it borders: the kept set grows by a few
  // pixels (a separable dilation). A neighbour whose face was not seen still joins the person's region; columns
  // beyond about two face widths either side of the face are theirs, not this person's (shoulders reach about
  // one and a half, hair and arms a little more), so the mask fades out there.
  const R = 3;
  const grown = dilate(keep, width, height, R);
  const out = new Uint8Array(n);
  const cx = face.x + face.width / 2;
  const reach = face.width * 2.2;
  const fade = face.width * 0.5;
  const xFrom = Math.max(0, Math.floor(cx - reach));
  const xTo = Math.min(width, Math.ceil(cx + reach));
  const side = new Float32Array(width);
  for (let x = xFrom; x < xTo; x++) side[x] = Math.min(1, (reach - Math.abs(x - cx)) / fade);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = xFrom; x < xTo; x++) {
      const i = row + x;
      if (grown[i]) out[i] = mask[i]! * side[x]!;
    }
  }
  softenPhotoEdges(out, width, height);
  return out;
}

/** Binary dilation by a (2r+1)-square, as a horizontal then a vertical running window. */
function dilate(src: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const mid = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let last = -1e9;
    for (let x = 0; x < width; x++) {
      if (src[row + x]) last = x;
      if (x - last <= r) mid[row + x] = 1;
    }
    last = 1e9;
    for (let x = width - 1; x >= 0; x--) {
      if (src[row + x]) last = x;
      if (last - x <= r) mid[row + x] = 1;
    }
  }
  const out = new Uint8Array(src.length);
  for (let x = 0; x < width; x++) {
    let last = -1e9;
    for (let y = 0; y < height; y++) {
      if (mid[y * width + x]) last = y;
      if (y - last <= r) out[y * width + x] = 1;
    }
    last = 1e9;
    for (let y = height - 1; y >= 0; y--) {
      if (mid[y * width + x]) last = y;
      if (last - y <= r) out[y * width + x] = 1;
    }
  }
  return out;
}

/**
 * Where the photo itself cut the person off at its left, right or top edge,
 * the cut-out would end in a hard straight line in the middle of the new
 * picture; fading the mask over the last 12 % of the photo (eased, so no
 * line shows where the fade begins) turns it into a soft edge. The bottom edge is left alone: half-body people stand on the
 * frame's bottom edge, where the cut belongs.
 */
function softenPhotoEdges(mask: Uint8Array, width: number, height: number): void {
  const band = Math.max(2, Math.round(Math.min(width, height) * 0.12));
  const ease = (d: number): number => {
    const t = (d + 1) / band;
    return t * t * (3 - 2 * t);
  };
  for (let y = 0; y < Math.min(band, height); y++) {
    const k = ease(y);
    for (let x = 0; x < width; x++) mask[y * width + x] = mask[y * width + x]! * k;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let d = 0; d < Math.min(band, width); d++) {
      const k = ease(d);
      mask[row + d] = mask[row + d]! * k;
      mask[row + width - 1 - d] = mask[row + width - 1 - d]! * k;
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
  const sigma = Math.max(0.8, faceHeightPx * 0.024);
  const soft = await sharp(hard, { raw: { width, height, channels: 1 } }).blur(sigma).extractChannel(0).raw().toBuffer();
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < alpha.length; i++) {
    const v = ((soft[i]! - 40) * 255) / 215;
    alpha[i] = v <= 0 ? 0 : v >= 255 ? 255 : v;
  }
  return { rgb, alpha, width, height };
}
