import fs from 'node:fs';
import path from 'node:path';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { PHOTO_LIMITS } from '../../shared/photo/limits.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { ffprobe, parseRate, runFfmpeg } from '../media/ff/run.js';
import { measureStillness, writeLivePhotoPair } from '../media/motion/index.js';
import { animateOnline, type OnlineMotionBackend } from './online/index.js';
import { detectFaces, loadRgb } from './vision/index.js';

/** Frames of the clip whose faces are counted against the still's: spread over the clip, first and last included. */
const CHECKED_FRAMES = 5;
const CHECK_SIDE = 960;

/**
 * photo.motion on an image-to-video model (Kling, Veo, Seedance), asked for
 * minimal motion: the clip, then the check the seed asks for — every face of
 * the still is still there, none lost or doubled, in frames spread over the
 * clip — the Live Photo pair from the clip, and how still the people stayed.
 * A clip whose faces changed is kept (it was made and paid for) and marked,
 * so the page can warn and offer the local motion.
 */
export async function onlinePhotoMotion(p: JobPayload<'photo.motion'>, backend: OnlineMotionBackend, mask: string, work: string, ctx: JobContext): Promise<JobResults['photo.motion']> {
  const clip = await animateOnline({ image: p.image, effect: p.effect, seconds: p.seconds, backend, via: p.via, out: p.out }, ctx);
  ctx.progress(0.9, progressLabel('processingImage'));
  const expected = p.faces.length > 0 ? p.faces.length : (await detectFaces(await loadRgb(p.image, { maxSide: CHECK_SIDE }), { minConfidence: PHOTO_LIMITS.minFaceConfidence })).length;
  const found: number[] = [];
  for (let i = 0; i < CHECKED_FRAMES; i++) {
    const at = Math.min(clip.durationSec - 0.05, (clip.durationSec * i) / (CHECKED_FRAMES - 1));
    const frame = path.join(work, `frame-${i}.png`);
    await runFfmpeg(['-ss', Math.max(0, at).toFixed(3), '-i', clip.path, '-frames:v', '1', '-vf', `scale='min(${CHECK_SIDE},iw)':-2`, '-update', '1', frame], { signal: ctx.signal, what: 'reading a frame of the clip' });
    found.push((await detectFaces(await loadRgb(frame), { minConfidence: PHOTO_LIMITS.minFaceConfidence })).length);
  }
  const stillness = await measureStillness(clip.path, mask, { signal: ctx.signal, tempDir: work });
  let livePhoto: JobResults['photo.motion']['livePhoto'] = null;
  if (p.livePhoto) {
    const parsed = path.parse(p.out);
    const jpeg = path.join(parsed.dir, `${parsed.name}.live.jpg`);
    const mov = path.join(parsed.dir, `${parsed.name}.live.mov`);
    const stream = (await ffprobe(clip.path)).streams.find((st) => st.codec_type === 'video');
    const fps = parseRate(stream?.r_frame_rate) || 24;
    const pair = await writeLivePhotoPair(clip.path, { jpeg, mov, stillTimeSec: Math.round((clip.durationSec / 2) * 1000) / 1000, fps, work, signal: ctx.signal });
    livePhoto = { jpeg, mov, contentIdentifier: pair.contentIdentifier };
  }
  if (clip.path !== p.out) fs.renameSync(clip.path, p.out);
  ctx.progress(1, progressLabel('done'));
  return {
    output: p.out,
    durationSec: clip.durationSec,
    width: clip.width,
    height: clip.height,
    livePhoto,
    faceCheck: { expected, found, ok: found.every((n) => n === expected) },
    stillness,
  };
}
