import sharp from 'sharp';
import type { ImageInput } from '../../generation/providers/types.js';

/**
 * What the image models are sent. Every photo goes at most 1536 px on its long
 * side as a JPEG (q 90): five people and a background then stay a few
 * megabytes — far under the 20 MB a Gemini request and the gateway take, and
 * quick to send inside a 30-second limit — while an 80-px face in a 720p
 * photo keeps every pixel it had.
 */
const SEND_LONG_SIDE = 1536;

export async function forSending(bytes: Buffer): Promise<ImageInput> {
  const jpeg = await sharp(bytes, { failOn: 'error' })
    .rotate()
    .resize(SEND_LONG_SIDE, SEND_LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 90 })
    .toBuffer();
  return { bytes: jpeg, mimeType: 'image/jpeg' };
}

/**
 * FLUX Kontext edits one image, and Replicate's multi-image Kontext takes two:
 * a family of up to five and a background go on one reference sheet instead —
 * the people in panels on the left (two columns from three people on), the
 * background large on the right — and the prompt says which is which.
 */
const SHEET_HEIGHT = 1024;

export async function referenceSheet(people: Buffer[], background: Buffer): Promise<ImageInput> {
  const columns = people.length > 2 ? 2 : 1;
  const rows = Math.ceil(people.length / columns);
  const panel = Math.floor(SHEET_HEIGHT / rows);
  const bg = await sharp(background).rotate().resize({ height: SHEET_HEIGHT }).toBuffer({ resolveWithObject: true });
  const left = panel * columns;
  const tiles = await Promise.all(
    people.map(async (p, i) => ({
      input: await sharp(p).rotate().resize(panel, panel, { fit: 'contain', background: '#ffffff' }).toBuffer(),
      left: (i % columns) * panel,
      top: Math.floor(i / columns) * panel,
    })),
  );
  const sheet = await sharp({ create: { width: left + bg.info.width, height: SHEET_HEIGHT, channels: 3, background: '#ffffff' } })
    .composite([...tiles, { input: bg.data, left, top: 0 }])
    .jpeg({ quality: 90 })
    .toBuffer();
  return { bytes: sheet, mimeType: 'image/jpeg' };
}
