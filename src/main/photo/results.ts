import type { PhotoRunView } from '../../shared/api/photo-contract.js';
import { StudioError } from '../../shared/errors.js';
import type { AssetView } from '../../shared/library.js';
import { say } from '../../shared/messages.js';
import type { PhotoMotionResult, PhotoRepairResult, PhotoVariantsResult } from '../../shared/photo/jobs.js';
import type { EventBus } from '../events.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { LibraryService } from '../library/service.js';
import { removeFolderExcept } from './folders.js';
import { variantMissing } from './requests.js';
import type { PhotoRuns } from './runs.js';
import type { PhotoStore, RunRow } from './store.js';

/** The library assets a run's results were imported as, and those handed to a post (kept past the run's retention). */
interface RunAssets {
  imported: Record<string, string>;
  kept: string[];
}

const PHOTO_JOB_KINDS = ['photo.fuse', 'photo.makeover', 'photo.repair', 'photo.motion'] as const;

function assetsOf(row: RunRow): RunAssets {
  const parsed = JSON.parse(row.assets_json) as Partial<RunAssets>;
  return { imported: parsed.imported ?? {}, kept: parsed.kept ?? [] };
}

/** The image and video files a finished run wrote (masks stay out of the library: they are working files). */
function resultFiles(row: RunRow): string[] {
  if (!row.result_json) return [];
  if (row.kind === 'repair') return [(JSON.parse(row.result_json) as PhotoRepairResult).path];
  if (row.kind === 'motion') {
    const m = JSON.parse(row.result_json) as PhotoMotionResult;
    return [m.output, ...(m.livePhoto ? [m.livePhoto.jpeg, m.livePhoto.mov] : [])];
  }
  return (JSON.parse(row.result_json) as PhotoVariantsResult).variants.map((v) => v.path);
}

/**
 * What happens to a run's pictures: they enter the media library when the
 * run succeeds, the user picks one (4-choose-1) and may hand it to the social
 * composer, and they leave with the run's folder when the retention settings
 * say (images as social images, motion clips as short videos) — except a
 * picture handed to a post, which is the user's now.
 */
export class PhotoResults {
  constructor(
    private readonly store: PhotoStore,
    private readonly runs: PhotoRuns,
    private readonly library: LibraryService,
    private readonly jobs: SqliteJobQueue,
    private readonly events: EventBus,
  ) {
    // After PhotoRuns' own hooks (it was made first), so the run row already holds the result.
    for (const kind of PHOTO_JOB_KINDS) {
      jobs.onSettled(kind, {
        onSuccess: (job) => {
          const run = store.runByJob(job.id);
          if (run) this.importResults(run.id);
        },
      });
    }
  }

  /**
   * The run's files as library items, once (a second call finds them registered), referenced in the run's folder.
   * Retention class none: the run's own sweep below applies the retention settings to them (social images, short
   * videos for motion) and knows what was handed to a post; a class would put them under a second cleanup that does not.
   */
  importResults(runId: string): Record<string, string> {
    const row = this.runs.row(runId);
    const assets = assetsOf(row);
    const missing = resultFiles(row).filter((f) => !(f in assets.imported));
    if (missing.length === 0 || row.results_deleted_at !== null) return assets.imported;
    for (const file of missing) {
      const [asset] = this.library.addOutputs([file], { sourceJobId: row.job_id, projectId: row.id, origin: 'generated', retentionClass: null });
      if (asset) assets.imported[file] = asset.id;
    }
    this.store.setAssets(runId, assets);
    return assets.imported;
  }

  choose(id: string, seed: number): PhotoRunView {
    const row = this.runs.row(id);
    const variant = this.variantPath(row, seed);
    if (!variant) throw variantMissing(seed);
    this.store.choose(id, seed);
    const view = this.runs.get(id);
    this.events.emit('photo.run.updated', view);
    return view;
  }

  /** The chosen picture (or a named variant; a repair's or motion's own result) as a library asset, probed, for the composer. */
  async usePost(id: string, seed?: number): Promise<{ asset: AssetView }> {
    const row = this.runs.row(id);
    const file = this.postFile(row, seed);
    const imported = this.importResults(id);
    const assetId = imported[file];
    if (!assetId) throw new StudioError({ code: 'NOT_FOUND', message: 'That picture is no longer on this computer.', ...say('photo.service.resultGone') });
    const asset = this.library.get(assetId);
    const probe = this.jobsOf(asset);
    if (probe) await this.jobs.waitFor(probe);
    const fresh = assetsOf(this.runs.row(id));
    if (!fresh.kept.includes(assetId)) this.store.setAssets(id, { ...fresh, kept: [...fresh.kept, assetId] });
    return { asset: this.library.get(assetId) };
  }

  /** Runs whose results' retention is over at `now`: their library assets (but those in a post or starred) and their folder go. */
  async sweep(now: number): Promise<number> {
    let n = 0;
    for (const row of this.store.dueRuns(now)) {
      const assets = assetsOf(row);
      const stays = new Set(Object.values(assets.imported).filter((a) => assets.kept.includes(a) || this.starred(a)));
      const drop = Object.values(assets.imported).filter((a) => !stays.has(a));
      if (drop.length > 0) await this.library.delete(drop);
      // The library items that stay are referenced in the run's folder: their files stay with them, the rest goes.
      const keep = Object.entries(assets.imported).filter(([, a]) => stays.has(a)).map(([file]) => file);
      await removeFolderExcept(row.out_dir, keep);
      this.store.resultsDeleted(row.id, now);
      this.events.emit('photo.run.updated', this.runs.get(row.id));
      n += 1;
    }
    return n;
  }

  private postFile(row: RunRow, seed: number | undefined): string {
    if (row.status !== 'succeeded' || !row.result_json || row.results_deleted_at !== null) {
      throw new StudioError({ code: 'CONFLICT', message: 'That run has no finished picture.', ...say('photo.service.runNotFinished') });
    }
    if (row.kind === 'repair' || row.kind === 'motion') return resultFiles(row)[0]!;
    const variants = (JSON.parse(row.result_json) as PhotoVariantsResult).variants;
    const pick = seed ?? row.chosen_seed ?? (variants.length === 1 ? variants[0]!.seed : null);
    if (pick === null) throw new StudioError({ code: 'CONFLICT', message: 'Choose one of the four pictures first.', ...say('photo.service.nothingChosen') });
    const file = this.variantPath(row, pick);
    if (!file) throw variantMissing(pick);
    return file;
  }

  private variantPath(row: RunRow, seed: number): string | null {
    if (!row.result_json || (row.kind !== 'fuse' && row.kind !== 'makeover')) return null;
    return (JSON.parse(row.result_json) as PhotoVariantsResult).variants.find((v) => v.seed === seed)?.path ?? null;
  }

  private starred(assetId: string): boolean {
    const row = this.store.store.sqlite.prepare('SELECT starred FROM assets WHERE id = ?').get(assetId) as { starred: number } | undefined;
    return row?.starred === 1;
  }

  private jobsOf(asset: AssetView): string | null {
    if (asset.status !== 'processing') return null;
    const row = this.store.store.sqlite.prepare('SELECT job_id FROM assets WHERE id = ?').get(asset.id) as { job_id: string | null } | undefined;
    return row?.job_id ?? null;
  }
}
