import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveFfTool } from '../../node/ffmpeg.js';
import { runTool } from '../../node/run-tool.js';
import { durationOf, ffprobe } from '../media/probe.js';

/**
 * A generated clip is scored by the frames it shows: its first, its middle
 * and its last (a video model keeps the first frame it was given and drifts
 * later, so the first alone would pass a clip that wanders off the style).
 */
export const CLIP_EXT = /\.(mp4|webm|mov|mkv|m4v|gif)$/i;

/** The last frame is read from the clip's final half second: ffmpeg keeps overwriting the file, so the clip's very last frame remains. */
const TAIL_SEC = 0.5;

export interface ClipFrame {
  atSec: number;
  path: string;
}

/** Writes the sampled frames as PNGs in a fresh temp folder; the caller removes `dir`. */
export async function sampleClipFrames(clip: string, signal?: AbortSignal): Promise<{ dir: string; frames: ClipFrame[] }> {
  const duration = durationOf(await ffprobe(clip, path.basename(clip), signal));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kingjam-clip-frames-'));
  const ffmpeg = resolveFfTool('ffmpeg').path;
  const grab = async (name: string, seek: string[], atSec: number, last = false): Promise<ClipFrame> => {
    const file = path.join(dir, name);
    await runTool(ffmpeg, ['-v', 'error', '-y', ...seek, '-i', clip, ...(last ? ['-update', '1'] : ['-frames:v', '1']), file], { ...(signal ? { signal } : {}), describe: 'ffmpeg clip frame' });
    return { atSec, path: file };
  };
  try {
    const frames = [await grab('first.png', [], 0)];
    // Without a duration there is no middle to seek to; the first and last frames still say whether it drifted.
    if (duration) frames.push(await grab('middle.png', ['-ss', (duration / 2).toFixed(3)], round2(duration / 2)));
    frames.push(await grab('last.png', ['-sseof', `-${TAIL_SEC}`], round2(duration ?? 0), true));
    // A last frame ffmpeg could not write (a clip shorter than a frame) is left out rather than scored as blank.
    const written = await Promise.all(frames.map(async (f) => ((await fs.stat(f.path).catch(() => null))?.size ? f : null)));
    return { dir, frames: written.filter((f): f is ClipFrame => f !== null) };
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
