import type { TimelineOverview } from '../../shared/api/contract.js';
import type { ComposeJobResult } from '../../shared/jobs/kinds.js';
import { libraryPathOf } from '../../shared/paths.js';
import type { Quality } from '../../shared/timeline.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A `media.compose` job's result, checked (it crosses the wire as unknown). */
export function composeResultOf(result: unknown): ComposeJobResult | null {
  if (!isRecord(result)) return null;
  const { output, poster, srt, durationSec, width, height, fps, encoder } = result;
  if (typeof output !== 'string' || typeof poster !== 'string') return null;
  if (srt !== null && typeof srt !== 'string') return null;
  if (typeof durationSec !== 'number' || typeof width !== 'number' || typeof height !== 'number') return null;
  return {
    output,
    poster,
    srt,
    durationSec,
    width,
    height,
    fps: typeof fps === 'number' ? fps : 0,
    encoder: typeof encoder === 'string' ? encoder : '',
  };
}

/** A media URL for a file main reports, or null when it is outside the library (no URL can reach it). */
export function mediaUrlOf(
  libraryDir: string | null,
  file: string,
  mediaUrl: (libraryPath: string) => string,
): string | null {
  if (!libraryDir) return null;
  const rel = libraryPathOf(libraryDir, file);
  return rel === null ? null : mediaUrl(rel);
}

/**
 * Rough bits per pixel per frame of an H.264 render of stills with gentle
 * motion at each quality tier (CRF 28 / 23 / 18). Only for the estimate shown
 * before a render: real sizes depend on the pictures.
 */
const BITS_PER_PIXEL: Record<Quality, number> = { draft: 0.03, standard: 0.06, high: 0.12 };
/** AAC stereo at 128 kbit/s, in bytes per second. */
const AUDIO_BYTES_PER_SECOND = 16_000;

export interface RenderEstimate {
  seconds: number;
  width: number;
  height: number;
  fps: number;
  scenes: number;
  /** Approximate size of the MP4, in bytes. */
  bytes: number;
}

export function renderEstimate(overview: TimelineOverview, quality: Quality): RenderEstimate {
  const { width, height, totalSeconds } = overview;
  const fps = overview.timeline.fps;
  const videoBytes = (width * height * fps * totalSeconds * BITS_PER_PIXEL[quality]) / 8;
  return {
    seconds: totalSeconds,
    width,
    height,
    fps,
    scenes: overview.scenes.length,
    bytes: Math.round(videoBytes + AUDIO_BYTES_PER_SECOND * totalSeconds),
  };
}

/** The file name at the end of a path (Windows or POSIX). */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
