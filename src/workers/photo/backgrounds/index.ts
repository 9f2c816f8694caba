import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { BackgroundPreset } from '../../../shared/photo/presets.js';
import { SVG_FONT_FAMILY_TC, useBundledFontsForSvgText } from '../../media/svg-fonts.js';
import { VH, VW, vignette } from './draw.js';
import { europeanMansion, guochao, newYearDinner, rosewoodLivingRoom } from './indoor.js';
import { forbiddenCityWall, lanternFestival, seaside, snowScene } from './outdoor.js';

/**
 * The eight bundled backgrounds (src/shared/photo/presets.ts), drawn by the
 * studio as SVG and rendered with sharp: no downloaded art, no licence
 * question. Landscape 4:3 at 2048×1536 by default; another size is drawn from
 * the same vector scene (covering it, centred).
 */
export const BACKGROUND_SIZE = { width: 2048, height: 1536 } as const;

/** Bumped whenever a drawing changes, so cached renders of the old one are not reused. */
const ART_VERSION = 2;

const SCENES: Record<BackgroundPreset, { draw: (family: string) => string; floor: number; vignette: number }> = {
  'rosewood-living-room': { draw: rosewoodLivingRoom, floor: 1180, vignette: 0.3 },
  'forbidden-city-wall': { draw: forbiddenCityWall, floor: 1210, vignette: 0.15 },
  guochao: { draw: guochao, floor: 1190, vignette: 0.3 },
  'european-mansion': { draw: europeanMansion, floor: 1150, vignette: 0.2 },
  'new-year-dinner': { draw: newYearDinner, floor: 1200, vignette: 0.35 },
  'lantern-festival': { draw: lanternFestival, floor: 1230, vignette: 0.3 },
  snow: { draw: snowScene, floor: 1100, vignette: 0.12 },
  seaside: { draw: seaside, floor: 1060, vignette: 0.15 },
};

/** Where people stand in a preset: the floor or ground line as a fraction of the height (0 top, 1 bottom). */
export function floorLine(preset: BackgroundPreset): number {
  return SCENES[preset].floor / VH;
}

export function backgroundSvg(preset: BackgroundPreset, width: number, height: number): string {
  const scene = SCENES[preset];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${VW} ${VH}" preserveAspectRatio="xMidYMid slice">${scene.draw(SVG_FONT_FAMILY_TC)}${vignette(scene.vignette)}</svg>`;
}

/** Where rendered backgrounds are kept between jobs (the worker's temp folder). */
export function backgroundCacheDir(ctx: { paths: { temp: string } }): string {
  return path.join(ctx.paths.temp, 'photo-backgrounds');
}

/**
 * The preset as a PNG of width×height. With a cache folder (the worker's temp
 * folder) a size drawn once is read back from disk: librsvg takes a few
 * hundred milliseconds for the busier scenes, and a fuse of four variants
 * asks for the same one four times.
 */
export async function renderBackground(preset: BackgroundPreset, width: number, height: number, cacheDir?: string): Promise<Buffer> {
  const file = cacheDir ? path.join(cacheDir, `${preset}-${width}x${height}-v${ART_VERSION}.png`) : null;
  if (file && fs.existsSync(file)) return fs.readFileSync(file);
  useBundledFontsForSvgText();
  const png = await sharp(Buffer.from(backgroundSvg(preset, width, height))).flatten({ background: '#000000' }).png({ compressionLevel: 6 }).toBuffer();
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written beside and renamed, so a parallel job never reads half a file.
    const part = `${file}.${process.pid}.part`;
    fs.writeFileSync(part, png);
    fs.renameSync(part, file);
  }
  return png;
}
