import fs from 'node:fs';
import path from 'node:path';
import type { TimelineOverview } from '../../shared/api/contract.js';
import { StudioError } from '../../shared/errors.js';
import type { JobView } from '../../shared/jobs/model.js';
import { outputSize, parseTimeline, timelineDurationSeconds, type Quality, type Timeline } from '../../shared/timeline.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { LibraryService } from '../library/service.js';
import type { DataPaths } from '../paths.js';

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
  ) {}

  read(file: string): { timeline: Timeline; baseDir: string } {
    const abs = path.resolve(file);
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch {
      throw new StudioError({ code: 'FILE_NOT_FOUND', message: `The timeline "${file}" does not exist or cannot be read.` });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new StudioError({
        code: 'TIMELINE_INVALID',
        message: `"${path.basename(abs)}" is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
        hint: 'See docs/timeline.md for the format.',
      });
    }
    const parsed = parseTimeline(json);
    if (!parsed.ok) {
      throw new StudioError({
        code: 'TIMELINE_INVALID',
        field: parsed.problems[0]?.field,
        message: `Invalid timeline ${path.basename(abs)}: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        hint: 'See docs/timeline.md for the format.',
      });
    }
    return { timeline: parsed.timeline, baseDir: path.dirname(abs) };
  }

  async open(file: string): Promise<TimelineOverview> {
    const { timeline, baseDir } = this.read(file);
    const sources = timeline.scenes.map((s) => path.resolve(baseDir, s.image ?? s.video!));
    const outcomes = await this.library.import([...new Set(sources)]);
    const bySource = new Map(outcomes.map((o) => [o.path, o]));
    const { width, height } = outputSize(timeline);
    return {
      path: path.resolve(file),
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
          problem: outcome?.error?.message ?? null,
          duration: s.duration,
          caption: s.caption ?? null,
          motion: s.motion,
        };
      }),
    };
  }

  async render(file: string, quality?: Quality): Promise<JobView> {
    const { timeline, baseDir } = this.read(file);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const out = path.join(this.paths.outputs, `${path.parse(file).name}-${stamp}.mp4`);
    return this.jobs.enqueue('media.compose', { timeline: quality ? { ...timeline, quality } : timeline, baseDir, out });
  }
}
