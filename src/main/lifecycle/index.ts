import type { RetentionKind } from '../../shared/settings.js';
import type { EventBus } from '../events.js';
import type { LibraryService } from '../library/service.js';
import type { DataPaths } from '../paths.js';
import { SYSTEM_CLOCK, type Clock } from '../publish/scheduler.js';
import type { Store } from '../store/db.js';
import { Cleanup } from './cleanup.js';
import { diskUsage } from './disk-usage.js';
import { ExpiredItems } from './expired.js';
import { renderMetrics } from './metrics.js';
import { RunStore } from './runs.js';
import { LifecycleScheduler } from './scheduler.js';
import { setStarred } from './stars.js';

export interface LifecycleOptions {
  /** The cleanups' clock (tests move it). */
  clock?: Clock;
  /** The scheduler's longest sleep (tests shorten it so a moved clock is seen soon). */
  maxSleepMs?: number;
}

export interface LifecycleDeps {
  store: Store;
  library: LibraryService;
  events: EventBus;
  paths: DataPaths;
  retentionDays: () => Record<RetentionKind, number>;
}

/** Data lifecycle (issue 17, seed §9): the cleanups and their schedule, stars, disk usage and the /metrics text. */
export function createLifecycle(deps: LifecycleDeps, options: LifecycleOptions = {}) {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const { store, library, events, paths } = deps;
  const runs = new RunStore(store);
  const tempFolders = [paths.temp, paths.staging];
  const expired = new ExpiredItems(store, library, paths.library, deps.retentionDays);
  const cleanup = new Cleanup(expired, library, runs, paths.library, tempFolders, clock);
  const scheduler = new LifecycleScheduler(cleanup, runs, clock, options.maxSleepMs);
  return {
    runs,
    cleanup,
    scheduler,
    star: (id: string, starred: boolean) => setStarred(store, library, events, id, starred),
    diskUsage: () => diskUsage(store, paths.home, tempFolders),
    metrics: () => renderMetrics(store, runs),
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
