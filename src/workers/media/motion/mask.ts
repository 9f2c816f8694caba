import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { imageError, openImage } from '../image/ops.js';

/**
 * People masks for micro-motion: white = person, any size, any grey depth.
 * The renderer needs them at the frame's size, as a hard "person or not"
 * decision (so a soft edge from segmentation cannot leave a person pixel
 * half-covered by a firework), feathered outward only.
 */

/** Half grey: a segmentation's soft edge counts as person from here up. */
export const PERSON_LEVEL = 128;
/** The outward feather, as a share of the frame's longer side (≈ 8 px at 1920). */
const FEATHER_SHARE = 0.004;

/** The mask at W×H as one byte a pixel, 255 = person, 0 = not, with nothing in between. */
export async function personPixels(maskPath: string, W: number, H: number): Promise<Buffer> {
  if (!fs.existsSync(maskPath)) {
    throw new StudioError({ code: 'FILE_NOT_FOUND', message: `The people mask ${maskPath} does not exist.`, ...say('media.missing', { file: path.basename(maskPath) }) });
  }
  try {
    // A transparent pixel is no person: flatten onto black before reading the grey.
    const { data, info } = await openImage(maskPath)
      .rotate()
      .flatten({ background: '#000000' })
      .resize(W, H, { fit: 'fill', kernel: 'cubic' })
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1 || info.width !== W || info.height !== H) throw new Error(`mask came out ${info.width}×${info.height}×${info.channels}`);
    for (let i = 0; i < data.length; i++) data[i] = data[i]! >= PERSON_LEVEL ? 255 : 0;
    return data;
  } catch (err) {
    throw imageError(err, maskPath);
  }
}

/**
 * How much of the overlay each pixel may show, W×H grey: 0 on every person
 * pixel, rising to 255 a few pixels outside the silhouette. The feather is a
 * blur of the hard mask doubled (so it is full strength at the edge and only
 * spreads outward) and never lower than the hard mask itself, so no person
 * pixel, not even at a sharp corner, lets a particle through. The band
 * outside also keeps H.264's 2×2 chroma and block edges off the people.
 */
export async function overlayKeepMask(maskPath: string, W: number, H: number, outPng: string): Promise<void> {
  const hard = await personPixels(maskPath, W, H);
  const sigma = Math.max(1, Math.max(W, H) * FEATHER_SHARE);
  const soft = await sharp(hard, { raw: { width: W, height: H, channels: 1 } })
    .blur(sigma)
    .linear(2, 0)
    .toColourspace('b-w') // sharp hands a one-channel raw input back as three channels unless told
    .raw()
    .toBuffer();
  if (soft.length !== hard.length) throw new Error(`feathered mask came out ${soft.length} bytes, expected ${hard.length}`);
  const keep = Buffer.alloc(W * H);
  for (let i = 0; i < keep.length; i++) keep[i] = 255 - Math.max(hard[i]!, soft[i]!);
  await sharp(keep, { raw: { width: W, height: H, channels: 1 } }).png({ compressionLevel: 1 }).toFile(outPng);
}
