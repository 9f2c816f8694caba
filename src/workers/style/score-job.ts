import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { progressLabel } from '../../shared/progress-labels.js';
import { scoreClip, scoreImage, type ScoreReference } from '../../shared/style/score.js';
import type { JobContext } from '../context.js';
import { CLIP_EXT, sampleClipFrames } from './clip-frames.js';
import { measureImage } from './measure.js';

type Scored = JobResults['style.score']['scores'][number];

/** `style.score`: measure each image (or a clip's sampled frames) and score it against the profile's palette, lines and reference hashes. */
export async function scoreStyle(p: JobPayload<'style.score'>, ctx: JobContext): Promise<JobResults['style.score']> {
  const scores: Scored[] = [];
  for (const file of p.images) {
    ctx.progress(scores.length / p.images.length, progressLabel('processingImage'));
    scores.push(CLIP_EXT.test(file) ? await scoreClipFile(p.reference, file, ctx.signal) : await scoreImageFile(p.reference, file));
  }
  return { scores };
}

async function scoreImageFile(reference: ScoreReference, file: string): Promise<Scored> {
  const { features } = await measureImage(file);
  return { ...scoreImage(reference, features), path: file, features };
}

/**
 * The clip's first, middle and last frames, each scored like an image; the
 * clip keeps its furthest frame's score and their mean (scoreClip). A clip
 * ffmpeg cannot decode fails the job with style.clipUnreadable: main files
 * that reason with the scene, which stays rendered.
 */
async function scoreClipFile(reference: ScoreReference, clip: string, signal: AbortSignal): Promise<Scored> {
  const { dir, frames } = await sampleClipFrames(clip, signal).catch((err: unknown) => {
    if (signal.aborted || (err instanceof StudioError && err.code === 'CANCELED')) throw err;
    throw unreadableClip(clip, err instanceof Error ? err.message : String(err));
  });
  try {
    if (frames.length === 0) throw unreadableClip(clip, 'ffmpeg wrote none of its frames');
    const measured = [];
    for (const f of frames) {
      const { features } = await measureImage(f.path);
      measured.push({ atSec: f.atSec, features, score: scoreImage(reference, features) });
    }
    const score = scoreClip(measured);
    const worst = measured.find((m) => m.score.score === score.score) ?? measured[0]!;
    // The features are the furthest frame's, filed under the clip's own path (the frame files are gone after this).
    return { ...score, path: clip, features: { ...worst.features, path: clip } };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function unreadableClip(clip: string, why: string): StudioError {
  const file = path.basename(clip);
  return new StudioError({ code: 'INVALID_MEDIA', message: `The clip "${file}" could not be decoded (${why}), so it was not scored against the style.`, ...say('style.clipUnreadable', { file }) });
}
