import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { say } from '../../shared/messages.js';
import { PHOTO_LIMITS } from '../../shared/photo/limits.js';
import type { PhotoVariant, PhotoVariantFailure, PhotoVariantsResult } from '../../shared/photo/jobs.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { TOOL_NAME } from '../media/provenance.js';
import { watermark } from '../media/image/ops.js';
import { DRAFT_TOOL, encodeMaskPng, encodeResultPng } from './offline/encode.js';
import type { RgbImage } from './vision/index.js';
import type { DetectedFace } from '../../shared/photo/check.js';

/**
 * The 4-choose-1 loop shared by photo.fuse and photo.makeover: for each seed
 * make a variant, check that the faces found in it are exactly the people
 * (none lost, none doubled), give a failing one ONE more generation with a
 * seed derived from it (seed 002: replaced once), and write the survivors as
 * ≤ 2 MB PNGs with provenance, their people masks beside them.
 */

/** What a backend made for one seed: the picture, the people mask when the maker knows it, and who made it. */
export interface MadeVariant {
  image: RgbImage;
  /** White = person, at the image's size; null when the picture came from a model (then it is segmented here). */
  mask: Uint8Array | null;
  provider: string;
  model: string;
  draft: boolean;
}

export interface VariantVision {
  detectFaces(img: RgbImage, opts?: { minConfidence?: number }): Promise<DetectedFace[]>;
  segmentPeople(img: RgbImage): Promise<Uint8Array>;
}

/**
 * A face counts in a variant at this confidence. Lower than the 0.7 asked of
 * an upload: the upload check is about quality, this one about faces lost or
 * doubled, and BlazeFace scores the smaller faces of a group picture lower
 * (measured 0.48–0.95 on offline composites of five at 1024 px), while the
 * drawn backgrounds' ornaments scored up to 0.40 (a 福 diamond).
 */
export const VARIANT_FACE_CONFIDENCE = 0.5;

/** The one more generation's seed: far from the 1001–1004 of the first round, and fixed by the seed it replaces. */
export function replacementSeed(seed: number): number {
  return seed + 10_000;
}

/** The check looks at a copy at most this wide: BlazeFace sees a 256-pixel square either way, and turning a 2048-pixel picture into its tensor costs ten times as long (measured 1.1 s against 0.11 s, same scores). */
const CHECK_SIDE = 1024;

async function countFaces(vision: VariantVision, img: RgbImage): Promise<number> {
  let view = img;
  if (Math.max(img.width, img.height) > CHECK_SIDE) {
    const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
      .resize(CHECK_SIDE, CHECK_SIDE, { fit: 'inside' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    view = { data, width: info.width, height: info.height };
  }
  return (await vision.detectFaces(view, { minConfidence: VARIANT_FACE_CONFIDENCE })).length;
}

async function writeVariant(made: MadeVariant, file: string, wm: boolean, vision: VariantVision): Promise<{ width: number; height: number; bytes: number; mask: Buffer }> {
  const tool = made.draft ? DRAFT_TOOL : TOOL_NAME;
  let source: RgbImage | Buffer = made.image;
  if (wm) {
    // The free tier's tiled watermark (the media engine's op), then the size and provenance pass.
    const plain = await sharp(made.image.data, { raw: { width: made.image.width, height: made.image.height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
    const marked = `${file}.wm.png`;
    await watermark(plain, { outPath: marked, text: TOOL_NAME, tiled: true });
    source = fs.readFileSync(marked);
    fs.rmSync(marked, { force: true });
  }
  const out = await encodeResultPng(source, { maxBytes: PHOTO_LIMITS.resultBytes, tool });
  fs.writeFileSync(file, out.png);
  const people = made.mask ?? (await vision.segmentPeople(made.image));
  const mask = await encodeMaskPng(people, made.image.width, made.image.height, out);
  return { width: out.width, height: out.height, bytes: out.png.length, mask };
}

export async function makeVariants(opts: {
  seeds: readonly number[];
  expectedFaces: number;
  outDir: string;
  watermark: boolean;
  make: (seed: number) => Promise<MadeVariant>;
  vision: VariantVision;
  ctx: JobContext;
  /** The file names' prefix (fuse / makeover). */
  name: string;
}): Promise<PhotoVariantsResult> {
  const { ctx } = opts;
  fs.mkdirSync(opts.outDir, { recursive: true });
  const variants: PhotoVariant[] = [];
  const failures: PhotoVariantFailure[] = [];
  const masks: Record<number, string> = {};
  const steps = opts.seeds.length;
  for (const [i, first] of opts.seeds.entries()) {
    ctx.progress(i / steps, progressLabel('step', { step: i + 1, steps }));
    let found = -1;
    let ok = false;
    const tries = [first, ...Array.from({ length: PHOTO_LIMITS.variantReplacements }, (_, k) => replacementSeed(first) + k)];
    for (const [attempt, seed] of tries.entries()) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const made = await opts.make(seed);
      found = await countFaces(opts.vision, made.image);
      if (found !== opts.expectedFaces) continue;
      const file = path.join(opts.outDir, `${opts.name}-${seed}.png`);
      const written = await writeVariant(made, file, opts.watermark, opts.vision);
      const maskFile = path.join(opts.outDir, `${opts.name}-${seed}-mask.png`);
      fs.writeFileSync(maskFile, written.mask);
      masks[seed] = maskFile;
      variants.push({ seed, path: file, width: written.width, height: written.height, bytes: written.bytes, facesFound: found, replacement: attempt > 0, draft: made.draft, provider: made.provider, model: made.model });
      ok = true;
      break;
    }
    if (!ok) {
      const why = say('photo.fuse.facesMismatch', { expected: opts.expectedFaces, found });
      failures.push({ seed: first, key: why.key, params: why.params ?? {} });
    }
  }
  ctx.progress(1, progressLabel('done'));
  return { variants, failures, masks };
}
