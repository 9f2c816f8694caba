import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import type { ContactSheetResult, JobPayload } from '../../shared/jobs/kinds.js';
import type { JobContext } from '../context.js';
import { openImage } from './image/ops.js';
import { SVG_FONT_FAMILY_TC, useBundledFontsForSvgText } from './svg-fonts.js';
import { progressLabel } from '../../shared/progress-labels.js';

const LABEL_HEIGHT = 48;
const GAP = 16;
const HEADER = 96;
const BACKGROUND = '#0f172a';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function textSvg(text: string, width: number, height: number, size: number, color: string, weight = 400): Buffer {
  useBundledFontsForSvgText();
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<text x="50%" y="${Math.round(height * 0.68)}" text-anchor="middle" font-family="${SVG_FONT_FAMILY_TC}" ` +
      `font-size="${size}" font-weight="${weight}" fill="${color}">${escapeXml(text)}</text></svg>`,
  );
}

/** A grid of the images with their labels under a title: the demo's and the library's overview sheet. */
export async function contactSheet(p: JobPayload<'media.contactSheet'>, ctx: JobContext): Promise<ContactSheetResult> {
  const cell = p.cellWidth;
  const columns = Math.min(p.columns, p.images.length);
  const rows = Math.ceil(p.images.length / columns);
  const width = GAP + columns * (cell + GAP);
  const height = HEADER + rows * (cell + LABEL_HEIGHT + GAP) + GAP;
  const layers: OverlayOptions[] = [
    { input: textSvg(p.title, width, HEADER, 40, '#f9a8d4', 700), left: 0, top: 0 },
  ];
  for (const [i, image] of p.images.entries()) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const left = GAP + (i % columns) * (cell + GAP);
    const top = HEADER + Math.floor(i / columns) * (cell + LABEL_HEIGHT + GAP);
    const tile = await openImage(image.path)
      .rotate()
      .resize(cell, cell, { fit: 'cover', position: 'attention' })
      .png()
      .toBuffer();
    layers.push({ input: tile, left, top });
    layers.push({ input: textSvg(image.label, cell, LABEL_HEIGHT, 22, '#e2e8f0'), left, top: top + cell });
    ctx.progress((i + 1) / (p.images.length + 1), progressLabel('placingImage', { label: image.label }));
  }
  await fs.mkdir(path.dirname(p.out), { recursive: true });
  const tmp = `${p.out}.partial-${process.pid}`;
  const info = await sharp({ create: { width, height, channels: 3, background: BACKGROUND } })
    .composite(layers)
    .png()
    .toFile(tmp);
  await fs.rename(tmp, p.out);
  return { path: p.out, width: info.width, height: info.height, bytes: info.size };
}
