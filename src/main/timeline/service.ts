import path from 'node:path';
import type { TimelineOverview } from '../../shared/api/contract.js';
import { StudioError, toErrorInfo } from '../../shared/errors.js';
import type { ComposeJobResult, MotionJobResult } from '../../shared/jobs/kinds.js';
import type { JobView } from '../../shared/jobs/model.js';
import { say } from '../../shared/messages.js';
import { outputSize, parseTimeline, timelineDurationSeconds, type Quality, type Timeline } from '../../shared/timeline.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import { checkClientPath, readClientFile, withFolder, type PathScope } from '../client-files.js';
import { MAX_IMPORT_BYTES, type LibraryService } from '../library/service.js';
import type { DataPaths } from '../paths.js';

/** A timeline is a short JSON file; anything larger is refused before it is read whole. */
export const MAX_TIMELINE_BYTES = 2 * 1024 * 1024;

/**
 * Timelines as the Video preview sees them: a file read and validated, its
 * scenes' media brought into the library (for the filmstrip), and renders as
 * video jobs whose output lands in the library's outputs folder.
 */
export class TimelineService {
  constructor(
    private readonly library: LibraryService,
    private readonly jobs: SqliteJobQueue,
    private readonly paths: DataPaths,
  ) {
    // Every render of the media engine — a timeline's, a Director video's, a motion clip and its Live Photo pair — is a
    // library item, registered in the transaction that stores the job's result.
    jobs.onSettled('media.compose', {
      onSuccess: (job, result) => {
        const r = result as ComposeJobResult;
        library.addOutputs([r.output, r.poster], { sourceJobId: job.id, projectId: job.projectId, origin: 'generated', retentionClass: 'shortVideo' });
      },
    });
    jobs.onSettled('media.motion', {
      onSuccess: (job, result) => {
        const r = result as MotionJobResult;
        library.addOutputs([r.output, r.livePhoto?.jpeg, r.livePhoto?.mov], { sourceJobId: job.id, projectId: job.projectId, origin: 'generated', retentionClass: 'shortVideo' });
      },
    });
  }

  /** Reads and validates a timeline file through the client-file checks; errors never quote the file's text. */
  async read(file: string, scope: PathScope): Promise<{ timeline: Timeline; baseDir: string; path: string }> {
    const { path: real, data } = await readClientFile(file, { scope, maxBytes: MAX_TIMELINE_BYTES });
    const name = path.basename(real);
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      // Not V8's message: it quotes the text around the error, and the file may hold anything (keys, a device's bytes).
      throw new StudioError({
        code: 'TIMELINE_INVALID',
        message: `"${name}" is not valid JSON.`,
        hint: 'See docs/timeline.md for the format.',
        ...say('timeline.notJson', { file: name }),
      });
    }
    const parsed = parseTimeline(json);
    if (!parsed.ok) {
      const field = parsed.problems[0]?.field ?? '';
      throw new StudioError({
        code: 'TIMELINE_INVALID',
        field,
        message: `Invalid timeline ${name}: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        hint: 'See docs/timeline.md for the format.',
        ...say('timeline.invalid', { field }),
      });
    }
    const baseDir = path.dirname(real);
    return { timeline: withAbsolutePaths(parsed.timeline, baseDir), baseDir, path: real };
  }

  async open(file: string, scope: PathScope): Promise<TimelineOverview> {
    const { timeline, baseDir, path: real } = await this.read(file, scope);
    const sources = timeline.scenes.map((s) => path.resolve(baseDir, s.image ?? s.video!));
    const outcomes = await this.library.import([...new Set(sources)], withFolder(scope, baseDir));
    const bySource = new Map(outcomes.map((o) => [o.path, o]));
    const { width, height } = outputSize(timeline);
    return {
      path: real,
      timeline,
      totalSeconds: timelineDurationSeconds(timeline),
      width,
      height,
      scenes: timeline.scenes.map((s, index) => {
        const outcome = bySource.get(sources[index]!);
        return {
          index,
          kind: s.video ? 'video' : 'image',
          source: sources[index]!,
          assetId: outcome?.assetId ?? null,
          probeJobId: outcome?.jobId ?? null,
          problem: outcome?.error ?? null,
          duration: s.duration,
          caption: s.caption ?? null,
          motion: s.motion,
        };
      }),
    };
  }

  async render(file: string, quality: Quality | undefined, scope: PathScope): Promise<JobView> {
    const { timeline, baseDir } = await this.read(file, scope);
    // The worker reads the scenes by path: each must be a regular file the client may read, like an import.
    const scenes = withFolder(scope, baseDir);
    for (const [i, s] of timeline.scenes.entries()) {
      try {
        await checkClientPath(path.resolve(baseDir, s.image ?? s.video!), { scope: scenes, maxBytes: MAX_IMPORT_BYTES });
      } catch (err) {
        const info = toErrorInfo(err);
        throw new StudioError({ ...info, field: `scenes.${i}.${s.image ? 'image' : 'video'}`, message: `Scene ${i + 1}: ${info.message}` });
      }
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const out = path.join(this.paths.outputs, `${path.parse(file).name}-${stamp}.mp4`);
    return this.jobs.enqueue('media.compose', { timeline: quality ? { ...timeline, quality } : timeline, baseDir, out });
  }
}

/**
 * The timeline with every file it names resolved against its own folder.
 * A job then carries absolute paths only, so a render farm's file map
 * (src/main/farm/file-map.ts) finds each input and ships it to the worker
 * machine; relative names would point into the worker's own disk.
 */
function withAbsolutePaths(t: Timeline, baseDir: string): Timeline {
  const abs = (p: string | undefined) => (p === undefined ? undefined : path.resolve(baseDir, p));
  return {
    ...t,
    scenes: t.scenes.map((s) => ({ ...s, image: abs(s.image), video: abs(s.video), voice: abs(s.voice) })),
    ...(t.music ? { music: { ...t.music, path: path.resolve(baseDir, t.music.path) } } : {}),
    output: abs(t.output),
  };
}
