import type { ImageInput } from '../../media/image/ops.js';
import { imageError, openImage } from '../../media/image/ops.js';

/** A decoded photo as the vision models take it: 8-bit RGB, row by row, upright (EXIF orientation applied). */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

/** Decodes an image to upright RGB, optionally no larger than maxSide on its longer side. */
export async function loadRgb(input: ImageInput, opts: { maxSide?: number } = {}): Promise<RgbImage> {
  try {
    let img = openImage(input).rotate();
    if (opts.maxSide) img = img.resize(opts.maxSide, opts.maxSide, { fit: 'inside', withoutEnlargement: true });
    const { data, info } = await img.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (err) {
    throw imageError(err, input);
  }
}
