import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { ffprobe, parseRate, runFfmpeg } from '../ff/run.js';
import { personPixels } from './mask.js';

/**
 * How still the people stay in a rendered clip: a few frames spread over it,
 * decoded small and grey, and the mean absolute difference between each
 * sampled frame and the next, inside the people mask and outside it (0…255).
 * Frames far apart catch slow drift (a push-in moves people by a pixel a
 * frame at most, invisible between neighbours but plain over a second).
 */
export interface Stillness {
  people: number;
  background: number;
}

export interface StillnessOptions {
  /** How many frames to compare (default 6). */
  samples?: number;
  /** Longer side the frames are decoded at (default 256). */
  maxSide?: number;
  signal?: AbortSignal;
  tempDir?: string;
}

/** A small pixel counts as person or background only when its whole neighbourhood in the mask agrees; the edge band counts as neither. */
const INSIDE = 250;
const OUTSIDE = 5;

export async function measureStillness(clip: string, maskPath: string, opts: StillnessOptions = {}): Promise<Stillness> {
  const probe = await ffprobe(clip);
  const video = probe.streams.find((s) => s.codec_type === 'video');
  if (!video?.width || !video.height) {
    throw new StudioError({ code: 'INVALID_MEDIA', message: `${clip} has no video stream.`, ...say('media.unreadable', { file: path.basename(clip) }) });
  }
  const fps = parseRate(video.avg_frame_rate) || parseRate(video.r_frame_rate) || 30;
  const frameCount = Number(video.nb_frames) || Math.round(Number(video.duration ?? probe.format.duration ?? 0) * fps);
  const samples = Math.max(2, Math.min(opts.samples ?? 6, frameCount));
  const picks = Array.from({ length: samples }, (_, i) => Math.round((i * (frameCount - 1)) / (samples - 1)));
  const scale = Math.min(1, (opts.maxSide ?? 256) / Math.max(video.width, video.height));
  const w = Math.max(1, Math.round(video.width * scale));
  const h = Math.max(1, Math.round(video.height * scale));

  const work = fs.mkdtempSync(path.join(opts.tempDir ?? os.tmpdir(), 'kingjam-stillness-'));
  try {
    const raw = path.join(work, 'frames.gray');
    await runFfmpeg(
      [
        '-i', clip,
        '-vf', `select='${picks.map((n) => `eq(n\\,${n})`).join('+')}',scale=${w}:${h}:flags=area,format=gray`,
        '-vsync', 'passthrough',
        '-f', 'rawvideo', raw,
      ],
      { signal: opts.signal, what: 'sampling frames to measure stillness' },
    );
    const frames = fs.readFileSync(raw);
    const got = Math.floor(frames.length / (w * h));
    if (got < 2) throw new Error(`only ${got} frame(s) decoded from ${clip}`);
    const mask = await sharp(await personPixels(maskPath, w * 4, h * 4), { raw: { width: w * 4, height: h * 4, channels: 1 } })
      .resize(w, h, { fit: 'fill', kernel: 'cubic' })
      .toColourspace('b-w')
      .raw()
      .toBuffer();
    if (mask.length !== w * h) throw new Error(`the mask came out ${mask.length} bytes at ${w}×${h}`);
    let peopleSum = 0;
    let peopleN = 0;
    let bgSum = 0;
    let bgN = 0;
    for (let f = 0; f + 1 < got; f++) {
      const a = f * w * h;
      const b = a + w * h;
      for (let i = 0; i < w * h; i++) {
        const m = mask[i]!;
        if (m >= INSIDE) {
          peopleSum += Math.abs(frames[a + i]! - frames[b + i]!);
          peopleN++;
        } else if (m <= OUTSIDE) {
          bgSum += Math.abs(frames[a + i]! - frames[b + i]!);
          bgN++;
        }
      }
    }
    const round = (v: number): number => Math.round(v * 1000) / 1000;
    return { people: peopleN ? round(peopleSum / peopleN) : 0, background: bgN ? round(bgSum / bgN) : 0 };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
