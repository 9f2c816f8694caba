import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { JobContext } from '../../src/workers/context.js';
import { VARIANT_FACE_CONFIDENCE } from '../../src/workers/photo/variants.js';
import { detectFaces, loadRgb } from '../../src/workers/photo/vision/index.js';
import { portrait } from './fixtures/portraits.js';

/** Helpers shared by the fuse tests: person photos with their faces, a job context, reading results back. */

export interface Person {
  path: string;
  face: { box: { x: number; y: number; width: number; height: number }; confidence: number };
}

/** Portraits 0…n-1 as the people of a family photo, each with the one face photo.check found in it. */
export async function people(n: number): Promise<Person[]> {
  const out: Person[] = [];
  for (let i = 0; i < n; i++) {
    const file = await portrait(i);
    const faces = await detectFaces(await loadRgb(file), { minConfidence: 0.7 });
    if (faces.length !== 1) throw new Error(`portrait ${i}: ${faces.length} faces`);
    out.push({ path: file, face: faces[0]! });
  }
  return out;
}

export function context(temp: string, signal = new AbortController().signal): JobContext & { steps: number[] } {
  const steps: number[] = [];
  return {
    steps,
    jobId: 'test',
    attempt: 0,
    checkpoint: null,
    paths: { home: temp, library: temp, temp },
    signal,
    progress: (f: number) => steps.push(f),
    saveCheckpoint: async () => undefined,
    notice: () => undefined,
    preview: () => undefined,
    secrets: {},
  };
}

/** The faces an independent look at a written PNG finds, at the variant check's confidence on a 1024 px copy. */
export async function facesIn(file: string): Promise<number> {
  const img = await loadRgb(file, { maxSide: 1024 });
  return (await detectFaces(img, { minConfidence: VARIANT_FACE_CONFIDENCE })).length;
}

/** The box of the white pixels (≥ 128) of a people mask PNG. */
export async function maskBox(file: string): Promise<{ left: number; top: number; right: number; bottom: number; width: number; height: number }> {
  const { data, info } = await sharp(file).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  let left = info.width;
  let top = info.height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! < 128) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return { left, top, right, bottom, width: info.width, height: info.height };
}

/** The XMP packet of a PNG, as text. */
export async function xmpOf(file: string): Promise<string> {
  return (await sharp(file).metadata()).xmp?.toString('utf8') ?? '';
}

/** Mean absolute difference of two same-size images, 0…255. */
export async function difference(a: string, b: string): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((f) => sharp(f).resize(512, 384, { fit: 'fill' }).removeAlpha().raw().toBuffer()));
  let sum = 0;
  for (let i = 0; i < x!.length; i++) sum += Math.abs(x![i]! - y![i]!);
  return sum / x!.length;
}

export function tempDir(root: string, name: string): string {
  const d = path.join(root, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}
