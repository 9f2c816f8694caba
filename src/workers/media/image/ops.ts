import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { OverlayOptions, Sharp } from 'sharp';
import { StudioError } from '../../../shared/errors.js';
import type { Aspect } from '../../../shared/timeline.js';
import { provenanceXmp } from '../provenance.js';
import { SVG_FONT_FAMILY_TC, useBundledFontsForSvgText } from '../svg-fonts.js';
import { say } from '../../../shared/messages.js';

/**
 * Image operations every generator uses. Inputs are a path or a Buffer; every
 * op writes outPath and returns its size. Outputs that are (derived from) AI
 * images carry the IPTC DigitalSourceType XMP unless `aiGenerated: false`.
 */

export type ImageInput = string | Buffer;

/** Refuse anything that would decode to more pixels than this (a 10 MB PNG can declare gigapixels). */
export const MAX_INPUT_PIXELS = 100_000_000;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_NORMALISED_BYTES = 2 * 1024 * 1024;

export interface ImageResult {
  path: string;
  width: number;
  height: number;
  bytes: number;
  format: string;
}

function describe(input: ImageInput): string {
  return typeof input === 'string' ? input : 'the uploaded image';
}

/** The file's name for the UI's text (an uploaded buffer has none). */
function fileParam(input: ImageInput): { file: string } {
  return { file: typeof input === 'string' ? path.basename(input) : '—' };
}

/** sharp with the decompression-bomb guard; every op opens images through here. */
export function openImage(input: ImageInput): Sharp {
  return sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
}

/** Turns sharp's errors into StudioErrors a user can act on. */
export function imageError(err: unknown, input: ImageInput): StudioError {
  if (err instanceof StudioError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(msg)) {
    return new StudioError(
      { code: 'IMAGE_TOO_LARGE', message: `${describe(input)} is too large: it would decode to more than ${MAX_INPUT_PIXELS / 1e6} megapixels.`, hint: 'Use an image of at most 100 megapixels.', ...say('image.tooManyPixels', { ...fileParam(input), limit: MAX_INPUT_PIXELS / 1e6 }) },
      { cause: err },
    );
  }
  if (/ENOENT|no such file|does not exist/i.test(msg)) {
    return new StudioError({ code: 'FILE_NOT_FOUND', message: `${describe(input)} does not exist.`, ...say('media.missing', fileParam(input)) }, { cause: err });
  }
  return new StudioError({ code: 'INVALID_MEDIA', message: `${describe(input)} is not a readable image: ${msg}`, ...say('media.unreadableImage', fileParam(input)) }, { cause: err });
}

async function finish(img: Sharp, outPath: string, aiGenerated: boolean): Promise<ImageResult> {
  fs.mkdirSync(path.dirname(path.resolve(outPath)), { recursive: true });
  const ext = path.extname(outPath).toLowerCase();
  let out = img;
  // Lossless in full colour: sharp's PNG `effort` (like `colours`, `quality`, `dither`) quietly turns on a 256-colour palette.
  if (ext === '.png') out = out.png({ compressionLevel: 9, palette: false });
  else if (ext === '.webp') out = out.webp({ quality: 86 });
  else out = out.jpeg({ quality: 88, mozjpeg: true });
  if (aiGenerated) out = out.withXmp(provenanceXmp());
  const info = await out.toFile(outPath);
  return { path: outPath, width: info.width, height: info.height, bytes: info.size, format: info.format };
}

async function run<T>(input: ImageInput, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw imageError(err, input);
  }
}

/**
 * Normalises an upload (seed 002 §4.1): ≤ 10 MB in, EXIF orientation applied,
 * PNG out of at most 2 MB — stepping the size down until it fits. Uploads are
 * the user's photos, so no AI label.
 */
export async function normaliseUpload(input: ImageInput, opts: { outPath: string; maxBytes?: number }): Promise<ImageResult> {
  const maxBytes = opts.maxBytes ?? MAX_NORMALISED_BYTES;
  const size = typeof input === 'string' ? fs.statSync(input, { throwIfNoEntry: false })?.size : input.length;
  if (size === undefined) throw new StudioError({ code: 'FILE_NOT_FOUND', message: `${describe(input)} does not exist.`, ...say('media.missing', fileParam(input)) });
  if (size === 0) throw new StudioError({ code: 'EMPTY_FILE', message: `${describe(input)} is empty.`, ...say('media.empty', fileParam(input)) });
  if (size > MAX_UPLOAD_BYTES) {
    throw new StudioError({ code: 'FILE_TOO_LARGE', message: `${describe(input)} is ${(size / 1048576).toFixed(1)} MB; uploads may be at most 10 MB.`, ...say('image.uploadTooLarge', { ...fileParam(input), size: (size / 1048576).toFixed(1) }) });
  }
  return run(input, async () => {
    const rotated = await openImage(input).rotate().toBuffer({ resolveWithObject: true });
    let { width, height } = rotated.info;
    for (let attempt = 0; attempt < 12; attempt++) {
      const png = await sharp(rotated.data, { limitInputPixels: MAX_INPUT_PIXELS })
        .resize(width, height, { fit: 'fill' })
        .png({ compressionLevel: 6, adaptiveFiltering: true }) // level 9 costs seconds more on photos for ~2 % smaller files
        .toBuffer();
      if (png.length <= maxBytes) {
        fs.mkdirSync(path.dirname(path.resolve(opts.outPath)), { recursive: true });
        fs.writeFileSync(opts.outPath, png);
        return { path: opts.outPath, width, height, bytes: png.length, format: 'png' };
      }
      // PNG size grows roughly with pixel count: shrink by the square root of the overshoot, with a margin.
      const scale = Math.min(0.9, Math.sqrt(maxBytes / png.length) * 0.95);
      width = Math.max(1, Math.round(width * scale));
      height = Math.max(1, Math.round(height * scale));
    }
    throw new StudioError({ code: 'IMAGE_TOO_LARGE', message: `${describe(input)} could not be reduced below ${maxBytes} bytes.`, ...say('image.cannotShrink', { ...fileParam(input), bytes: maxBytes }) });
  });
}

const ASPECT_RATIO: Record<Aspect, number> = { '9:16': 9 / 16, '16:9': 16 / 9, '1:1': 1, '4:5': 4 / 5 };

/**
 * Crops (cover, keeping the most salient region by sharp's attention
 * strategy) or pads (contain) an image to an aspect ratio, at the largest
 * size the source allows.
 */
export async function cropToAspect(
  input: ImageInput,
  opts: { aspect: Aspect; outPath: string; fit?: 'cover' | 'contain'; background?: string; aiGenerated?: boolean },
): Promise<ImageResult> {
  return run(input, async () => {
    const rotated = await openImage(input).rotate().toBuffer({ resolveWithObject: true });
    const { width: w, height: h } = rotated.info;
    const ratio = ASPECT_RATIO[opts.aspect];
    const fit = opts.fit ?? 'cover';
    let tw: number;
    let th: number;
    if ((fit === 'cover') === (w / h > ratio)) {
      th = h;
      tw = Math.round(h * ratio);
    } else {
      tw = w;
      th = Math.round(w / ratio);
    }
    const img = sharp(rotated.data).resize(tw, th, {
      fit,
      position: fit === 'cover' ? sharp.strategy.attention : 'centre',
      background: opts.background ?? '#000000',
    });
    return finish(img, opts.outPath, opts.aiGenerated ?? true);
  });
}

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Watermark: text and/or a logo in a corner, or (free tier) the text tiled
 * diagonally across the whole image so it cannot be cropped away.
 */
export async function watermark(
  input: ImageInput,
  opts: { outPath: string; text?: string; logo?: ImageInput; position?: Corner; tiled?: boolean; opacity?: number; aiGenerated?: boolean },
): Promise<ImageResult> {
  if (!opts.text && !opts.logo) throw new StudioError({ code: 'BAD_INPUT', field: 'text', message: 'A watermark needs a text or a logo.', ...say('image.watermarkEmpty') });
  return run(input, async () => {
    const base = await openImage(input).rotate().toBuffer({ resolveWithObject: true });
    const { width: W, height: H } = base.info;
    const opacity = opts.opacity ?? (opts.tiled ? 0.28 : 0.7);
    const margin = Math.round(Math.min(W, H) * 0.03);
    const layers: OverlayOptions[] = [];
    useBundledFontsForSvgText();
    const family = SVG_FONT_FAMILY_TC;

    if (opts.tiled && opts.text) {
      const fs_ = Math.max(14, Math.round(Math.min(W, H) / 18));
      const stepX = Math.round(fs_ * Math.max(6, opts.text.length * 0.75));
      const stepY = fs_ * 5;
      const texts: string[] = [];
      for (let y = -H; y < 2 * H; y += stepY) {
        for (let x = -W; x < 2 * W; x += stepX) {
          const dx = (Math.floor(y / stepY) % 2) * (stepX / 2);
          texts.push(`<text x="${x + dx}" y="${y}">${xmlText(opts.text)}</text>`);
        }
      }
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><g transform="rotate(-30 ${W / 2} ${H / 2})" font-family="${family}" font-size="${fs_}" font-weight="bold" fill="#FFFFFF" fill-opacity="${opacity}" stroke="#000000" stroke-opacity="${opacity * 0.6}" stroke-width="${Math.max(1, fs_ / 20)}">${texts.join('')}</g></svg>`;
      layers.push({ input: Buffer.from(svg), top: 0, left: 0 });
    }

    const pos = opts.position ?? 'bottom-right';
    const right = pos.endsWith('right');
    const bottom = pos.startsWith('bottom');
    let logoH = 0;
    let logoW = 0;
    if (opts.logo) {
      const target = Math.round(Math.min(W, H) * 0.12);
      const logo = await openImage(opts.logo)
        .resize(target, target, { fit: 'inside' })
        .ensureAlpha(opacity)
        .png()
        .toBuffer({ resolveWithObject: true });
      logoW = logo.info.width;
      logoH = logo.info.height;
      layers.push({
        input: logo.data,
        left: right ? W - margin - logoW : margin,
        top: bottom ? H - margin - logoH : margin,
      });
    }
    if (opts.text && !opts.tiled) {
      const fs_ = Math.max(12, Math.round(Math.min(W, H) / 28));
      const y = bottom ? H - margin - (logoH ? logoH + margin / 2 : 0) : margin + fs_ + (logoH ? logoH + margin / 2 : 0);
      const anchor = right ? 'end' : 'start';
      const x = right ? W - margin : margin;
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><text x="${x}" y="${bottom ? y - fs_ * 0.2 : y}" text-anchor="${anchor}" font-family="${family}" font-size="${fs_}" font-weight="bold" fill="#FFFFFF" fill-opacity="${opacity}" stroke="#000000" stroke-opacity="${opacity * 0.7}" stroke-width="${Math.max(1, fs_ / 16)}" paint-order="stroke">${xmlText(opts.text)}</text></svg>`;
      layers.push({ input: Buffer.from(svg), top: 0, left: 0 });
    }
    return finish(sharp(base.data).composite(layers), opts.outPath, opts.aiGenerated ?? true);
  });
}

/**
 * The 4-choose-1 view: four variants in a 2×2 grid, each cell covering
 * `cell` pixels, numbered 1–4 in a badge at its top-left corner.
 */
export async function contactGrid(
  inputs: readonly ImageInput[],
  opts: { outPath: string; cell?: { width: number; height: number }; gap?: number; background?: string; aiGenerated?: boolean },
): Promise<ImageResult> {
  if (inputs.length !== 4) {
    throw new StudioError({ code: 'BAD_INPUT', field: 'inputs', message: `A contact grid takes exactly 4 images (got ${inputs.length}).`, ...say('image.gridNeedsFour', { count: inputs.length }) });
  }
  const cell = opts.cell ?? { width: 512, height: 512 };
  const gap = opts.gap ?? 8;
  const W = cell.width * 2 + gap * 3;
  const H = cell.height * 2 + gap * 3;
  const badge = Math.max(24, Math.round(Math.min(cell.width, cell.height) * 0.12));
  const layers: OverlayOptions[] = [];
  for (const [i, input] of inputs.entries()) {
    const left = gap + (i % 2) * (cell.width + gap);
    const top = gap + Math.floor(i / 2) * (cell.height + gap);
    const tile = await run(input, () => openImage(input).rotate().resize(cell.width, cell.height, { fit: 'cover', position: sharp.strategy.attention }).png().toBuffer());
    layers.push({ input: tile, left, top });
    const pad = Math.round(badge * 0.25);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${badge}" height="${badge}"><circle cx="${badge / 2}" cy="${badge / 2}" r="${badge / 2 - 1}" fill="#E53935" stroke="#FFFFFF" stroke-width="${Math.max(2, badge / 14)}"/><text x="50%" y="50%" dy="0.35em" text-anchor="middle" font-family="'Noto Sans CJK SC','DejaVu Sans',sans-serif" font-weight="bold" font-size="${Math.round(badge * 0.6)}" fill="#FFFFFF">${i + 1}</text></svg>`;
    layers.push({ input: Buffer.from(svg), left: left + pad, top: top + pad });
  }
  const canvas = sharp({ create: { width: W, height: H, channels: 3, background: opts.background ?? '#FFFFFF' } }).composite(layers);
  return finish(canvas, opts.outPath, opts.aiGenerated ?? true);
}

/** A thumbnail whose longer side is `size` (never enlarged); JPEG or WebP by outPath's extension. */
export async function thumbnail(input: ImageInput, opts: { outPath: string; size?: number; aiGenerated?: boolean }): Promise<ImageResult> {
  const size = opts.size ?? 320;
  return run(input, async () => {
    const img = openImage(input).rotate().resize(size, size, { fit: 'inside', withoutEnlargement: true });
    return finish(img, opts.outPath, opts.aiGenerated ?? true);
  });
}

/** Re-writes an image with the AI-disclosure XMP (for generator outputs that need no other change). */
export async function markAiGenerated(input: ImageInput, opts: { outPath: string }): Promise<ImageResult> {
  return run(input, async () => finish(openImage(input), opts.outPath, true));
}
