import type { Clock } from '../publish/scheduler.js';
import type { PhotoStore } from './store.js';
import { WakeLoop } from '../wake-loop.js';

/** The longest the cleanup sleeps: a photo uploaded by another process sharing the database (the CLI) is seen within it. */
export const CLEANUP_MAX_SLEEP_MS = 60_000;

export interface Sweeper {
  sweep(now: number): Promise<number>;
}

/**
 * Deletes what is due on the studio's clock: uploaded originals 24 hours
 * after upload, and runs' results when their retention is over. It wakes at
 * the next due moment (at most every CLEANUP_MAX_SLEEP_MS, so rows another
 * process added and a clock that is moved in tests are both seen), and once
 * at start for whatever came due while the studio was closed.
 */
export class PhotoCleanup {
  private readonly loop: WakeLoop;

  constructor(
    private readonly store: PhotoStore,
    private readonly sweepers: Sweeper[],
    private readonly clock: Clock,
    private readonly maxSleepMs = CLEANUP_MAX_SLEEP_MS,
  ) {
    this.loop = new WakeLoop(
      () => this.runOnce().then(
        () => undefined,
        () => undefined,
      ),
      () => {
        const next = this.store.nextExpiry();
        // Something still due after a pass failed to go (a file the system would not delete): try again a little later, not at once.
        const floor = Math.min(1_000, this.maxSleepMs);
        return next === null ? this.maxSleepMs : Math.min(this.maxSleepMs, Math.max(floor, next - this.clock.now()));
      },
    );
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass now (the schedule's, and the CLI's before it reads uploads). */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    let n = 0;
    for (const s of this.sweepers) n += await s.sweep(now);
    return n;
  }
}
