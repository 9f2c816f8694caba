import type { Settings } from '../shared/settings.js';
import type { EventBus } from './events.js';
import type { SqliteJobQueue } from './jobs/sqlite-queue.js';
import type { LibraryService } from './library/service.js';
import type { DataPaths } from './paths.js';
import type { Store } from './store/db.js';
import type { ProviderAvailability } from './providers/availability.js';
import type { ClientFileAccess } from './client-files.js';
import type { CloudBilling } from './generate/cloud-work.js';

/** What every Creator Hub area (issue 16) is built from: the engine's shared parts. */
export interface CreatorHubDeps {
  store: Store;
  jobs: SqliteJobQueue;
  events: EventBus;
  library: LibraryService;
  paths: DataPaths;
  settings: () => Settings;
  /** Which provider choices can run now (a job never starts only to fail for a missing key). */
  availability: ProviderAvailability;
  files: ClientFileAccess;
  /** The cloud wallet that pays for work on KingJam Cloud's models. */
  cloud: CloudBilling;
  now: () => number;
}
