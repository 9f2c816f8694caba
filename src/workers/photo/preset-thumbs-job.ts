import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { BACKGROUND_PRESETS, type BackgroundPreset } from '../../shared/photo/presets.js';
import type { JobContext } from '../context.js';
import { backgroundCacheDir, renderBackground } from './backgrounds/index.js';

/**
 * The photo picker's previews: each bundled background drawn at thumbnail
 * size from the vector scene the fuse uses, as WebP. A render already in
 * the cache is read back, so after the first start this costs a few reads.
 */
export async function presetThumbs(p: JobPayload<'photo.presetThumbs'>, ctx: JobContext): Promise<JobResults['photo.presetThumbs']> {
  fs.mkdirSync(p.outDir, { recursive: true });
  const files: Partial<Record<BackgroundPreset, string>> = {};
  for (const [i, preset] of BACKGROUND_PRESETS.entries()) {
    if (ctx.signal.aborted) break;
    const png = await renderBackground(preset, p.width, p.height, backgroundCacheDir(ctx));
    const file = path.join(p.outDir, `${preset}-${p.width}x${p.height}.webp`);
    await sharp(png).webp({ quality: 80 }).toFile(file);
    files[preset] = file;
    ctx.progress((i + 1) / BACKGROUND_PRESETS.length);
  }
  return { files };
}
