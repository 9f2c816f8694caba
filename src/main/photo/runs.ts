import { PHOTO_GRANT, type PhotoGrant } from '../../shared/photo/grant.js';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type {
  PhotoEstimateRequest,
  PhotoFuseRequest,
  PhotoMakeoverRequest,
  PhotoMotionRequest,
  PhotoRepairRequest,
  PhotoRunKind,
  PhotoRunPage,
  PhotoRunView,
} from '../../shared/api/photo-contract.js';
import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import type { JobView } from '../../shared/jobs/model.js';
import { say } from '../../shared/messages.js';
import type { Estimate } from '../../shared/pricing.js';
import { variantsFor, type PhotoTier, type PhotoVia } from '../../shared/photo/requests.js';
import type { Settings } from '../../shared/settings.js';
import type { PathScope } from '../client-files.js';
import type { EventBus } from '../events.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { DataPaths } from '../paths.js';
import { photoEstimate } from '../../shared/photo/estimate.js';
import type { FreeTier } from './free-tier.js';
import {
  backgroundFor,
  fusePeople,
  makeoverPhoto,
  motionSource,
  repairPhoto,
  requireConsent,
  requireCostumeBackend,
  requirePaidFor,
  runDir,
} from './requests.js';
import type { PhotoStore, RunRow } from './store.js';
import type { PhotoUploads } from './uploads.js';
import { cloudPurpose, type CloudBilling } from '../generate/cloud-work.js';
import { runView } from './views.js';
import type { AppliedStyle, StyleResolver } from '../../shared/style/profile.js';

const DAY_MS = 86_400_000;
const JOB_KIND = { fuse: 'photo.fuse', makeover: 'photo.makeover', repair: 'photo.repair', motion: 'photo.motion' } as const;
const PHOTO_JOB_KINDS: ReadonlySet<string> = new Set(Object.values(JOB_KIND));

export interface RunDeps {
  store: PhotoStore;
  jobs: SqliteJobQueue;
  events: EventBus;
  paths: DataPaths;
  uploads: PhotoUploads;
  free: FreeTier;
  settings: () => Settings;
  now: () => number;
  /** KingJam Cloud's wallet: cloud work is paid call by call at the gateway, so it is checked (signed in, enough credits) before it is queued. */
  cloud: CloudBilling;
}

interface Start {
  kind: PhotoRunKind;
  tier: PhotoTier;
  backend: string;
  via: PhotoVia;
  uploads: string[];
  sourceRun: string | null;
  request: unknown;
  estimate: Estimate;
  /** The job payload, given the run's output folder. */
  payload: (outDir: string) => Record<string, unknown>;
}

/**
 * Runs of the four tools: each is checked (photos, consent, tier), priced,
 * and queued as one worker job that holds its estimate (the queue's
 * JobCredits: the offline allowance for local paid work); the job's
 * progress and outcome are followed onto the run's row and announced as
 * `photo.run.updated`. A run that fails holds nothing afterwards: the queue
 * releases its credits and the free tier gets its variant back.
 */
export class PhotoRuns {
  /** Resolves a request's `styleId` to the locked style it applies (the Style-Locker, issue 16); set by the studio. */
  private styles: StyleResolver | null = null;

  useStyles(resolve: StyleResolver): void {
    this.styles = resolve;
  }

  private styleOf(styleId: string | undefined): { style?: AppliedStyle } {
    return styleId && this.styles ? { style: this.styles(styleId) } : {};
  }

  constructor(private readonly d: RunDeps) {
    for (const kind of Object.values(JOB_KIND)) {
      d.jobs.onSettled(kind, {
        onSuccess: (job, result) => this.settled(job, result, null),
        onFailure: (job, error) => this.settled(job, null, error),
      });
    }
    d.events.on('job.updated', (job) => this.follow(job));
  }

  estimate(req: PhotoEstimateRequest): Estimate {
    const r = req.request;
    switch (req.kind) {
      case 'fuse':
        return photoEstimate({ task: 'fuse', backend: req.request.backend, via: r.via, tier: r.tier });
      case 'makeover':
        return photoEstimate({ task: 'makeover', backend: req.request.backend, via: r.via, tier: r.tier, costume: req.request.costume });
      case 'repair':
        return photoEstimate({ task: 'repair', backend: req.request.backend, via: r.via });
      case 'motion':
        return photoEstimate({ task: 'motion', backend: req.request.backend, via: r.via, seconds: req.request.seconds });
    }
  }

  async fuse(req: PhotoFuseRequest, scope: PathScope): Promise<PhotoRunView> {
    requireConsent(req.consent);
    const people = fusePeople(req.uploads.map((id) => this.d.uploads.get(id)));
    const style = this.styleOf(req.styleId);
    const background = await backgroundFor(req.background, scope);
    return this.start({
      kind: 'fuse', tier: req.tier, backend: req.backend, via: req.via, uploads: req.uploads, sourceRun: null, request: req,
      estimate: this.estimate({ kind: 'fuse', request: req }),
      payload: (outDir) => ({
        people, background, backend: req.backend, via: req.via, ...(req.workflow ? { workflow: req.workflow } : {}),
        variants: variantsFor(req.tier), watermark: req.tier === 'free', outDir, ...freeGrant(req), ...style,
      }),
    });
  }

  async makeover(req: PhotoMakeoverRequest, scope: PathScope): Promise<PhotoRunView> {
    requireConsent(req.consent);
    if (req.costume) requirePaidFor(req.tier, 'costume');
    requireCostumeBackend(req);
    const check = makeoverPhoto(this.d.uploads.get(req.upload));
    const style = this.styleOf(req.styleId);
    const background = await backgroundFor(req.background, scope);
    return this.start({
      kind: 'makeover', tier: req.tier, backend: req.backend, via: req.via, uploads: [req.upload], sourceRun: null, request: req,
      estimate: this.estimate({ kind: 'makeover', request: req }),
      payload: (outDir) => ({
        photo: check.normalised, faces: check.faces.slice(0, 12), background, ...(req.costume ? { costume: req.costume } : {}),
        backend: req.backend, via: req.via, ...(req.workflow ? { workflow: req.workflow } : {}),
        variants: variantsFor(req.tier), watermark: req.tier === 'free', outDir, ...freeGrant(req), ...style,
      }),
    });
  }

  async repair(req: PhotoRepairRequest): Promise<PhotoRunView> {
    requireConsent(req.consent);
    const check = repairPhoto(this.d.uploads.get(req.upload));
    return this.start({
      kind: 'repair', tier: req.tier, backend: req.backend, via: req.via, uploads: [req.upload], sourceRun: null, request: req,
      estimate: this.estimate({ kind: 'repair', request: req }),
      payload: (outDir) => ({
        photo: check.normalised, backend: req.backend, via: req.via, ...(req.workflow ? { workflow: req.workflow } : {}),
        out: path.join(outDir, 'repaired.png'),
      }),
    });
  }

  async motion(req: PhotoMotionRequest, scope: PathScope): Promise<PhotoRunView> {
    requirePaidFor(req.tier, 'motion');
    const source = await motionSource(req, (id) => this.row(id), scope);
    return this.start({
      kind: 'motion', tier: req.tier, backend: req.backend, via: req.via, uploads: [], sourceRun: source.sourceRun, request: req,
      estimate: this.estimate({ kind: 'motion', request: req }),
      payload: (outDir) => ({
        image: source.image, effect: req.effect, seconds: req.seconds, backend: req.backend, via: req.via,
        ...(source.mask ? { mask: source.mask } : {}), out: path.join(outDir, 'motion.mp4'), livePhoto: req.livePhoto,
      }),
    });
  }

  list(filter: { kind?: PhotoRunKind | undefined; before?: string | undefined; limit: number }): PhotoRunPage {
    const rows = this.d.store.runs(filter);
    return { items: rows.map((r) => this.view(r)), nextBefore: rows.length === filter.limit ? rows[rows.length - 1]!.id : null };
  }

  get(id: string): PhotoRunView {
    return this.view(this.row(id));
  }

  row(id: string): RunRow {
    const row = this.d.store.run(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no photo run ${id}.`, ...say('photo.service.runNotFound') });
    return row;
  }

  view(row: RunRow): PhotoRunView {
    const view = runView(row, this.d.paths.library);
    // The before of the before/after slider is the uploaded photo, while its 24 hours last.
    const upload = row.kind === 'repair' && view.repair ? this.d.store.upload(view.uploads[0] ?? '') : undefined;
    if (view.repair && upload) view.repair.before = this.d.uploads.view(upload).preview;
    return view;
  }

  private async start(s: Start): Promise<PhotoRunView> {
    const id = randomUUID();
    const outDir = runDir(this.d.paths.outputs, id);
    const credits = s.estimate.total;
    const payload = s.payload(outDir);
    if (credits > 0 && cloudPurpose(JOB_KIND[s.kind], payload) !== null) await this.d.cloud.preflight(credits, []);
    this.d.store.store.transaction(() => {
      this.d.store.insertRun({
        id, kind: s.kind, tier: s.tier, backend: s.backend, via: s.via, uploads: s.uploads, source_run: s.sourceRun,
        request_json: JSON.stringify(s.request), estimated_credits: credits, out_dir: outDir, created_at: this.d.now(),
      });
      // Photos of people: the consent given for the run is recorded on each photo it used.
      for (const upload of s.uploads) this.d.store.giveConsent(upload);
      if (s.tier === 'free') this.d.free.claim(id);
    });
    let job: JobView;
    try {
      // The queue holds `credits` for the job (nothing when the cloud bills the calls itself) and refuses what cannot be covered.
      job = await this.d.jobs.enqueue(JOB_KIND[s.kind], payload as never, { estimatedCredits: credits });
    } catch (err) {
      // Nothing was queued: the run and its free variant are undone, so the refusal costs nothing.
      this.d.store.store.transaction(() => {
        this.d.free.release(id);
        this.d.store.deleteRun(id);
      });
      throw err;
    }
    this.d.store.setRunJob(id, job.id);
    const view = this.get(id);
    this.d.events.emit('photo.run.updated', view);
    return view;
  }

  /** Inside the queue's settling transaction: the outcome onto the run; a failed free run gives its variant back. */
  private settled(job: JobView, result: unknown, error: ErrorInfo | null): void {
    const run = this.d.store.runByJob(job.id);
    if (!run) return;
    const now = this.d.now();
    if (error) {
      this.d.store.failed(run.id, job.status === 'canceled' ? 'canceled' : 'failed', error, now);
      if (run.tier === 'free') this.d.free.release(run.id);
      return;
    }
    const days = this.d.settings().retentionDays;
    const keep = run.kind === 'motion' ? days.shortVideo : days.socialImage;
    this.d.store.succeeded(run.id, result, now, now + keep * DAY_MS);
  }

  /** Progress onto the row; every change of a run's job (its end included, after the row was written) announced. */
  private follow(job: JobView): void {
    // Every job's changes pass here (a post's three among them): only the photo kinds can have a run.
    if (!PHOTO_JOB_KINDS.has(job.kind)) return;
    const run = this.d.store.runByJob(job.id);
    if (!run) return;
    if (job.status === 'queued' || job.status === 'running') this.d.store.progress(run.id, job.status, job.progress);
    this.d.events.emit('photo.run.updated', this.get(run.id));
  }
}

/** The free tier on KingJam Cloud asks the gateway for the day's platform-paid variant (the worker sends it only where the grant applies). */
function freeGrant(req: { tier: PhotoTier }): { grant?: PhotoGrant } {
  return req.tier === 'free' ? { grant: PHOTO_GRANT } : {};
}
