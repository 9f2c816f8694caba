import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';

const require = createRequire(import.meta.url);

/**
 * Portraits of one person each, cut out of the group photos that ship in the
 * @vladmandic/face-api package's demo folder (node_modules/@vladmandic/face-api/demo/sample*.jpg,
 * the package is MIT-licensed). Each box holds exactly one face (BlazeFace finds one at ≥ 0.84,
 * about 360 px wide) and no neighbour's face; narrow crops are widened to the seed's 720 px by
 * repeating their edge pixels, so nothing is upscaled or blurred.
 */
const CROPS = [
  { sample: 1, left: 120, top: 100, width: 640, height: 1180 },
  { sample: 2, left: 1170, top: 0, width: 750, height: 1367 },
  { sample: 3, left: 250, top: 100, width: 740, height: 1250 },
] as const;

const MIN_SIDE = 720;

function samplePath(n: number): string {
  return path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', `sample${n}.jpg`);
}

/** Writes the three portraits as JPEGs into `dir`; returns their paths. */
export async function writePortraits(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    CROPS.map(async (c, i) => {
      const file = path.join(dir, `portrait-${i + 1}.jpg`);
      const pad = Math.max(0, Math.ceil((MIN_SIDE - c.width) / 2));
      await sharp(samplePath(c.sample))
        .extract({ left: c.left, top: c.top, width: c.width, height: c.height })
        .extend({ left: pad, right: pad, extendWith: 'copy' })
        .jpeg({ quality: 92 })
        .toFile(file);
      return file;
    }),
  );
}

/** A photo with no face at all: a sharp, detailed patch of a demo photo's background scaled up to 1024 px. */
export async function writeNoFacePhoto(file: string): Promise<string> {
  await sharp(samplePath(1)).extract({ left: 0, top: 800, width: 400, height: 400 }).resize(1024, 1024).jpeg({ quality: 92 }).toFile(file);
  return file;
}
