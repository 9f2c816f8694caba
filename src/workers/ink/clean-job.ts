import fs from 'node:fs';
import path from 'node:path';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { SMOOTHING_ALPHA } from '../../shared/ink/options.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { linesPng } from './clean.js';
import { loadSketch } from './input.js';
import { countSegments, toSvg, trace } from './potrace/index.js';

/** `ink.clean`: a sketch → cleaned line art (PNG, transparent paper by default) and its tracing (SVG). */
export async function cleanInk(p: JobPayload<'ink.clean'>, ctx: JobContext): Promise<JobResults['ink.clean']> {
  ctx.progress(0.05, progressLabel('processingImage'));
  const sketch = await loadSketch(p.input, p.options);
  ctx.progress(0.5, progressLabel('processingImage'));
  fs.mkdirSync(p.outDir, { recursive: true });
  const png = path.join(p.outDir, 'line-art.png');
  fs.writeFileSync(png, await linesPng(sketch, p.options.removeBackground));
  if (ctx.signal.aborted) throw ctx.signal.reason;
  const paths = trace(sketch.lines, { alphaMax: SMOOTHING_ALPHA[p.options.smoothing] });
  const svg = path.join(p.outDir, 'line-art.svg');
  fs.writeFileSync(svg, toSvg(paths, sketch.width, sketch.height));
  const { curves, lines } = countSegments(paths);
  let inkPixels = 0;
  for (const v of sketch.lines.data) inkPixels += v;
  ctx.progress(1);
  return {
    png,
    svg,
    width: sketch.width,
    height: sketch.height,
    angle: sketch.angle,
    threshold: sketch.threshold,
    inkPixels,
    specksRemoved: sketch.specksRemoved,
    paths: paths.length,
    curves,
    lines,
  };
}
