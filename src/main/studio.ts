import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Settings, SettingsPatch } from '../shared/settings.js';
import { EventBus } from './events.js';
import { DEFAULT_JOB_CONFIG, type JobSystemConfig } from './jobs/config.js';
import { SqliteJobQueue } from './jobs/sqlite-queue.js';
import type { WorkerSpawner } from './jobs/transport.js';
import type { WorkerPaths } from '../shared/jobs/protocol.js';
import { LibraryService } from './library/service.js';
import { TimelineService } from './timeline/service.js';
import { GenerationService } from './generate/service.js';
import { cloudPurpose } from './generate/cloud-work.js';
import { ProviderKeys } from './providers/keys.js';
import { checkModelsInBackground } from './providers/model-check.js';
import { CLOUD_GEN_SECRETS, type ConnectionCheck } from '../shared/providers.js';
import { ProviderAvailability } from './providers/availability.js';
import type { SecretStore } from './secrets/store.js';
import { DEFAULT_SYNC_OPTIONS, SyncService, type SyncOptions } from './sync/service.js';
import { SignupFlow } from './sync/signup.js';
import { dataPaths, resolveDataDir, resourcesDir, type DataPaths } from './paths.js';
import { openStore, type Store } from './store/db.js';
import { ClientFileAccess, defaultRoots } from './client-files.js';
import { readSettings, writeSettings } from './store/settings.js';
import { createPublishing, type PublishingOptions, type PublishingParts } from './publish/index.js';
import { syncVault, type PublishVault } from './publish/vault.js';
import { KolService, type KolOptions } from './kol/index.js';
import { KolBatchEngine, type BatchEngineOptions } from './kol/batch/index.js';
import type { DraftSink } from './kol/ports.js';
import type { BatchStarter } from './kol/ports.js';
import { KolTriggerService } from './kol-trig/service.js';
import { SYSTEM_CLOCK, type Clock } from './publish/scheduler.js';
import { KolMetricsService } from './kol/metrics-service.js';
import { promptAdditions } from './kol/learning/index.js';
import { PhotoService, type PhotoOptions } from './photo/index.js';
import { createCreatorHub, type CreatorHub } from './creator-hub.js';
import { createLifecycle, type Lifecycle, type LifecycleOptions } from './lifecycle/index.js';

export interface StudioOptions {
  home?: string;
  spawner: WorkerSpawner;
  /** Where the cloud session's refresh token is kept; null: signing in is refused with what to do. */
  secrets?: SecretStore | null;
  sync?: Partial<SyncOptions>;
  jobConfig?: Partial<JobSystemConfig>;
  /** Start dispatching jobs right away (default true). */
  startJobs?: boolean;
  /** Makes the job queue (default: the SQLite queue with local worker processes; `--redis`: the render farm's dispatcher, src/main/farm). */
  jobQueue?: (parts: { store: Store; events: EventBus; spawner: WorkerSpawner; paths: WorkerPaths; config: JobSystemConfig }) => SqliteJobQueue;
  /** Folders a client may read files from, besides the data folder, home, resources and KINGJAM_ALLOW_DIRS. */
  allowedDirs?: string[];
  /** Publishing's clock and retry policy (tests shorten them); the vault is the signed-in cloud's unless given. */
  publishing?: PublishingOptions & { vault?: PublishVault };
  /** The KOL workspace's clock and scorer (tests); its clock is publishing's unless given. */
  kol?: KolOptions;
  /** KOL batches: where written posts go (the KOL service's, once it has one) and the write timeout (tests shorten it). */
  kolBatches?: { sink?: DraftSink; writeTimeoutMs?: number };
  /** KOL schedules' clock (tests control it) and batch engine (tests record what it is handed); default: the wall clock and studio.kolBatches. */
  kolTriggers?: { clock?: Clock; starter?: BatchStarter };
  /** The photo studio's clock (24-hour originals, retention, the free tier's day) and cleanup pace (tests control them). */
  photo?: PhotoOptions;
  /** The cleanups' clock and longest sleep (tests move time). */
  lifecycle?: LifecycleOptions;
}

/**
 * The engine: one per process, the same in Electron, the CLI, the web
 * bridge and tests. Platform glue (windows, IPC, HTTP) sits outside it.
 */
export class Studio {
  readonly version = appVersion();

  private constructor(
    readonly paths: DataPaths,
    readonly store: Store,
    readonly events: EventBus,
    readonly jobs: SqliteJobQueue,
    readonly library: LibraryService,
    readonly timelines: TimelineService,
    readonly sync: SyncService,
    readonly generate: GenerationService,
    readonly providers: ProviderKeys,
    /** Which provider choices can run now, and what makes an unusable one usable. */
    readonly availability: ProviderAvailability,
    /** Which paths the desktop window or a browser may make the studio read (src/main/client-files.ts). */
    readonly files: ClientFileAccess,
    /** The outbox, its dispatcher and the scheduler (issue 13). */
    readonly publishing: PublishingParts,
    /** KOL personas, post records, review and their way out through the outbox (issue 14). */
    readonly kol: KolService,
    /** Batches of KOL posts written across personas (issue 14). */
    readonly kolBatches: KolBatchEngine,
    /** KOL schedules and their triggers (issue 14): each fire starts a batch. */
    readonly kolTriggers: KolTriggerService,
    /** KOL posts' engagement read back from the platforms on a schedule, and entered by hand (issue 14). */
    readonly kolMetrics: KolMetricsService,
    /** The photo studio: uploads and their checks, the four tools' runs, the free tier, the 24-hour cleanup (issue 15). */
    readonly photo: PhotoService,
    /** The Creator Hub: characters, the Style-Locker, the 2D studio and the 3D builder (issue 16). */
    readonly creator: CreatorHub,
    /** Retention and temp cleanups, stars, disk usage and /metrics (issue 17). */
    readonly lifecycle: Lifecycle,
  ) {
    this.signup = new SignupFlow(sync);
  }

  /** Sign-up by email and the referral code the app was opened with. */
  readonly signup: SignupFlow;

  static open(options: StudioOptions): Studio {
    const paths = dataPaths(options.home ?? resolveDataDir());
    for (const dir of [paths.home, paths.library, paths.temp, paths.staging, paths.outputs]) fs.mkdirSync(dir, { recursive: true });
    const store = openStore(paths.database);
    const events = new EventBus();
    const settings = readSettings(store);
    const config: JobSystemConfig = {
      ...DEFAULT_JOB_CONFIG,
      concurrency: { ...settings.concurrency },
      minFreeMemoryMb: settings.minFreeMemoryMb,
      ...options.jobConfig,
    };
    const workerPaths: WorkerPaths = { home: paths.home, library: paths.library, temp: paths.temp };
    const jobs = options.jobQueue
      ? options.jobQueue({ store, events, spawner: options.spawner, paths: workerPaths, config })
      : new SqliteJobQueue(store, events, options.spawner, workerPaths, config);
    const library = new LibraryService(store, jobs, events, paths);
    const sync = new SyncService(store, options.secrets ?? null, { ...DEFAULT_SYNC_OPTIONS, ...options.sync }, () =>
      events.emit('account.changed', { account: sync.view(), wallet: sync.wallet() }),
    );
    jobs.setCreditsGate(sync);
    const providers = new ProviderKeys(store, options.secrets ?? null, path.join(paths.home, 'comfyui'));
    const availability = new ProviderAvailability({
      hasKey: (id) => providers.hasKey(id),
      providers: () => providers.status(),
      account: () => {
        const wallet = sync.wallet();
        const spendable = wallet.balance ? wallet.balance.available + (wallet.allowance?.remaining ?? 0) : null;
        return { signedIn: sync.view().signedIn, spendable };
      },
    });
    const generate = new GenerationService(store, jobs, events, paths, (provider) => availability.of(provider), sync.gen);
    generate.useLibrary(library);
    jobs.setCloudBilled((kind, payload) => cloudPurpose(kind, payload) !== null);
    jobs.setSecretsSource(async (job) => {
      // Publishing: the platform token from the vault's hand-out for this one job, never stored.
      // Reading a KOL post's engagement: the same hand-out, for the connection that published it.
      if (job.kind === 'publish.post' || job.kind === 'publish.targets' || job.kind === 'kol.metrics') return publishing.dispatcher.secrets(job);
      // A job left from the last run is handed out as soon as the queue starts, while ready() may still be reading the keys.
      await providers.loaded();
      const purpose = cloudPurpose(job.kind, job.payload);
      if (purpose === null) return providers.forWorkers();
      // Cloud work: a generation token minted for this job alone, handed over in memory and never stored.
      const { url, token } = await sync.gen.token(purpose, job.id);
      return { ...providers.forWorkers(), [CLOUD_GEN_SECRETS.url]: url, [CLOUD_GEN_SECRETS.token]: token };
    });
    const files = new ClientFileAccess([...defaultRoots(paths.home, resourcesDir()), ...(options.allowedDirs ?? [])]);
    const timelines = new TimelineService(library, jobs, paths);
    const vault = options.publishing?.vault ?? syncVault(sync, store, events);
    const publishing = createPublishing({ store, jobs, events, library, libraryRoot: paths.library, files, vault }, options.publishing);
    const clock = options.publishing?.clock ?? SYSTEM_CLOCK;
    const kol = new KolService({ store, events, publish: publishing.service, sync }, { now: () => clock.now(), ...options.kol });
    const batchOptions: BatchEngineOptions = {
      statusOf: (provider) => availability.of(provider),
      cloud: sync.gen,
      // What learning found works for the persona goes into its next prompts, when the agency switched it on.
      learned: (personaId) => promptAdditions(store, personaId, clock.now()),
      ...(options.kolBatches?.writeTimeoutMs ? { writeTimeoutMs: options.kolBatches.writeTimeoutMs } : {}) };
    const kolBatches = new KolBatchEngine(store, jobs, events, options.kolBatches?.sink ?? kol, batchOptions);
    const starter: BatchStarter = options.kolTriggers?.starter ?? kolBatches;
    const kolTriggers = new KolTriggerService({ store, starter, secrets: options.secrets ?? null, ...(options.kolTriggers?.clock ? { clock: options.kolTriggers.clock } : {}) });
    const kolMetrics = new KolMetricsService(store, jobs, events, () => clock.now());
    const photo = new PhotoService({ store, jobs, events, library, paths, settings: () => readSettings(store), cloud: sync.gen }, options.photo);
    const creator = createCreatorHub({ store, jobs, events, library, paths, settings: () => readSettings(store), availability, files, cloud: sync.gen, now: () => clock.now() });
    // A generation that names a locked style gets it resolved into its job (issue 16).
    generate.useStyles((id) => creator.styles.resolveLocked(id));
    photo.runs.useStyles((id) => creator.styles.resolveLocked(id));
    // A Director scene's render, scored against the video's style, keeps its score with the scene.
    creator.styles.onScored((jobId, s) =>
      generate.sceneScored(jobId, { styleId: s.styleId, score: s.score, drift: s.drift, parts: s.parts, path: s.path, ...(s.frames ? { frames: s.frames } : {}), ...(s.meanScore !== undefined ? { meanScore: s.meanScore } : {}) }),
    );
    // A clip that could not be decoded keeps the reason with its scene instead (the render goes on without a score).
    creator.styles.onUnscored((jobId, u) => generate.sceneUnscored(jobId, u));
    const lifecycle = createLifecycle({ store, library, events, paths, retentionDays: () => readSettings(store).retentionDays }, options.lifecycle);
    const studio = new Studio(paths, store, events, jobs, library, timelines, sync, generate, providers, availability, files, publishing, kol, kolBatches, kolTriggers, kolMetrics, photo, creator, lifecycle);
    if (options.startJobs !== false) {
      jobs.start();
      kolBatches.startEngine();
      kol.postTime.start();
      sync.start();
      // Every process that works the queue publishes what is due (the window, `kingjam serve`, `kingjam jobs run`).
      publishing.scheduler.start();
      // …and checks the KOL schedules' triggers.
      kolTriggers.start();
      kolMetrics.start();
      // …and deletes uploaded originals 24 hours after upload.
      photo.cleanup.start();
      // …and runs the retention cleanup at 04:00 and the temp cleanup every 6 hours (a missed one at once).
      lifecycle.scheduler.start();
    }
    return studio;
  }

  /**
   * Checks the Gemini model catalogue against what the key can use, in the
   * background (the desktop and the bridge call it once they are up; the
   * CLI's short commands do not, and use the last check's findings).
   */
  checkModelsInBackground(): Promise<ConnectionCheck | null> {
    return checkModelsInBackground(this.jobs, this.providers);
  }

  /** Loads what lives in the secret store (provider keys); call once after open, before paid or keyed work. */
  async ready(): Promise<this> {
    await this.providers.load();
    return this;
  }

  settings(): Settings {
    return readSettings(this.store);
  }

  updateSettings(patch: SettingsPatch): Settings {
    const next = writeSettings(this.store, patch);
    if (patch.concurrency) this.jobs.setConcurrency(next.concurrency);
    if (patch.minFreeMemoryMb !== undefined) this.jobs.setMinFreeMemoryMb(next.minFreeMemoryMb);
    this.events.emit('settings.changed', next);
    return next;
  }

  /** Stops dispatching (running jobs are checkpointed to resume next time) and closes the store. */
  async close(): Promise<void> {
    this.publishing.scheduler.stop();
    this.kol.close();
    this.kolTriggers.stop();
    this.kolMetrics.stop();
    await this.photo.cleanup.stop();
    await this.lifecycle.scheduler.stop();
    this.sync.stop();
    await this.kolBatches.stop();
    await this.jobs.stop();
    this.store.close();
  }
}

function appVersion(): string {
  // Same relative place from src/main and dist/main.
  const file = fileURLToPath(new URL('../../package.json', import.meta.url));
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}
