import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import { MAX_INPUT_PIXELS } from '../../media/image/ops.js';
import { provenanceXmp } from '../../media/provenance.js';

/**
 * A result as the studio keeps it: a PNG of at most PHOTO_LIMITS.resultBytes
 * (2 MB) with the media engine's AI-provenance XMP. A model's answer that is
 * larger (a 2K Seedream JPEG re-encoded losslessly, a 2× CodeFormer upscale) is
 * stepped down in size until it fits, as uploads are normalised.
 */
export async function saveResultPng(bytes: Buffer, outPath: string, maxBytes: number = PHOTO_LIMITS.resultBytes): Promise<{ path: string; width: number; height: number; bytes: number }> {
  const decoded = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate().toBuffer({ resolveWithObject: true });
  let { width, height } = decoded.info;
  for (let attempt = 0; attempt < 12; attempt++) {
    const png = await sharp(decoded.data, { limitInputPixels: MAX_INPUT_PIXELS }).resize(width, height, { fit: 'fill' }).png({ compressionLevel: 9, palette: false }).withXmp(provenanceXmp()).toBuffer();
    if (png.length <= maxBytes) {
      await fs.promises.mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
      await fs.promises.writeFile(outPath, png);
      return { path: outPath, width, height, bytes: png.length };
    }
    // PNG size grows about with the pixel count: shrink by the square root of the overshoot, with a margin.
    const scale = Math.min(0.9, Math.sqrt(maxBytes / png.length) * 0.95);
    width = Math.max(1, Math.round(width * scale));
    height = Math.max(1, Math.round(height * scale));
  }
  throw new StudioError({ code: 'IMAGE_TOO_LARGE', message: `The result could not be reduced below ${maxBytes} bytes.`, ...say('image.cannotShrink', { file: path.basename(outPath), bytes: maxBytes }) });
}
