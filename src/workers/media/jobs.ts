import type { ComposeJobResult, ImageJobResult, JobPayload, MotionJobResult } from '../../shared/jobs/kinds.js';
import type { JobContext } from '../context.js';
import { composeTimeline } from './compose/index.js';
import { contactGrid, cropToAspect, normaliseUpload, thumbnail, watermark } from './image/index.js';
import { renderMicroMotion } from './motion/index.js';
import { progressLabel } from '../../shared/progress-labels.js';

/** The media engine's job handlers: payloads in, files out, progress to the job. */
export async function compose(p: JobPayload<'media.compose'>, ctx: JobContext): Promise<ComposeJobResult> {
  const r = await composeTimeline(p.timeline, {
    baseDir: p.baseDir,
    outPath: p.out,
    signal: ctx.signal,
    tempDir: ctx.paths.temp,
    onProgress: (fraction, message) => ctx.progress(fraction, message),
  });
  const { ffmpegPeakRssBytes: _memory, ...result } = r;
  return result;
}

export async function motion(p: JobPayload<'media.motion'>, ctx: JobContext): Promise<MotionJobResult> {
  const r = await renderMicroMotion(p.image, {
    effect: p.effect,
    seconds: p.seconds,
    outPath: p.out,
    livePhoto: p.livePhoto,
    signal: ctx.signal,
    tempDir: ctx.paths.temp,
    onProgress: (fraction, message) => ctx.progress(fraction, message),
  });
  return {
    output: r.output,
    durationSec: r.durationSec,
    width: r.width,
    height: r.height,
    livePhoto: r.livePhoto ? { jpeg: r.livePhoto.jpeg, mov: r.livePhoto.mov, contentIdentifier: r.livePhoto.contentIdentifier } : null,
  };
}

export async function image(p: JobPayload<'media.image'>, ctx: JobContext): Promise<ImageJobResult> {
  ctx.progress(0.1, progressLabel('processingImage'));
  switch (p.op) {
    case 'normalise':
      return normaliseUpload(p.input, { outPath: p.out });
    case 'crop':
      return cropToAspect(p.input, { aspect: p.aspect, fit: p.fit, outPath: p.out });
    case 'watermark':
      return watermark(p.input, { outPath: p.out, text: p.text, position: p.position, tiled: p.tiled });
    case 'grid':
      return contactGrid(p.inputs, { outPath: p.out });
    case 'thumbnail':
      return thumbnail(p.input, { outPath: p.out, size: p.size });
  }
}

