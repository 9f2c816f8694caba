import fs from 'node:fs';
import sharp from 'sharp';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import type { Effect } from '../../../shared/motion.js';
import { motionClipSeconds, photoModel } from '../../../shared/photo/estimate.js';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import type { PhotoVia } from '../../../shared/photo/requests.js';
import { progressLabel } from '../../../shared/progress-labels.js';
import type { JobContext } from '../../context.js';
import { durationOf, ffprobe } from '../../media/probe.js';
import { forSending } from './inputs.js';
import { withCallLimit } from './limits.js';
import { MOTION_NEGATIVE, motionPrompt } from './prompts.js';
import { onlineProvider } from './providers.js';

/**
 * Micro-motion on the paid backends (issue 15): the chosen photo as the first
 * frame of an image-to-video model — Kling v2.1 or Seedance on Replicate, Veo
 * on Gemini — asked for minimal motion: the people still, only the
 * background's festive effect moving, the camera fixed. The motion job
 * (src/workers/photo/motion-job.ts) calls this and checks the faces of the
 * clip against the still.
 *
 * A clip takes minutes, so the seed's 30 s is each request's limit (create,
 * poll, download), not the clip's; a clip that fails in a way that may pass is
 * made once more, as any photo call is.
 */

export type OnlineMotionBackend = 'kling' | 'veo' | 'seedance';

export interface AnimateInput {
  /** The still (an absolute path to the chosen photo). */
  image: string;
  effect: Effect;
  seconds: number;
  backend: OnlineMotionBackend;
  via: PhotoVia;
  /** Where the clip is written (MP4). */
  out: string;
}

export interface AnimateResult {
  path: string;
  durationSec: number;
  width: number;
  height: number;
  provider: string;
  model: string;
}

/** How long one clip may take in all before it counts as hung (Veo and Kling take 1–5 minutes). */
const CLIP_RUN_MS = 15 * 60_000;

const LABELS: Record<OnlineMotionBackend, string> = { kling: 'Kling', veo: 'Veo', seedance: 'Seedance' };

export async function animateOnline(input: AnimateInput, ctx: JobContext): Promise<AnimateResult> {
  const still = await fs.promises.readFile(input.image);
  const meta = await sharp(still).metadata();
  const portrait = (meta.height ?? 0) > (meta.width ?? 0);
  const model = photoModel(input.backend);
  const video = onlineProvider(model.upstream, input.via, ctx, PHOTO_LIMITS.callTimeoutMs).video;
  if (!video) throw new Error(`${model.upstream} makes no video`);
  const image = await forSending(still);
  const label = LABELS[input.backend];
  const result = await withCallLimit(
    label,
    ctx.signal,
    (signal) =>
      video.generateVideo(
        {
          model: model.id,
          prompt: motionPrompt(input.effect),
          negativePrompt: MOTION_NEGATIVE,
          image,
          durationSec: motionClipSeconds(input.backend, input.seconds),
          aspectRatio: portrait ? '9:16' : '16:9',
          resolution: '720p',
          seed: PHOTO_LIMITS.seeds[0],
          outPath: input.out,
        },
        { signal, jobId: ctx.jobId, onProgress: (f, m) => ctx.progress(0.05 + f * 0.85, m ?? progressLabel('generating')) },
      ),
    { timeoutMs: CLIP_RUN_MS },
  );
  const probe = await ffprobe(result.path, label, ctx.signal).catch(() => null);
  const stream = probe?.streams.find((s) => s.codec_type === 'video');
  const durationSec = probe ? durationOf(probe) : null;
  if (!stream?.width || !stream.height || !durationSec) {
    throw new StudioError({ code: 'INVALID_MEDIA', message: `The clip ${label} returned cannot be read as a video.`, retryable: true, ...say('photo.online.badClip', { provider: label }) });
  }
  return { path: result.path, durationSec, width: stream.width, height: stream.height, provider: result.provider, model: result.model };
}
