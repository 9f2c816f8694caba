import type { EventBus } from '../events.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { LibraryService } from '../library/service.js';
import type { PathScope } from '../client-files.js';
import type { Store } from '../store/db.js';
import { PublishAccounts } from './accounts.js';
import { PublishBulk } from './bulk.js';
import { DEFAULT_DISPATCH_POLICY, PublishDispatcher, type DispatchPolicy } from './dispatch.js';
import { PostMediaResolver } from './media.js';
import { PublishScheduler, SYSTEM_CLOCK, type Clock } from './scheduler.js';
import { PublishService } from './service.js';
import { OutboxStore } from './store.js';
import type { PublishVault } from './vault.js';

export interface PublishingParts {
  service: PublishService;
  /** CSV import and export (docs/publish-csv.md). */
  bulk: PublishBulk;
  dispatcher: PublishDispatcher;
  scheduler: PublishScheduler;
}

export interface PublishingOptions {
  clock?: Clock;
  policy?: Partial<DispatchPolicy>;
}

/** The outbox, its dispatcher on the job queue and the scheduler, wired together (Studio.open calls this once). */
export function createPublishing(
  deps: { store: Store; jobs: SqliteJobQueue; events: EventBus; library: LibraryService; libraryRoot: string; files: PathScope; vault: PublishVault },
  options: PublishingOptions = {},
): PublishingParts {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const now = (): number => clock.now();
  const outbox = new OutboxStore(deps.store);
  const accounts = new PublishAccounts(deps.store, deps.vault, deps.jobs, now);
  let poked = false;
  // Many changes in one turn (a thousand posts created) make one scheduler pass.
  const poke = (): void => {
    if (poked) return;
    poked = true;
    setImmediate(() => {
      poked = false;
      scheduler.tick();
    });
  };
  const media = new PostMediaResolver(deps.library, deps.libraryRoot, deps.files);
  const service = new PublishService(outbox, accounts, media, deps.jobs, deps.events, now, poke);
  const bulk = new PublishBulk(service, media, now);
  const dispatcher = new PublishDispatcher(outbox, accounts, deps.jobs, deps.vault, (id, poke) => service.changed(id, poke), now, { ...DEFAULT_DISPATCH_POLICY, ...options.policy });
  const scheduler = new PublishScheduler(outbox, dispatcher, clock, (id) => service.changed(id));
  return { service, bulk, dispatcher, scheduler };
}

