import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { imageError, openImage } from '../media/image/ops.js';
import { PERSON_LEVEL, personPixels } from '../media/motion/mask.js';
import { measureStillness, renderMicroMotion } from '../media/motion/index.js';
import { loadRgb, segmentPeople } from './vision/index.js';
import { onlinePhotoMotion } from './motion-online.js';

/**
 * photo.motion (issue 15, 微动态): the chosen family photo as a 5 s clip and
 * a Live Photo pair in which only the background moves. Backend `local`
 * draws the festive overlay behind the people, whose pixels the people mask
 * (the fuse's, or one segmented here) keeps unchanged; the result says how
 * still they stayed, measured on the written clip. Kling, Veo and Seedance
 * make the clip themselves (motion-online.ts), checked against the still.
 */

/** A mask whose width/height ratio is off the photo's by more than this is another picture's. */
const ASPECT_TOLERANCE = 0.03;
/** The size the mask is read at to see whether it holds anyone at all. */
const PRESENCE_SIDE = 128;
/** The segmenter sees 256×256; a photo larger than this only costs decoding time. The renderer scales the mask to the frame. */
const SEGMENT_SIDE = 512;

type Payload = JobPayload<'photo.motion'>;

export async function photoMotion(p: Payload, ctx: JobContext): Promise<JobResults['photo.motion']> {
  ctx.progress(0, progressLabel('checkingInputs'));
  const size = await uprightSize(p.image);
  const work = fs.mkdtempSync(path.join(ctx.paths.temp, 'kingjam-photo-motion-'));
  try {
    const mask = p.mask ?? (await segmentedMask(p.image, work, ctx));
    await checkMask(mask, p.image, size);
    if (p.backend !== 'local') return await onlinePhotoMotion(p, p.backend, mask, work, ctx);
    const render = await renderMicroMotion(p.image, {
      effect: p.effect,
      seconds: p.seconds,
      outPath: p.out,
      livePhoto: p.livePhoto,
      protectMask: mask,
      signal: ctx.signal,
      tempDir: work,
      onProgress: (f, m) => ctx.progress(0.15 + f * 0.75, m),
    });
    const stillness = await measureStillness(render.output, mask, { signal: ctx.signal, tempDir: work });
    ctx.progress(1, progressLabel('done'));
    return {
      output: render.output,
      durationSec: render.durationSec,
      width: render.width,
      height: render.height,
      livePhoto: render.livePhoto ? { jpeg: render.livePhoto.jpeg, mov: render.livePhoto.mov, contentIdentifier: render.livePhoto.contentIdentifier } : null,
      faceCheck: null,
      stillness,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** No mask came with the job (a makeover, a photo of the user's own): the people are found by segmentation and their mask written as a grey PNG. */
async function segmentedMask(image: string, work: string, ctx: JobContext): Promise<string> {
  ctx.progress(0.02, progressLabel('processingImage'));
  const rgb = await loadRgb(image, { maxSide: SEGMENT_SIDE });
  const alpha = await segmentPeople(rgb);
  const pixels = rgb.width * rgb.height;
  // One byte a pixel is the contract; read the first channel of each pixel so a multi-channel answer cannot scramble the mask.
  const channels = alpha.length / pixels;
  if (!Number.isInteger(channels) || channels < 1) throw new Error(`segmentation gave ${alpha.length} bytes for ${rgb.width}×${rgb.height}`);
  const grey = Buffer.alloc(pixels);
  let people = 0;
  for (let i = 0; i < pixels; i++) {
    grey[i] = alpha[i * channels]!;
    if (grey[i]! >= PERSON_LEVEL) people++;
  }
  if (people === 0) {
    throw new StudioError({ code: 'BAD_INPUT', field: 'image', message: `No people were found in ${image}.`, ...say('photo.motion.noPeople', { file: path.basename(image) }) });
  }
  const file = path.join(work, 'people-mask.png');
  await sharp(grey, { raw: { width: rgb.width, height: rgb.height, channels: 1 } }).png().toFile(file);
  ctx.progress(0.12, progressLabel('processingImage'));
  return file;
}

interface Size {
  width: number;
  height: number;
}

/** The picture's size as it is shown (EXIF orientation applied); a missing or corrupt photo fails here, before any work. */
async function uprightSize(file: string): Promise<Size> {
  if (!fs.existsSync(file)) throw new StudioError({ code: 'FILE_NOT_FOUND', message: `The photo ${file} does not exist.`, ...say('media.missing', { file: path.basename(file) }) });
  try {
    const meta = await openImage(file).metadata();
    if (!meta.width || !meta.height) throw new Error('no size in the header');
    // Decoding the header is not enough for a truncated file: make sure the pixels are there.
    await openImage(file).resize(8, 8, { fit: 'fill' }).raw().toBuffer();
    const turned = (meta.orientation ?? 1) >= 5;
    return turned ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
  } catch (err) {
    throw imageError(err, file);
  }
}

/** The mask must exist, be a picture, have the photo's shape and hold at least one person. */
async function checkMask(mask: string, image: string, imageSize: Size): Promise<void> {
  const file = path.basename(mask);
  if (!fs.existsSync(mask)) {
    throw new StudioError({ code: 'FILE_NOT_FOUND', field: 'mask', message: `The people mask ${mask} does not exist.`, ...say('photo.motion.maskMissing', { file }) });
  }
  let maskSize: Size;
  let people: Buffer;
  try {
    const meta = await sharp(mask).metadata();
    if (!meta.width || !meta.height) throw new Error('no size in the header');
    maskSize = (meta.orientation ?? 1) >= 5 ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
    const scale = PRESENCE_SIDE / Math.max(maskSize.width, maskSize.height);
    people = await personPixels(mask, Math.max(1, Math.round(maskSize.width * scale)), Math.max(1, Math.round(maskSize.height * scale)));
  } catch (err) {
    throw new StudioError(
      { code: 'INVALID_MEDIA', field: 'mask', message: `The people mask ${mask} is not a readable image: ${err instanceof Error ? err.message : String(err)}`, ...say('photo.motion.maskUnreadable', { file }) },
      { cause: err },
    );
  }
  const maskAspect = maskSize.width / maskSize.height;
  const imageAspect = imageSize.width / imageSize.height;
  if (Math.abs(maskAspect / imageAspect - 1) > ASPECT_TOLERANCE) {
    const fmt = (s: Size): string => `${s.width}×${s.height}`;
    throw new StudioError({
      code: 'BAD_INPUT',
      field: 'mask',
      message: `The people mask ${mask} (${fmt(maskSize)}) does not have the shape of ${image} (${fmt(imageSize)}).`,
      ...say('photo.motion.maskMismatch', { mask: file, image: path.basename(image), maskSize: fmt(maskSize), imageSize: fmt(imageSize) }),
    });
  }
  if (!people.includes(255)) {
    throw new StudioError({ code: 'BAD_INPUT', field: 'mask', message: `The people mask ${mask} marks no one.`, ...say('photo.motion.noPeople', { file }) });
  }
}
