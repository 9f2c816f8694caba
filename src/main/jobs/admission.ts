import type { JobView } from '../../shared/jobs/model.js';
import type { QueueName } from '../../shared/jobs/queues.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobSystemConfig } from './config.js';
import type { JobRow, JobStore } from './store.js';

/**
 * Whether queued jobs may start now, and why not: free memory (every job),
 * and each queue's start limit (paid jobs only: free offline and local work
 * still starts). A change of reason is told to the UI once, on the jobs it
 * concerns, not on every pass.
 */
export class StartAdmission {
  private readonly paidStarts = new Map<QueueName, number[]>();
  private readonly held = new Map<QueueName, string | null>();
  private readonly paidHeld = new Map<QueueName, string | null>();

  constructor(
    private readonly config: JobSystemConfig,
    private readonly jobs: JobStore,
    private readonly announce: (view: JobView) => void,
    private readonly view: (row: JobRow) => JobView,
  ) {}

  /** Why queued jobs of a queue are not starting now, or null. */
  heldReason(queue: QueueName): string | null {
    return this.held.get(queue) ?? null;
  }

  /** Why one queued job is not starting now: its queue's hold, or the paid-start limit if it costs credits. */
  jobHeldReason(row: JobRow): string | null {
    const queue = row.queue as QueueName;
    return this.heldReason(queue) ?? (row.estimated_credits > 0 ? (this.paidHeld.get(queue) ?? null) : null);
  }

  /** Free memory is read once a pass (reading it is a file read): the jobs started in one pass have not grown yet. */
  memoryHold(): string | null {
    const free = this.config.freeMemoryMb();
    if (free < this.config.minFreeMemoryMb) {
      return progressLabel('waitingForMemory', { free: Math.round(free), min: this.config.minFreeMemoryMb });
    }
    return null;
  }

  /** Why paid jobs of a queue may not start now (its start limit counts paid starts only), or null. */
  rateHold(queue: QueueName, now: number): string | null {
    const limit = this.config.rateLimits[queue];
    if (limit) {
      const recent = (this.paidStarts.get(queue) ?? []).filter((t) => now - t < limit.windowMs);
      this.paidStarts.set(queue, recent);
      if (recent.length >= limit.max) {
        const wait = Math.ceil((recent[0]! + limit.windowMs - now) / 1000);
        return progressLabel('rateLimited', { max: limit.max, queue, window: Math.round(limit.windowMs / 1000), wait });
      }
    }
    return null;
  }

  recordStart(row: JobRow, now: number): void {
    const queue = row.queue as QueueName;
    if (row.estimated_credits > 0) this.paidStarts.set(queue, [...(this.paidStarts.get(queue) ?? []), now]);
  }

  setHeld(queue: QueueName, reason: string | null): void {
    this.change(this.held, queue, reason, () => true);
  }

  setPaidHeld(queue: QueueName, reason: string | null): void {
    this.change(this.paidHeld, queue, reason, (row) => row.estimated_credits > 0);
  }

  private change(holds: Map<QueueName, string | null>, queue: QueueName, reason: string | null, concerns: (row: JobRow) => boolean): void {
    if (holds.get(queue) === reason) return;
    const wasHeld = holds.get(queue) ?? null;
    holds.set(queue, reason);
    // Tell the UI which queued jobs are waiting and why (only on a change, not each tick).
    if ((wasHeld === null) !== (reason === null) || (wasHeld && reason && wasHeld.split('?')[0] !== reason.split('?')[0])) {
      for (const row of this.jobs.byStatus('queued', 200)) {
        if (row.queue === queue && concerns(row)) this.announce(this.view(row));
      }
    }
  }
}
