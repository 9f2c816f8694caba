import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../../shared/errors.js';
import { chooseEncoder, encoderArgs } from '../ff/encoder.js';
import type { EncoderChoice, VideoEncoder } from '../ff/encoder.js';
import { abortError, runFfmpeg } from '../ff/run.js';
import { imageError, openImage } from '../image/ops.js';
import { provenanceFfmpegArgs } from '../provenance.js';
import { writeLivePhotoPair } from './live-pair.js';
import { overlayKeepMask } from './mask.js';
import { EFFECTS, overlayFrames } from './overlays.js';
import type { Effect } from './overlays.js';
import { progressLabel, type ProgressLabel } from '../../../shared/progress-labels.js';
import { say } from '../../../shared/messages.js';

export { EFFECTS };

/** The longest clip one still is stretched to. */
const MAX_SECONDS = 30;
export type { Effect };

export interface MicroMotionOptions {
  effect: Effect;
  /** Default 5 (seed 002 §3.3: a 5-second clip). */
  seconds?: number;
  outPath: string;
  /** Also write a Live Photo pair beside outPath: NAME.live.jpg + NAME.live.mov. */
  livePhoto?: boolean;
  /** Longer side of the video in pixels (default: the image's, at most 1920). Tests use small sizes. */
  maxSide?: number;
  fps?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: ProgressLabel) => void;
  tempDir?: string;
  encoder?: EncoderChoice;
  /**
   * A people mask (grey image, white = person, any size: it is scaled to the
   * frame). Under it the people's pixels do not change between frames: the
   * overlay passes behind them and the push-in is left out (see protectedGraph).
   */
  protectMask?: string;
}

export interface MicroMotionResult {
  output: string;
  durationSec: number;
  width: number;
  height: number;
  encoder: VideoEncoder;
  livePhoto: { jpeg: string; mov: string; contentIdentifier: string; stillTimeSec: number } | null;
}

/** Zoom at the end of the clip: 4 % over 5 s, slow enough that people barely move (seed: avoid the uncanny valley). */
const PUSH_IN = 0.04;
/** The overlay is drawn at half resolution and scaled up: SVG rasterising is the costly part, and soft particles lose nothing. */
const OVERLAY_SCALE = 0.5;

/** The whole picture pushed in slowly, the overlay on top everywhere. Inputs: 0 the still, 1 the overlay frames. */
function pushInGraph(W: number, H: number, fps: number, frames: number, suffix: string): string {
  const last = Math.max(1, frames - 1);
  return (
    `[0:v]scale=w=${W * 2}:h=${H * 2}:flags=lanczos,setsar=1,format=yuv420p,` +
    `zoompan=z='1+${PUSH_IN}*(on/${last})':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${frames}:s=${W}x${H}:fps=${fps},setsar=1[bg];` +
    `[1:v]scale=${W}:${H}:flags=bicubic,format=rgba[fx];` +
    `[bg][fx]overlay=format=auto:shortest=1,format=yuv420p${suffix}[v]`
  );
}

/**
 * People kept still: the still does not move at all and the overlay's alpha
 * is multiplied by the keep mask (input 2: 0 on people, feathered outward),
 * so particles pass behind the people. No push-in: zooming only the
 * background would need what is behind the people (which no still has), and
 * its enlarged copy of them would peek out around their fixed cut-outs as a
 * ghost outline; the moving overlay is the motion. Input 0 is the still at
 * W×H, looped; input 2 a single frame that blend repeats for every overlay frame.
 */
function protectedGraph(W: number, H: number, suffix: string): string {
  return (
    `[0:v]setsar=1,format=yuv420p[bg];` +
    `[1:v]scale=${W}:${H}:flags=bicubic,format=rgba,split[fxc][fxs];` +
    `[fxs]alphaextract[fxa];[2:v]format=gray[keep];` +
    `[fxa][keep]blend=all_mode=multiply[alpha];` +
    `[fxc][alpha]alphamerge[fx];` +
    `[bg][fx]overlay=format=auto:shortest=1,format=yuv420p${suffix}[v]`
  );
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

/**
 * A micro-motion clip from a still: a very slow push-in with a festive
 * overlay (fireworks, lanterns or snow) drawn procedurally; optionally an
 * Apple Live Photo pair sharing one content identifier.
 */
export async function renderMicroMotion(imagePath: string, opts: MicroMotionOptions): Promise<MicroMotionResult> {
  if (!(EFFECTS as readonly string[]).includes(opts.effect)) {
    throw new StudioError({
      code: 'BAD_INPUT',
      field: 'effect',
      message: `Unknown effect "${opts.effect}"; use one of ${EFFECTS.join(', ')}.`,
      ...say('motion.unknownEffect', { effect: String(opts.effect), effects: EFFECTS.join(', ') }),
    });
  }
  const seconds = opts.seconds ?? 5;
  if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
    throw new StudioError({
      code: 'BAD_INPUT',
      field: 'seconds',
      message: `seconds must be between 0 and ${MAX_SECONDS} (got ${seconds}).`,
      ...say('motion.badSeconds', { seconds, max: MAX_SECONDS }),
    });
  }
  if (!fs.existsSync(imagePath)) throw new StudioError({ code: 'FILE_NOT_FOUND', message: `The image ${imagePath} does not exist.`, ...say('media.missing', { file: path.basename(imagePath) }) });
  const fps = opts.fps ?? 30;
  const frames = Math.round(seconds * fps);
  const { signal, onProgress } = opts;
  const outPath = path.resolve(opts.outPath);
  try {
    fs.mkdirSync(path.dirname(outPath), { recursive: true });
    fs.accessSync(path.dirname(outPath), fs.constants.W_OK);
  } catch (err) {
    throw new StudioError({ code: 'OUTPUT_NOT_WRITABLE', field: 'out', message: `The output folder ${path.dirname(outPath)} is not writable.`, hint: 'Choose another output path.', ...say('output.notWritable', { dir: path.dirname(outPath) }) }, { cause: err });
  }

  const work = fs.mkdtempSync(path.join(opts.tempDir ?? os.tmpdir(), 'kingjam-motion-'));
  // The upright source (EXIF rotation applied) as a PNG ffmpeg can read without caring about orientation tags.
  const src = path.join(work, 'source.png');
  let srcW: number;
  let srcH: number;
  try {
    const info = await openImage(imagePath).rotate().png({ compressionLevel: 1 }).toFile(src);
    srcW = info.width;
    srcH = info.height;
  } catch (err) {
    fs.rmSync(work, { recursive: true, force: true });
    throw imageError(err, imagePath);
  }
  const maxSide = Math.min(opts.maxSide ?? 1920, Math.max(srcW, srcH));
  const scale = maxSide / Math.max(srcW, srcH);
  const W = even(srcW * scale);
  const H = even(srcH * scale);
  const ow = even(W * OVERLAY_SCALE);
  const oh = even(H * OVERLAY_SCALE);
  const encoder = await chooseEncoder(opts.encoder ?? 'auto').catch((err: unknown) => {
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  });
  const enc = encoderArgs(encoder, 'standard');

  const tag = crypto.randomBytes(4).toString('hex');
  const partOut = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${tag}.part.mp4`);
  const parsed = path.parse(outPath);
  const liveJpeg = path.join(parsed.dir, `${parsed.name}.live.jpg`);
  const liveMov = path.join(parsed.dir, `${parsed.name}.live.mov`);
  try {
    let keep: string | null = null;
    let graph: string;
    if (opts.protectMask) {
      keep = path.join(work, 'keep.png');
      await overlayKeepMask(opts.protectMask, W, H, keep);
      // The still itself at the frame size, once: no per-frame scaling of a picture that does not move.
      await sharp(src).resize(W, H, { fit: 'fill', kernel: 'lanczos3' }).png({ compressionLevel: 1 }).toFile(path.join(work, 'frame.png'));
      fs.renameSync(path.join(work, 'frame.png'), src);
      graph = protectedGraph(W, H, enc.filterSuffix);
    } else {
      graph = pushInGraph(W, H, fps, frames, enc.filterSuffix);
    }
    await runFfmpeg(
      [
        ...enc.pre,
        // Kept still, the picture is looped at the clip's rate so each overlay frame meets its own copy.
        ...(keep ? ['-loop', '1', '-framerate', String(fps)] : []),
        '-i', src,
        '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${ow}x${oh}`, '-framerate', String(fps), '-i', 'pipe:0',
        ...(keep ? ['-i', keep] : []),
        '-filter_complex', graph,
        '-map', '[v]',
        ...enc.args,
        '-r', String(fps),
        '-movflags', '+faststart',
        ...provenanceFfmpegArgs(),
        '-f', 'mp4',
        partOut,
      ],
      {
        signal,
        durationSec: frames / fps,
        stdin: overlayFrames(opts.effect, ow, oh, fps, frames),
        what: 'rendering the micro-motion clip',
        onProgress: onProgress ? (f, m) => onProgress(f * (opts.livePhoto ? 0.85 : 0.99), m) : undefined,
      },
    );

    let livePhoto: MicroMotionResult['livePhoto'] = null;
    if (opts.livePhoto) {
      const stillTimeSec = Math.round((frames / 2) / fps * 1000) / 1000;
      const pair = await writeLivePhotoPair(partOut, { jpeg: liveJpeg, mov: liveMov, stillTimeSec, fps, work, ...(signal ? { signal } : {}) });
      livePhoto = { jpeg: liveJpeg, mov: liveMov, contentIdentifier: pair.contentIdentifier, stillTimeSec };
    }
    fs.renameSync(partOut, outPath);
    onProgress?.(1, progressLabel('done'));
    return { output: outPath, durationSec: frames / fps, width: W, height: H, encoder, livePhoto };
  } catch (err) {
    fs.rmSync(partOut, { force: true });
    if (opts.livePhoto) {
      fs.rmSync(liveJpeg, { force: true });
      fs.rmSync(liveMov, { force: true });
    }
    if (signal?.aborted) throw abortError();
    throw err;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
