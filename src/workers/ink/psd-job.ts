import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { INK_PSD_LAYERS } from '../../shared/ink/options.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { loadSketch } from './input.js';
import { buildLayers } from './psd/layers.js';
import { writeInkPsd } from './psd/write.js';

/** `ink.psd`: a sketch → cleaned, deskewed and split into a layered PSD, plus a flattened PNG beside it. */
export async function inkPsd(p: JobPayload<'ink.psd'>, ctx: JobContext): Promise<JobResults['ink.psd']> {
  ctx.progress(0.05, progressLabel('processingImage'));
  const sketch = await loadSketch(p.input, p.options);
  ctx.progress(0.4, progressLabel('processingImage'));
  const layers = buildLayers(sketch, p.palette, p.paper);
  if (ctx.signal.aborted) throw ctx.signal.reason;
  const { psd, flattened } = writeInkPsd(layers);
  fs.mkdirSync(path.dirname(p.out), { recursive: true });
  fs.writeFileSync(p.out, psd);
  const preview = p.out.replace(/\.psd$/i, '') + '.preview.png';
  await sharp(Buffer.from(flattened.data.buffer, flattened.data.byteOffset, flattened.data.byteLength), {
    raw: { width: flattened.width, height: flattened.height, channels: 4 },
  })
    .png()
    .toFile(preview);
  ctx.progress(1);
  return {
    psd: p.out,
    preview,
    width: sketch.width,
    height: sketch.height,
    angle: sketch.angle,
    layers: [...INK_PSD_LAYERS],
    colouredSource: layers.colouredSource,
    regions: layers.regions,
    bytes: psd.length,
  };
}
