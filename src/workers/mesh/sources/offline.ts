import path from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import type { IndexedMesh } from '../mesh.js';
import { writeTexturedGlb } from './glb.js';
import { buildRelief, RELIEF_DEFAULTS } from './relief.js';
import { bridgeDiagonals, filledCount, hasCutout, largestPiece, maskFromAlpha, maskFromBackground, type Grid } from './silhouette.js';

/**
 * The offline backend: the character's silhouette made into a rounded,
 * watertight relief with the picture on its front (relief.ts), on this
 * computer, in about a second. It is labelled a draft: it has the outline
 * and the colours of the character, not its depth.
 */

/** Cells along the image's longer side: ~190k triangles at most, detailed enough for a 12 cm figure (0.6 mm a cell). */
const GRID_LONG_SIDE = 200;
/** The texture's longer side (px). */
const TEXTURE_LONG_SIDE = 1024;

export interface OfflineRelief {
  glb: Uint8Array;
  mesh: IndexedMesh;
  grid: Grid;
  /** Where the silhouette came from. */
  mask: 'alpha' | 'background';
}

export async function offlineRelief(imagePath: string, bytes: Buffer): Promise<OfflineRelief> {
  const file = path.basename(imagePath);
  const source = sharp(bytes, { failOn: 'error' }).rotate();
  const small = await source.clone().resize(GRID_LONG_SIDE, GRID_LONG_SIDE, { fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = small.info;
  const rgba = new Uint8Array(small.data.buffer, small.data.byteOffset, small.data.length);
  const cutout = hasCutout(rgba);
  const raw = cutout ? maskFromAlpha(rgba, width, height) : maskFromBackground(rgba, width, height);
  const grid = bridgeDiagonals(largestPiece(raw));
  const filled = filledCount(grid) / (width * height);
  if (filled < 0.01 || filled > 0.97) {
    throw new StudioError({
      code: 'INVALID_MEDIA',
      message: `No character could be told apart from the background in ${file} (${Math.round(filled * 100)} % of the picture).`,
      hint: 'Use a picture of the character on a plain background, or a PNG with a transparent background.',
      ...say('mesh.source.noSubject', { file }),
    });
  }
  const mesh = buildRelief(grid, RELIEF_DEFAULTS);
  // Transparent pixels take white, so the relief's rim (which samples the outline) is not black.
  const texture = await source.clone().resize(TEXTURE_LONG_SIDE, TEXTURE_LONG_SIDE, { fit: 'inside', withoutEnlargement: true }).flatten({ background: '#ffffff' }).png().toBuffer();
  const glb = await writeTexturedGlb(mesh, texture, 'offline-relief');
  return { glb, mesh, grid, mask: cutout ? 'alpha' : 'background' };
}
