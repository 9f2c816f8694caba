import type { JobView } from '../../shared/jobs/model.js';
import type { EventBus } from '../events.js';
import { orphanedRuns } from './job-rows.js';
import type { JobSettlement } from './settlement.js';
import type { JobRow, JobStore } from './store.js';
import type { WorkerRuns } from './worker-runs.js';

/**
 * Every running job whose lease ran out (its worker hung, or the process
 * that ran it — ours or another sharing the database — was closed abruptly)
 * ends as a retryable failed run; a worker of ours still holding one is
 * taken off it and ended.
 */
export function reapExpiredLeases(jobs: JobStore, runs: WorkerRuns, settlement: JobSettlement, leaseMs: number, now: number): void {
  for (const row of jobs.expiredLeases(now)) {
    runs.abandon(row.id);
    settlement.failure(row, {
      code: 'WORKER_TIMEOUT',
      message: `The job stopped reporting for ${Math.round(leaseMs / 1000)} s (its worker hung or the app was closed abruptly).`,
      hint: 'It was put back in the queue and is retried automatically.',
      retryable: true,
    });
  }
}

/**
 * At start: jobs left running by a process of ours that is gone (killed,
 * crashed) go straight back to the queue and resume from their checkpoint,
 * rather than waiting out their lease; jobs of a live process elsewhere are
 * left to their lease.
 */
export function recoverOrphans(jobs: JobStore, owner: string, events: EventBus, view: (row: JobRow) => JobView, now: number): void {
  for (const row of orphanedRuns(jobs, owner)) {
    const back = jobs.checkpointBack(row.id, row.lease_owner!, now);
    if (back) events.emit('job.updated', view(back));
  }
}
