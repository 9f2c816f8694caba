import { CLEANUP_TASKS, type CleanupPreview, type CleanupTask } from '../../shared/api/lifecycle-contract.js';
import type { Clock } from '../publish/scheduler.js';
import type { Cleanup } from './cleanup.js';
import type { RunStore } from './runs.js';
import { lastSlot, nextSlot } from './schedule.js';
import { WakeLoop } from '../wake-loop.js';

/** The longest the scheduler sleeps: a clock moved in tests, or the machine waking from sleep, is seen within it. */
export const LIFECYCLE_MAX_SLEEP_MS = 60_000;

/**
 * Runs the retention cleanup daily at 04:00 and the temp cleanup every 6
 * hours (schedule.ts), in every process that works the job queue — the
 * window, `kingjam serve`, `kingjam jobs run`; when two share a database the
 * run table's unique slot lets one of them run it. A slot that passed while
 * no studio ran (the machine was off at 04:00) runs at the next start.
 */
export class LifecycleScheduler {
  private readonly loop: WakeLoop;
  /** Scheduled passes finished since start (tests wait for the start pass). */
  passes = 0;

  constructor(
    private readonly cleanup: Cleanup,
    private readonly runs: RunStore,
    private readonly clock: Clock,
    private readonly maxSleepMs = LIFECYCLE_MAX_SLEEP_MS,
  ) {
    this.loop = new WakeLoop(
      () => this.scheduledPass(),
      () => {
        const now = this.clock.now();
        const next = Math.min(...CLEANUP_TASKS.map((t) => nextSlot(t, now)));
        return Math.max(Math.min(1_000, this.maxSleepMs), Math.min(this.maxSleepMs, next - now));
      },
    );
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** The slot `task` owes now (its latest one, never run), or null when it is up to date. */
  dueSlot(task: CleanupTask, now: number): number | null {
    const slot = lastSlot(task, now);
    const latest = this.runs.latestDue(task);
    return latest === null || latest < slot ? slot : null;
  }

  /** When `task` runs next: now when a slot is owed, else its next slot. */
  nextRunAt(task: CleanupTask, now: number): number {
    return this.dueSlot(task, now) !== null ? now : nextSlot(task, now);
  }

  /** Runs every task that owes a slot; the tasks it ran. */
  async runDue(): Promise<CleanupTask[]> {
    const ran: CleanupTask[] = [];
    for (const task of CLEANUP_TASKS) {
      const now = this.clock.now();
      const slot = this.dueSlot(task, now);
      if (slot !== null && (await this.cleanup.run(task, slot, now))) ran.push(task);
    }
    return ran;
  }

  /** What the next run of each task will remove, and when. */
  preview(): CleanupPreview {
    const now = this.clock.now();
    return {
      retention: this.cleanup.plan('retention', this.nextRunAt('retention', now)),
      temp: this.cleanup.plan('temp', this.nextRunAt('temp', now)),
    };
  }

  private async scheduledPass(): Promise<void> {
    try {
      await this.runDue();
    } catch (err) {
      // One failed pass (the database busy) must not stop the schedule: the slot stays owed and is tried again.
      console.error(`lifecycle: a cleanup pass failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.passes += 1;
  }
}
