import type { Clock } from '../publish/scheduler.js';
import type { EventBus } from '../events.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { LibraryService } from '../library/service.js';
import type { DataPaths } from '../paths.js';
import type { Store } from '../store/db.js';
import type { Settings } from '../../shared/settings.js';
import type { CloudBilling } from '../generate/cloud-work.js';
import { PhotoCleanup } from './cleanup.js';
import { FreeTier } from './free-tier.js';
import { PhotoResults } from './results.js';
import { PhotoRuns } from './runs.js';
import { PhotoStore } from './store.js';
import { PhotoUploads } from './uploads.js';
import { PresetThumbnails } from './preset-thumbs.js';

export interface PhotoDeps {
  store: Store;
  jobs: SqliteJobQueue;
  events: EventBus;
  library: LibraryService;
  paths: DataPaths;
  settings: () => Settings;
  /** The cloud wallet that pays for photo work on KingJam Cloud's models. */
  cloud: CloudBilling;
}

export interface PhotoOptions {
  /** The clock uploads' 24 hours, results' retention and the free tier's day are read on (tests move it). */
  clock?: Clock;
  /** The longest the cleanup sleeps between passes (tests shorten it). */
  cleanupMaxSleepMs?: number;
}

/**
 * The photo studio (issue 15) in main: uploads and their checks, runs of the
 * four tools, the free tier, results in the library and the cleanup that
 * deletes originals after 24 hours. The API handlers and the CLI use it.
 */
export class PhotoService {
  readonly uploads: PhotoUploads;
  readonly runs: PhotoRuns;
  readonly results: PhotoResults;
  readonly free: FreeTier;
  readonly cleanup: PhotoCleanup;
  readonly presetThumbs: PresetThumbnails;

  constructor(deps: PhotoDeps, options: PhotoOptions = {}) {
    const clock = options.clock ?? { now: () => Date.now() };
    const now = () => clock.now();
    const store = new PhotoStore(deps.store);
    this.uploads = new PhotoUploads(store, deps.jobs, deps.events, deps.paths, now);
    this.free = new FreeTier(store, now);
    this.runs = new PhotoRuns({ store, jobs: deps.jobs, events: deps.events, paths: deps.paths, uploads: this.uploads, free: this.free, settings: deps.settings, now, cloud: deps.cloud });
    this.results = new PhotoResults(store, this.runs, deps.library, deps.jobs, deps.events);
    this.presetThumbs = new PresetThumbnails(deps.jobs, deps.paths.temp);
    this.cleanup = new PhotoCleanup(store, [this.uploads, this.results], clock, options.cleanupMaxSleepMs);
  }
}
