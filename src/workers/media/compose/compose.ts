import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../../shared/errors.js';
import type { Timeline, TimelineInput } from '../../../shared/timeline.js';
import { parseTimeline } from '../../../shared/timeline.js';
import { chooseEncoder, encoderArgs } from '../ff/encoder.js';
import type { EncoderChoice, VideoEncoder } from '../ff/encoder.js';
import { abortError, runFfmpeg } from '../ff/run.js';
import { assertGlyphCoverage, faceRuns, resolveCaptionFonts } from '../fonts.js';
import { provenanceFfmpegArgs, provenanceXmp } from '../provenance.js';
import { buildGraph } from './graph.js';
import type { ComposeJobResult } from '../../../shared/jobs/kinds.js';
import { planTimeline } from './plan.js';
import type { Plan } from './plan.js';
import { buildAss, buildSrt } from './subtitles.js';
import type { Cue } from './subtitles.js';
import { say } from '../../../shared/messages.js';
import { progressLabel, type ProgressLabel } from '../../../shared/progress-labels.js';

export interface ComposeOptions {
  /** Folder that relative paths in the timeline are resolved against (the timeline file's folder). */
  baseDir: string;
  /** The MP4 to write. The poster (.jpg) and subtitles (.srt) are written beside it with the same base name. */
  outPath: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: ProgressLabel) => void;
  /** Where the ASS script, filter graph and partial output live while rendering (a fresh folder inside it, removed afterwards). */
  tempDir?: string;
  /** Force an encoder; default: probe for a working hardware encoder, else libx264. */
  encoder?: EncoderChoice;
}

/** What the job reports (ComposeJobResult: output, poster, .srt or null without captions, size, fps), plus details for benchmarks. */
export interface ComposeResult extends ComposeJobResult {
  encoder: VideoEncoder;
  /** ffmpeg's peak resident memory (Linux), for benchmarks and the job log. */
  ffmpegPeakRssBytes: number | null;
}

/** Validates a timeline (already-parsed JSON) into StudioError TIMELINE_INVALID naming the first bad field, and all of them in the message. */
export function validateTimeline(input: unknown): Timeline {
  const res = parseTimeline(input);
  if (res.ok) return res.timeline;
  const first = res.problems[0]!;
  throw new StudioError({
    code: 'TIMELINE_INVALID',
    field: first.field,
    message: `Invalid timeline: ${res.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    hint: 'See docs/timeline.md for the format.',
    ...say('timeline.invalid', { field: first.field }),
  });
}

/** Reads and validates a timeline file; relative paths in it resolve against its folder (returned as baseDir). */
export function loadTimelineFile(file: string): { timeline: Timeline; baseDir: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new StudioError({ code: 'FILE_NOT_FOUND', message: `The timeline file ${file} could not be read.`, ...say('timeline.notFound', { file: path.basename(file) }) }, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new StudioError(
      { code: 'TIMELINE_INVALID', message: `${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, ...say('timeline.notJson', { file: path.basename(file) }) },
      { cause: err },
    );
  }
  return { timeline: validateTimeline(json), baseDir: path.dirname(path.resolve(file)) };
}

function assertWritableDir(outPath: string): void {
  const dir = path.dirname(path.resolve(outPath));
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new StudioError(
      { code: 'OUTPUT_NOT_WRITABLE', field: 'output', message: `The output folder ${dir} is not writable.`, hint: 'Choose another output path.', ...say('output.notWritable', { dir }) },
      { cause: err },
    );
  }
  if (fs.existsSync(outPath) && fs.statSync(outPath).isDirectory()) {
    throw new StudioError({ code: 'OUTPUT_NOT_WRITABLE', field: 'output', message: `The output path ${outPath} is a folder.`, ...say('output.isFolder', { path: outPath }) });
  }
}

function cuesOf(plan: Plan): Cue[] {
  return plan.scenes
    .filter((s) => s.caption !== null)
    .map((s) => ({ start: s.startFrame / plan.fps, end: (s.startFrame + s.frames) / plan.fps, text: s.caption! }));
}

function sidecar(outPath: string, ext: string): string {
  const parsed = path.parse(outPath);
  return path.join(parsed.dir, `${parsed.name}${ext}`);
}

/**
 * Renders a timeline to an H.264/AAC MP4 in one ffmpeg pass, plus a poster
 * JPEG and a sidecar .srt. Progress goes to onProgress (0…1); aborting the
 * signal kills ffmpeg and leaves no temp or partial files behind.
 */
export async function composeTimeline(input: Timeline | TimelineInput, opts: ComposeOptions): Promise<ComposeResult> {
  const timeline = validateTimeline(input);
  const { signal, onProgress } = opts;
  const outPath = path.resolve(opts.outPath);
  if (!outPath.toLowerCase().endsWith('.mp4')) {
    throw new StudioError({ code: 'BAD_INPUT', field: 'output', message: `The output must be an .mp4 file (got ${outPath}).`, ...say('output.notMp4', { path: outPath }) });
  }
  assertWritableDir(outPath);

  // Everything that can be refused is refused before ffmpeg starts: glyphs, files, sizes.
  const fonts = resolveCaptionFonts();
  const texts = timeline.scenes.flatMap((s, i) => (s.caption ? [{ field: `scenes.${i}.caption`, text: s.caption }] : []));
  if (timeline.watermark) texts.push({ field: 'watermark.text', text: timeline.watermark.text });
  assertGlyphCoverage(texts, fonts);
  onProgress?.(0, progressLabel('checkingInputs'));
  const plan = await planTimeline(timeline, opts.baseDir);
  if (signal?.aborted) throw abortError();
  const encoder = await chooseEncoder(opts.encoder ?? 'auto');

  const work = fs.mkdtempSync(path.join(opts.tempDir ?? os.tmpdir(), 'kingjam-compose-'));
  const tag = crypto.randomBytes(4).toString('hex');
  const partOut = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${tag}.part.mp4`);
  const posterPath = sidecar(outPath, '.jpg');
  const srtPath = sidecar(outPath, '.srt');
  try {
    const cues = cuesOf(plan);
    let subtitles: { assFile: string; fontsDir: string } | null = null;
    if (cues.length > 0 || timeline.watermark) {
      const assFile = path.join(work, 'captions.ass');
      fs.writeFileSync(
        assFile,
        buildAss(cues, {
          width: plan.width,
          height: plan.height,
          fonts,
          style: timeline.subtitles,
          watermark: timeline.watermark,
          durationSec: plan.durationSec,
        }),
      );
      // libass loads every file in fontsdir: give it a folder holding just the faces these texts use (and the style's).
      const fontsDir = path.join(work, 'fonts');
      fs.mkdirSync(fontsDir);
      const used = new Set([fonts.faces[0]!.file, ...texts.flatMap((t) => faceRuns(t.text, fonts).map((r) => r.face.file))]);
      for (const file of used) {
        const linked = path.join(fontsDir, path.basename(file));
        try {
          fs.symlinkSync(file, linked);
        } catch {
          fs.copyFileSync(file, linked); // Windows without symlink rights
        }
      }
      subtitles = { assFile, fontsDir };
    }

    const enc = encoderArgs(encoder, timeline.quality);
    const g = buildGraph(plan, { quality: timeline.quality, transition: timeline.transition.type, subtitles, videoSuffix: enc.filterSuffix });
    const graphFile = path.join(work, 'graph.txt');
    fs.writeFileSync(graphFile, g.graph);

    const args = [
      ...enc.pre,
      ...g.args,
      '-filter_complex_script', graphFile,
      '-map', `[${g.videoLabel}]`,
      '-map', `[${g.audioLabel}]`,
      ...enc.args,
      '-r', String(plan.fps),
      '-c:a', 'aac', '-b:a', '160k', '-ar', '48000', '-ac', '2',
      '-movflags', '+faststart',
      ...provenanceFfmpegArgs(),
      '-f', 'mp4',
      partOut,
    ];
    const run = await runFfmpeg(args, {
      signal,
      durationSec: plan.durationSec,
      what: 'rendering the timeline',
      onProgress: onProgress ? (f, m) => onProgress(f * 0.97, m) : undefined,
    });

    // Poster: a frame from the middle of the first scene, as JPEG with the AI-disclosure XMP.
    const first = plan.scenes[0]!;
    const posterAt = (first.startFrame + first.frames / 2) / plan.fps;
    const posterPng = path.join(work, 'poster.png');
    await runFfmpeg(['-ss', posterAt.toFixed(3), '-i', partOut, '-frames:v', '1', '-update', '1', posterPng], { signal, what: 'extracting the poster frame' });
    await sharp(posterPng).jpeg({ quality: 88, mozjpeg: true }).withXmp(provenanceXmp()).toFile(posterPath);

    if (cues.length > 0) fs.writeFileSync(srtPath, buildSrt(cues));
    else fs.rmSync(srtPath, { force: true });
    fs.renameSync(partOut, outPath);
    onProgress?.(1, progressLabel('done'));
    return {
      output: outPath,
      poster: posterPath,
      srt: cues.length > 0 ? srtPath : null,
      durationSec: plan.durationSec,
      width: plan.width,
      height: plan.height,
      fps: plan.fps,
      encoder,
      ffmpegPeakRssBytes: run.peakRssBytes,
    };
  } catch (err) {
    fs.rmSync(partOut, { force: true });
    if (signal?.aborted) {
      fs.rmSync(posterPath, { force: true });
      throw abortError();
    }
    throw err;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
