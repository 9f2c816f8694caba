import sharp from 'sharp';
import { estimateSkew } from './deskew.js';
import { dilate, otsu, removeSpecks, rotate, type Mask, type Raster } from './raster.js';

/**
 * Line-art cleanup of a scanned or photographed sketch: greyscale, flatten the
 * paper (divide by a blurred estimate of the paper so shading and uneven light
 * go), measure and undo the skew, threshold (Otsu), drop specks, thicken.
 */
export interface CleanOptions {
  /** Grow the lines by this many pixels (0 = as drawn). */
  thicken: number;
  /** Ink blobs smaller than this many pixels are dust. */
  minSpeck: number;
  /** Measure and undo the skew (±15°). */
  deskew: boolean;
}

export interface CleanedSketch {
  width: number;
  height: number;
  /** Clockwise skew found in the input, degrees (0 when deskew is off). */
  angle: number;
  /** The grey level the lines were cut at, on the flattened image. */
  threshold: number;
  /** The lines (1 = ink), deskewed. */
  lines: Mask;
  /** The flattened greyscale, deskewed (paper ≈ 255): shading tones for the PSD. */
  flat: Uint8Array;
  /** The original colours (RGB), deskewed. */
  colour: Raster;
  specksRemoved: number;
}

/** Paper brightness everywhere: the image shrunk 8×, lines erased by a 5×5 maximum, blurred, grown back. */
async function paperEstimate(grey: Raster): Promise<Uint8Array> {
  const sw = Math.max(4, Math.ceil(grey.width / 8));
  const sh = Math.max(4, Math.ceil(grey.height / 8));
  const small = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .resize(sw, sh, { fit: 'fill' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const maxed = new Uint8Array(sw * sh);
  for (let pass = 0; pass < 2; pass++) {
    const src = pass === 0 ? small : Buffer.from(maxed);
    for (let y = 0; y < sh; y++) {
      for (let x = 0; x < sw; x++) {
        let m = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const xx = Math.min(sw - 1, Math.max(0, x + dx));
            const yy = Math.min(sh - 1, Math.max(0, y + dy));
            m = Math.max(m, src[yy * sw + xx]!);
          }
        }
        maxed[y * sw + x] = m;
      }
    }
  }
  return new Uint8Array(
    await sharp(Buffer.from(maxed), { raw: { width: sw, height: sh, channels: 1 } })
      .blur(2)
      .resize(grey.width, grey.height, { fit: 'fill', kernel: 'linear' })
      .toColourspace('b-w')
      .raw()
      .toBuffer(),
  );
}

export async function cleanSketch(input: string | Buffer, options: CleanOptions): Promise<CleanedSketch> {
  // EXIF orientation first: phone photos of sketches are usually stored sideways.
  const base = sharp(input, { limitInputPixels: 80_000_000 }).rotate();
  const rgb = await base.clone().flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const { width, height } = rgb.info;
  const colour: Raster = { width, height, channels: rgb.info.channels, data: new Uint8Array(rgb.data) };
  const greyBuf = await sharp(rgb.data, { raw: { width, height, channels: rgb.info.channels } }).toColourspace('b-w').raw().toBuffer();
  const grey: Raster = { width, height, channels: 1, data: new Uint8Array(greyBuf) };
  const paper = await paperEstimate(grey);
  const flatData = new Uint8Array(width * height);
  for (let i = 0; i < flatData.length; i++) flatData[i] = Math.min(255, Math.round((grey.data[i]! * 255) / Math.max(1, paper[i]!)));
  let flat: Raster = { width, height, channels: 1, data: flatData };

  let angle = 0;
  if (options.deskew) {
    const t0 = otsu(flat.data);
    const rough: Mask = { width, height, data: new Uint8Array(width * height) };
    for (let i = 0; i < rough.data.length; i++) rough.data[i] = flat.data[i]! <= t0 ? 1 : 0;
    removeSpecks(rough, Math.max(4, options.minSpeck));
    angle = estimateSkew(rough);
  }
  let colourOut = colour;
  if (angle !== 0) {
    flat = rotate(flat, -angle, [255]);
    colourOut = rotate(colour, -angle, [255, 255, 255]);
  }
  const threshold = otsu(flat.data);
  const lines: Mask = { width, height, data: new Uint8Array(width * height) };
  for (let i = 0; i < lines.data.length; i++) lines.data[i] = flat.data[i]! <= threshold ? 1 : 0;
  const specksRemoved = removeSpecks(lines, options.minSpeck);
  dilate(lines, options.thicken);
  return { width, height, angle, threshold, lines, flat: flat.data, colour: colourOut, specksRemoved };
}

/** The lines as a PNG: black on transparent, or black on white when the background stays. */
export async function linesPng(sketch: CleanedSketch, removeBackground: boolean): Promise<Buffer> {
  const { width, height, lines } = sketch;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < lines.data.length; i++) {
    const ink = lines.data[i] === 1;
    const v = ink ? 0 : 255;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = ink || !removeBackground ? 255 : 0;
  }
  return sharp(rgba, { raw: { width, height, channels: 4 } }).png({ compressionLevel: 6 }).toBuffer();
}
