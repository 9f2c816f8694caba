import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../../shared/errors.js';
import type { Fit, Motion, Timeline } from '../../../shared/timeline.js';
import { isVideoScene, outputSize } from '../../../shared/timeline.js';
import { ffprobe, parseRate } from '../ff/run.js';
import { say } from '../../../shared/messages.js';

/** One scene resolved against the disk and placed on the output timeline, in whole frames. */
export interface PlannedScene {
  index: number;
  kind: 'image' | 'video';
  file: string;
  voice: string | null;
  /** Frames this scene owns on the output timeline. */
  frames: number;
  /** Frames the clip must supply: its own plus the transition that overlaps its end. */
  clipFrames: number;
  startFrame: number;
  motion: Motion;
  fit: Fit;
  caption: string | null;
  trim: number;
  /** Video scenes only: whether the clip has sound of its own. */
  hasAudio: boolean;
}

export interface Plan {
  width: number;
  height: number;
  fps: number;
  totalFrames: number;
  durationSec: number;
  transitionFrames: number;
  scenes: PlannedScene[];
  music: (NonNullable<Timeline['music']> & { file: string }) | null;
}

function resolveIn(baseDir: string, p: string): string {
  return path.isAbsolute(p) ? p : path.resolve(baseDir, p);
}

function assertExists(file: string, field: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new StudioError({ code: 'FILE_NOT_FOUND', field, message: `${field}: the file ${file} does not exist.`, ...say('media.missing', { file: path.basename(file) }) });
  }
  if (!stat.isFile()) throw new StudioError({ code: 'FILE_NOT_FOUND', field, message: `${field}: ${file} is not a file.`, ...say('media.notAFile', { file: path.basename(file) }) });
  if (stat.size === 0) throw new StudioError({ code: 'EMPTY_FILE', field, message: `${field}: the file ${file} is empty.`, ...say('media.empty', { file: path.basename(file) }) });
}

async function checkImage(file: string, field: string): Promise<void> {
  try {
    // A full decode of a thumbnail catches truncated files that a header read would pass.
    await sharp(file, { limitInputPixels: 100_000_000 }).resize(8, 8, { fit: 'fill' }).raw().toBuffer();
  } catch (err) {
    throw new StudioError(
      { code: 'INVALID_MEDIA', field, message: `${field}: ${file} is not a readable image (${err instanceof Error ? err.message : String(err)}).`, ...say('media.unreadableImage', { file: path.basename(file) }) },
      { cause: err },
    );
  }
}

async function checkMedia(file: string, field: string, need: 'video' | 'audio'): Promise<{ hasAudio: boolean; durationSec: number }> {
  let probe;
  try {
    probe = await ffprobe(file);
  } catch (err) {
    if (err instanceof StudioError && err.code === 'INVALID_MEDIA') {
      throw new StudioError({ code: 'INVALID_MEDIA', field, message: `${field}: ${err.message}`, ...say('media.unreadable', { file: path.basename(file) }) }, { cause: err });
    }
    throw err;
  }
  const video = probe.streams.find((s) => s.codec_type === 'video' && parseRate(s.avg_frame_rate ?? s.r_frame_rate) > 0);
  const audio = probe.streams.find((s) => s.codec_type === 'audio');
  if (need === 'video' && !video) {
    throw new StudioError({ code: 'INVALID_MEDIA', field, message: `${field}: ${file} has no video stream.`, ...say('media.noVideoStream', { file: path.basename(file) }) });
  }
  if (need === 'audio' && !audio) {
    throw new StudioError({ code: 'INVALID_MEDIA', field, message: `${field}: ${file} has no audio stream.`, ...say('media.noAudioStream', { file: path.basename(file) }) });
  }
  return { hasAudio: !!audio, durationSec: Number(probe.format.duration ?? 0) };
}

/**
 * Resolves every path against baseDir, checks each file is there and
 * decodable (naming the file and the field when not), and lays the scenes out
 * in whole frames so the output lasts exactly the sum of the durations.
 */
export async function planTimeline(t: Timeline, baseDir: string): Promise<Plan> {
  const { width, height } = outputSize(t);
  const fps = t.fps;
  const transitionFrames = t.transition.type === 'none' || t.scenes.length < 2 ? 0 : Math.round(t.transition.duration * fps);

  const scenes: PlannedScene[] = [];
  let cursor = 0;
  for (const [i, s] of t.scenes.entries()) {
    const frames = Math.max(1, Math.round(s.duration * fps));
    const last = i === t.scenes.length - 1;
    const video = isVideoScene(s);
    const field = `scenes.${i}.${video ? 'video' : 'image'}`;
    const file = resolveIn(baseDir, video ? s.video : s.image!);
    assertExists(file, field);
    let hasAudio = false;
    if (video) {
      const info = await checkMedia(file, field, 'video');
      hasAudio = info.hasAudio;
      const trim = s.trim ?? 0;
      if (info.durationSec > 0 && trim >= info.durationSec) {
        throw new StudioError({
          code: 'BAD_INPUT',
          field: `scenes.${i}.trim`,
          message: `scenes.${i}.trim: ${trim} s skips past the end of ${file} (${info.durationSec.toFixed(2)} s long).`,
          ...say('media.trimPastEnd', { file: path.basename(file), trim, duration: info.durationSec.toFixed(2) }),
        });
      }
    } else {
      await checkImage(file, field);
    }
    let voice: string | null = null;
    if (s.voice !== undefined) {
      voice = resolveIn(baseDir, s.voice);
      assertExists(voice, `scenes.${i}.voice`);
      await checkMedia(voice, `scenes.${i}.voice`, 'audio');
    }
    scenes.push({
      index: i,
      kind: video ? 'video' : 'image',
      file,
      voice,
      frames,
      clipFrames: frames + (last ? 0 : transitionFrames),
      startFrame: cursor,
      motion: s.motion,
      fit: s.fit,
      caption: s.caption && s.caption.trim() ? s.caption.trim() : null,
      trim: s.trim ?? 0,
      hasAudio,
    });
    cursor += frames;
  }

  let music: Plan['music'] = null;
  if (t.music) {
    const file = resolveIn(baseDir, t.music.path);
    assertExists(file, 'music.path');
    await checkMedia(file, 'music.path', 'audio');
    music = { ...t.music, file };
  }
  return { width, height, fps, totalFrames: cursor, durationSec: cursor / fps, transitionFrames, scenes, music };
}
