import sharp from 'sharp';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { matchColours, personStats, regionStats } from './colour.js';
import { cutout, isHalfBody, isolatePerson, maskBounds, type Cutout, type RgbImage } from './cutout.js';
import { drawOrder, planLayout, type Box, type PersonShape, type Placement } from './layout.js';
import { mulberry32 } from '../../../shared/random.js';
import { between } from './random.js';

/**
 * The offline compositor (issue 15): a real local composite of people cut out
 * by their segmentation masks onto a background — common head height,
 * arranged by count, colour and light matched, feathered edges, a soft shadow
 * under each person. Deterministic by seed. Works on raw RGB; encoding is
 * ./encode.ts's job.
 */

export interface PersonInput {
  /** The normalised photo, RGB. */
  image: RgbImage;
  /** The people alpha of that photo (width×height, 0…255). */
  mask: Uint8Array;
  /** The person's face box in the photo. */
  face: Box;
  /** Other faces in the photo, however faint (a neighbour cut off at the edge): their bodies are not this person's. */
  others?: readonly Box[];
}

export interface Composite {
  image: RgbImage;
  /** The people on the composite, white = person (width×height, 0…255). */
  mask: Uint8Array;
  /** Every person's face box on the composite. */
  faces: Box[];
}

/** A face counts as covered when a person drawn over it hides more than this share of its box. */
const MAX_FACE_COVER = 0.04;

function noPerson(index: number): StudioError {
  return new StudioError({ code: 'BAD_INPUT', message: `No person was found in photo ${index + 1}: its people mask is empty.`, ...say('photo.fuse.noPerson', { index: index + 1 }) });
}

/** The cut-out's box: the mask's people, widened to hold the whole face box. */
function cropBox(p: PersonInput): Box {
  const m = maskBounds(p.mask, p.image.width, p.image.height);
  if (!m) return { x: 0, y: 0, width: 0, height: 0 };
  const x0 = Math.max(0, Math.min(m.x, Math.floor(p.face.x)));
  const y0 = Math.max(0, Math.min(m.y, Math.floor(p.face.y)));
  const x1 = Math.min(p.image.width, Math.max(m.x + m.width, Math.ceil(p.face.x + p.face.width)));
  const y1 = Math.min(p.image.height, Math.max(m.y + m.height, Math.ceil(p.face.y + p.face.height)));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The share of `face` that the people drawn after it hide, read from their masks through each placement. */
function faceCover(face: Box, over: readonly { place: Placement; box: Box; person: PersonInput }[]): number {
  let covered = 0;
  let total = 0;
  for (let y = face.y; y < face.y + face.height; y += 2) {
    for (let x = face.x; x < face.x + face.width; x += 2) {
      total++;
      for (const o of over) {
        const mx = Math.floor(o.box.x + (x - o.place.left) / o.place.scale);
        const my = Math.floor(o.box.y + (y - o.place.top) / o.place.scale);
        if (mx < o.box.x || my < o.box.y || mx >= o.box.x + o.box.width || my >= o.box.y + o.box.height) continue;
        if (o.person.mask[my * o.person.image.width + mx]! >= 128) {
          covered++;
          break;
        }
      }
    }
  }
  return total ? covered / total : 0;
}

/** The layout, widened until nobody's face is hidden behind a neighbour drawn over it. */
function layoutWithFacesClear(people: readonly PersonInput[], boxes: readonly Box[], shapes: PersonShape[], canvas: RgbImage, floor: number, seed: number): Placement[] {
  let spread = 1;
  for (let attempt = 0; ; attempt++) {
    const placements = drawOrder(planLayout(shapes, { width: canvas.width, height: canvas.height, floor, seed, spread }));
    const hidden = placements.some((p, i) =>
      faceCover(p.face, placements.slice(i + 1).map((q) => ({ place: q, box: boxes[q.person]!, person: people[q.person]! }))) > MAX_FACE_COVER,
    );
    if (!hidden || attempt === 5) return placements;
    spread *= 1.15;
  }
}

/**
 * Darkens the canvas under a person: a soft drop shadow of their own shape
 * (blurred alpha, nudged down and away from the light), and for someone whose
 * feet are in the picture an elliptical contact shadow where they stand.
 */
async function shadow(canvas: RgbImage, cut: Cutout, left: number, top: number, faceH: number, opacity: number, feet: boolean): Promise<void> {
  const sigma = Math.max(2, faceH * 0.32);
  const pad = Math.ceil(sigma * 3);
  const w = cut.width + pad * 2;
  const h = cut.height + pad * 2;
  let shape = await sharp(Buffer.from(cut.alpha.buffer, cut.alpha.byteOffset, cut.alpha.length), { raw: { width: cut.width, height: cut.height, channels: 1 } })
    .extend({ top: pad, bottom: pad, left: pad, right: pad, background: { r: 0, g: 0, b: 0, alpha: 1 } })
    .extractChannel(0)
    .raw()
    .toBuffer();
  if (feet) {
    // The contact shadow: a flat ellipse at the bottom of the cut-out, a little wider than the stance.
    const cx = w / 2;
    const cy = pad + cut.height - faceH * 0.1;
    const rx = cut.width * 0.42;
    const ry = Math.max(4, faceH * 0.44);
    for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(h, Math.ceil(cy + ry)); y++) {
      for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(w, Math.ceil(cx + rx)); x++) {
        const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
        if (d < 1) shape[y * w + x] = Math.max(shape[y * w + x]!, Math.round(255 * (1 - d)));
      }
    }
  }
  // A blur this wide is cheap at a quarter of the size and looks the same once scaled back up.
  const q = 4;
  const small = await sharp(shape, { raw: { width: w, height: h, channels: 1 } })
    .resize(Math.max(1, Math.round(w / q)), Math.max(1, Math.round(h / q)), { fit: 'fill' })
    .blur(Math.max(0.5, sigma / q))
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  shape = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: 1 } }).resize(w, h, { fit: 'fill' }).extractChannel(0).raw().toBuffer();
  const ox = Math.round(left - pad + faceH * 0.16);
  const oy = Math.round(top - pad + faceH * 0.12);
  const k = opacity / 255;
  for (let y = Math.max(0, -oy); y < h && oy + y < canvas.height; y++) {
    const row = (oy + y) * canvas.width;
    for (let x = Math.max(0, -ox); x < w && ox + x < canvas.width; x++) {
      const s = shape[y * w + x]!;
      if (s === 0) continue;
      const o = (row + ox + x) * 3;
      const f = 1 - s * k;
      canvas.data[o] = canvas.data[o]! * f;
      canvas.data[o + 1] = canvas.data[o + 1]! * f;
      canvas.data[o + 2] = canvas.data[o + 2]! * f;
    }
  }
}

/** Lays a cut-out over the canvas at (left, top), clipped to the frame, and adds its alpha to the people mask. */
function blend(canvas: RgbImage, mask: Uint8Array, cut: Cutout, left: number, top: number): void {
  for (let y = Math.max(0, -top); y < cut.height && top + y < canvas.height; y++) {
    const row = (top + y) * canvas.width;
    for (let x = Math.max(0, -left); x < cut.width && left + x < canvas.width; x++) {
      const i = y * cut.width + x;
      const a = cut.alpha[i]!;
      if (a === 0) continue;
      const p = row + left + x;
      const o = p * 3;
      const s = i * 3;
      const t = a / 255;
      canvas.data[o] = canvas.data[o]! + (cut.rgb[s]! - canvas.data[o]!) * t;
      canvas.data[o + 1] = canvas.data[o + 1]! + (cut.rgb[s + 1]! - canvas.data[o + 1]!) * t;
      canvas.data[o + 2] = canvas.data[o + 2]! + (cut.rgb[s + 2]! - canvas.data[o + 2]!) * t;
      if (a > mask[p]!) mask[p] = a;
    }
  }
}

/** One person's light and cast toward the background around where they stand. */
function grade(cut: Cutout, canvas: RgbImage, left: number, top: number, strength: number): void {
  const around = { x: left - cut.width * 0.25, y: top - cut.height * 0.1, width: cut.width * 1.5, height: cut.height * 1.1 };
  matchColours(cut.rgb, personStats(cut.rgb, cut.alpha), regionStats(canvas, around), strength);
}

/** A person made ready once for all the variants: only their own region of the mask, its box and its shape. */
export interface PreparedPerson extends PersonInput {
  box: Box;
  shape: PersonShape;
}

export function preparePerson(p: PersonInput, index: number): PreparedPerson {
  const own: PersonInput = { ...p, mask: isolatePerson(p.mask, p.image.width, p.image.height, p.face, p.others) };
  const box = cropBox(own);
  if (box.width === 0) throw noPerson(index);
  const shape: PersonShape = {
    width: box.width,
    height: box.height,
    face: { x: p.face.x - box.x, y: p.face.y - box.y, width: p.face.width, height: p.face.height },
    halfBody: isHalfBody(own.mask, p.image.width, p.image.height, box),
  };
  return { ...own, box, shape };
}

/** The time-space puzzle: 1–5 people, each from their own photo (made ready by preparePerson), on one background. */
export async function composeFamily(people: readonly PreparedPerson[], background: RgbImage, opts: { floor: number; seed: number }): Promise<Composite> {
  const boxes = people.map((p) => p.box);
  const shapes = people.map((p) => p.shape);
  const canvas: RgbImage = { data: Buffer.from(background.data), width: background.width, height: background.height };
  const mask = new Uint8Array(canvas.width * canvas.height);
  const placements = layoutWithFacesClear(people, boxes, shapes, canvas, opts.floor, opts.seed);
  // The light is the seed's too, drawn apart from the layout so changing one does not shift the other.
  const rand = mulberry32(opts.seed * 31 + 7);
  const strength = between(rand, 0.35, 0.75);
  const shade = between(rand, 0.28, 0.42);
  const cuts = await Promise.all(placements.map((pl) => cutout(people[pl.person]!.image, people[pl.person]!.mask, boxes[pl.person]!, pl.scale, pl.face.height)));
  for (const [i, pl] of placements.entries()) {
    const cut = cuts[i]!;
    const left = Math.round(pl.left);
    const top = Math.round(pl.top);
    grade(cut, canvas, left, top, strength);
    await shadow(canvas, cut, left, top, pl.face.height, shade, !shapes[pl.person]!.halfBody);
    blend(canvas, mask, cut, left, top);
  }
  const faces = [...placements].sort((a, b) => a.person - b.person).map((p) => p.face);
  return { image: canvas, mask, faces };
}

/**
 * The makeover: the same people, at the same place and scale, on a new
 * background. The background covers the photo's frame; the seed picks a
 * slight zoom and offset of it and the strength of the light matching, so
 * the four variants differ.
 */
export async function composeMakeover(photo: RgbImage, peopleMask: Uint8Array, background: Buffer, opts: { seed: number; faces: readonly Box[] }): Promise<Composite> {
  const box = maskBounds(peopleMask, photo.width, photo.height);
  if (!box) throw noPerson(0);
  const rand = mulberry32(opts.seed * 31 + 7);
  const zoom = between(rand, 1, 1.12);
  const W = photo.width;
  const H = photo.height;
  const zw = Math.round(W * zoom);
  const zh = Math.round(H * zoom);
  const bg = await sharp(background)
    .resize(zw, zh, { fit: 'cover' })
    .extract({ left: Math.floor(rand() * (zw - W + 1)), top: Math.floor(rand() * (zh - H + 1)), width: W, height: H })
    .removeAlpha()
    .raw()
    .toBuffer();
  const canvas: RgbImage = { data: bg, width: W, height: H };
  const faceH = opts.faces.length ? opts.faces.reduce((s, f) => s + f.height, 0) / opts.faces.length : H * 0.1;
  const cut = await cutout(photo, peopleMask, box, 1, faceH);
  const strength = between(rand, 0.35, 0.75);
  grade(cut, canvas, box.x, box.y, strength);
  await shadow(canvas, cut, box.x, box.y, faceH, between(rand, 0.25, 0.4), !isHalfBody(peopleMask, W, H, box));
  const mask = new Uint8Array(W * H);
  blend(canvas, mask, cut, box.x, box.y);
  return { image: canvas, mask, faces: [...opts.faces] };
}
