import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { StudioError } from '../../shared/errors.js';
import type { JobPayload, ProbeResult } from '../../shared/jobs/kinds.js';
import { resolveFfTool } from '../../node/ffmpeg.js';
import { runTool } from '../../node/run-tool.js';
import type { JobContext } from '../context.js';
import { MAX_INPUT_PIXELS, thumbnail } from './image/ops.js';
import { durationOf, ffprobe } from './probe.js';
import { say } from '../../shared/messages.js';
import { progressLabel } from '../../shared/progress-labels.js';

const THUMB_SIZE = 320;

/**
 * The library's import job: checks that a file is the media its name claims,
 * reads its metadata and writes a WebP thumbnail (audio gets a waveform).
 */
export async function probeAndThumbnail(p: JobPayload<'media.probe'>, ctx: JobContext): Promise<ProbeResult> {
  await fs.mkdir(path.dirname(p.thumbPath), { recursive: true });
  ctx.progress(0.1, progressLabel('readingMetadata'));
  const result = p.kind === 'image' ? await probeImage(p) : await probeTimed(p, ctx);
  ctx.progress(1, progressLabel('done'));
  return result;
}

async function probeImage(p: JobPayload<'media.probe'>): Promise<ProbeResult> {
  let meta: Metadata;
  try {
    // Header only: the pixel limit is checked below with a message that names the size.
    meta = await sharp(p.source, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw invalidImage(p.name, err);
  }
  const { width = 0, height = 0 } = meta;
  if (!meta.format || width <= 0 || height <= 0) throw invalidImage(p.name);
  if (width * height > MAX_INPUT_PIXELS) {
    throw new StudioError({
      code: 'IMAGE_TOO_LARGE',
      message: `"${p.name}" is ${width}×${height} pixels, over the limit of ${Math.round(MAX_INPUT_PIXELS / 1e6)} megapixels.`,
      hint: 'Scale the image down (for example to 8000 pixels on the long side) and import it again.',
      ...say('import.tooManyPixels', { name: p.name, width, height, limit: Math.round(MAX_INPUT_PIXELS / 1e6) }),
    });
  }
  try {
    await thumbnail(p.source, { outPath: p.thumbPath, size: THUMB_SIZE, aiGenerated: false });
  } catch (err) {
    throw invalidImage(p.name, err);
  }
  const rotated = (meta.orientation ?? 1) >= 5;
  return {
    kind: 'image',
    format: meta.format,
    width: rotated ? height : width,
    height: rotated ? width : height,
    durationSec: null,
    codecs: [meta.format],
  };
}

async function probeTimed(p: JobPayload<'media.probe'>, ctx: JobContext): Promise<ProbeResult> {
  const info = await ffprobe(p.source, p.name, ctx.signal);
  const video = info.streams.find((s) => s.codec_type === 'video' && s.width && s.height);
  const audio = info.streams.find((s) => s.codec_type === 'audio');
  const stream = p.kind === 'video' ? video : audio;
  if (!stream) {
    throw new StudioError({
      code: 'INVALID_MEDIA',
      message: `"${p.name}" has no ${p.kind} stream.`,
      hint: `Check that the file really is ${p.kind === 'video' ? 'a video' : 'an audio file'}.`,
      ...say(p.kind === 'video' ? 'import.noVideoStream' : 'import.noAudioStream', { name: p.name }),
    });
  }
  const durationSec = durationOf(info);
  ctx.progress(0.5, progressLabel('makingThumbnail'));
  const ffmpeg = resolveFfTool('ffmpeg').path;
  const args =
    p.kind === 'video'
      ? ['-ss', String(Math.min(3, (durationSec ?? 0) * 0.1)), '-i', p.source, '-frames:v', '1', '-vf', `scale=${THUMB_SIZE}:${THUMB_SIZE}:force_original_aspect_ratio=decrease`]
      : ['-i', p.source, '-filter_complex', `showwavespic=s=${THUMB_SIZE}x${Math.round(THUMB_SIZE / 2)}:colors=0xF472B6`, '-frames:v', '1'];
  const { stdout } = await runTool(ffmpeg, ['-v', 'error', ...args, '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'], {
    signal: ctx.signal,
    describe: 'ffmpeg thumbnail',
  });
  await thumbnail(stdout, { outPath: p.thumbPath, size: THUMB_SIZE, aiGenerated: false });
  return {
    kind: p.kind,
    format: info.format.format_name ?? p.kind,
    width: video?.width ?? null,
    height: video?.height ?? null,
    durationSec,
    codecs: info.streams.map((s) => s.codec_name).filter((c): c is string => Boolean(c)),
  };
}

function invalidImage(name: string, cause?: unknown): StudioError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new StudioError(
    {
      code: 'INVALID_MEDIA',
      message: `"${name}" is not a readable image${detail}.`,
      hint: 'The file is damaged or is not an image. Open it in an image editor, save it as PNG or JPEG, and import it again.',
      ...say('import.unreadableImage', { name }),
    },
    { cause },
  );
}
