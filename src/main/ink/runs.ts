import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { inkRunRequestSchema, type InkRunRequest, type InkRunStatus, type InkRunView } from '../../shared/api/ink-contract.js';
import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import type { InkCleanResult, InkPsdResult } from '../../shared/ink/jobs.js';
import { DEFAULT_INK_PALETTE, hexColourSchema, type InkOptions } from '../../shared/ink/options.js';
import type { JobView } from '../../shared/jobs/model.js';
import { say } from '../../shared/messages.js';
import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { InkStore, InkRunRow } from './store.js';

/** Where a locked style's palette comes from (the Style-Locker's area, when it offers one). */
export interface PaletteSource {
  paletteOf?(styleId: string): readonly string[] | null;
}

/**
 * Cleanup runs of the 2D studio: each cleans one library sketch in a worker
 * (`ink.clean`), and on request makes its layered PSD (`ink.psd`). Job progress
 * and outcomes are followed onto the run's row and announced as `ink.updated`;
 * the line-art PNG and the PSD's flattened preview go into the library.
 */
export class InkRuns {
  constructor(
    private readonly d: CreatorHubDeps,
    private readonly store: InkStore,
    private readonly styles: PaletteSource,
  ) {
    d.jobs.onSettled('ink.clean', {
      onSuccess: (job, result) => this.settled(job, result as InkCleanResult, null),
      onFailure: (job, error) => this.settled(job, null, error),
    });
    d.jobs.onSettled('ink.psd', {
      onSuccess: (job, result) => this.psdSettled(job, result as InkPsdResult, null),
      onFailure: (job, error) => this.psdSettled(job, null, error),
    });
    d.events.on('job.updated', (job) => this.follow(job));
  }

  async run(input: InkRunRequest): Promise<InkRunView> {
    const req = inkRunRequestSchema.parse(input);
    const asset = this.d.library.get(req.assetId);
    if (asset.kind !== 'image') {
      throw new StudioError({ code: 'UNSUPPORTED_TYPE', message: `"${asset.name}" is not an image.`, ...say('ink.not-image', { name: asset.name }) });
    }
    const id = randomUUID();
    const outDir = path.join(this.d.paths.outputs, 'ink', id);
    this.store.insert({
      id,
      name: asset.name,
      asset_id: asset.id,
      input: asset.file,
      options_json: JSON.stringify(req.options),
      style_id: req.styleId,
      out_dir: outDir,
      created_at: this.d.now(),
    });
    try {
      const job = await this.d.jobs.enqueue('ink.clean', { input: this.abs(asset.file), outDir, options: req.options });
      this.store.setJob(id, job.id);
    } catch (err) {
      this.store.delete(id);
      throw err;
    }
    return this.announce(id);
  }

  list(limit: number): InkRunView[] {
    return this.store.list(limit).map((r) => this.view(r));
  }

  get(id: string): InkRunView {
    return this.view(this.row(id));
  }

  /** Queues the run's layered PSD; a PSD already queued, being made or made is left as it is. */
  async psd(id: string, paper: 'white' | 'sketch'): Promise<InkRunView> {
    const row = this.row(id);
    if (row.status !== 'succeeded') {
      throw new StudioError({ code: 'CONFLICT', message: 'The sketch is not cleaned yet.', ...say('ink.output-missing', { kind: 'png' }) });
    }
    if (row.psd_status === 'queued' || row.psd_status === 'running' || row.psd_status === 'succeeded') return this.view(row);
    const options = JSON.parse(row.options_json) as InkOptions;
    const job = await this.d.jobs.enqueue('ink.psd', {
      input: this.abs(row.input),
      out: path.join(row.out_dir, `${path.parse(row.name).name || 'sketch'}-layers.psd`),
      options,
      palette: this.palette(row.style_id),
      paper,
    });
    this.store.psdQueued(id, job.id);
    return this.announce(id);
  }

  /** The locked style's palette (valid colours only), else the default one. */
  palette(styleId: string | null): string[] {
    const fromStyle = styleId && this.styles.paletteOf ? (this.styles.paletteOf(styleId) ?? []) : [];
    const valid = fromStyle.filter((c) => hexColourSchema.safeParse(c).success);
    return valid.length > 0 ? valid.slice(0, 32) : [...DEFAULT_INK_PALETTE];
  }

  private row(id: string): InkRunRow {
    const row = this.store.get(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `No 2D studio run ${id}.`, ...say('ink.run-not-found', { id }) });
    return row;
  }

  private abs(libraryPath: string): string {
    return path.join(this.d.paths.library, ...libraryPath.split('/'));
  }

  /** A file as a library path ('/'-separated, for mediaUrl). */
  private rel(file: string): string {
    return path.relative(this.d.paths.library, file).split(path.sep).join('/');
  }

  private announce(id: string): InkRunView {
    const view = this.get(id);
    this.d.events.emit('ink.updated', { id });
    return view;
  }

  private settled(job: JobView, result: InkCleanResult | null, error: ErrorInfo | null): void {
    const row = this.store.byJob(job.id);
    if (!row) return;
    const status: InkRunStatus = result ? 'succeeded' : job.status === 'canceled' ? 'canceled' : 'failed';
    this.store.settle(row.id, status, result, error, this.d.now());
    if (result) this.addOutput(row.id, job, 'lineArt', result.png);
  }

  private psdSettled(job: JobView, result: InkPsdResult | null, error: ErrorInfo | null): void {
    const row = this.store.byPsdJob(job.id);
    if (!row) return;
    const status: InkRunStatus = result ? 'succeeded' : job.status === 'canceled' ? 'canceled' : 'failed';
    this.store.psdSettle(row.id, status, result, error);
    if (result) this.addOutput(row.id, job, 'preview', result.preview);
  }

  /**
   * An output as a library item, in the job's settling transaction (referenced in the run's folder). No retention
   * class: line art is the user's drawing, kept until they delete it.
   */
  private addOutput(id: string, job: JobView, kind: 'lineArt' | 'preview', file: string): void {
    const [asset] = this.d.library.addOutputs([file], { sourceJobId: job.id, projectId: id, origin: 'generated', retentionClass: null });
    if (!asset) return;
    const assets = { ...(JSON.parse(this.row(id).assets_json) as Record<string, string>), [kind]: asset.id };
    this.store.setAssets(id, assets);
    this.d.events.emit('ink.updated', { id });
  }

  private follow(job: JobView): void {
    if (job.kind !== 'ink.clean' && job.kind !== 'ink.psd') return;
    const live = job.status === 'queued' || job.status === 'running';
    const clean = this.store.byJob(job.id);
    if (clean && live) this.store.progress(clean.id, job.status as InkRunStatus, job.progress);
    const psd = this.store.byPsdJob(job.id);
    if (psd && live) this.store.psdProgress(psd.id, job.status as InkRunStatus);
    const row = clean ?? psd;
    if (row) this.d.events.emit('ink.updated', { id: row.id });
  }

  private view(row: InkRunRow): InkRunView {
    const result = row.result_json ? (JSON.parse(row.result_json) as InkCleanResult) : null;
    const psd = row.psd_json ? (JSON.parse(row.psd_json) as InkPsdResult) : null;
    return {
      id: row.id,
      name: row.name,
      assetId: row.asset_id,
      input: row.input,
      options: JSON.parse(row.options_json) as InkOptions,
      styleId: row.style_id,
      status: row.status,
      progress: row.progress,
      result: result && {
        png: this.rel(result.png),
        svg: this.rel(result.svg),
        width: result.width,
        height: result.height,
        angle: result.angle,
        paths: result.paths,
        curves: result.curves,
      },
      psd: row.psd_status && {
        status: row.psd_status,
        file: psd ? this.rel(psd.psd) : null,
        preview: psd ? this.rel(psd.preview) : null,
        error: row.psd_error ? (JSON.parse(row.psd_error) as ErrorInfo) : null,
      },
      assets: JSON.parse(row.assets_json) as InkRunView['assets'],
      error: row.error ? (JSON.parse(row.error) as ErrorInfo) : null,
      createdAt: row.created_at,
    };
  }
}
