import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import type { JobView } from '../../shared/jobs/model.js';
import type { EventBus } from '../events.js';
import type { JobSystemConfig } from './config.js';
import { actualCost, type JobCredits } from './job-credits.js';
import type { SettledHooks } from './queue.js';
import { rowToView, type JobRow, type JobStore } from './store.js';

/**
 * How a job run ends: succeeded (hold captured for what it really cost, the
 * kind's hooks run in the same transaction), retried later with backoff,
 * failed or canceled (hold released, failure hooks run) — then told to the
 * UI and to whoever waits on the job.
 */
export class JobSettlement {
  private readonly hooks = new Map<string, SettledHooks[]>();
  private readonly waiters = new Map<string, ((job: JobView) => void)[]>();

  constructor(
    private readonly jobs: JobStore,
    private readonly credits: JobCredits,
    private readonly events: EventBus,
    private readonly config: JobSystemConfig,
    private readonly owner: string,
    private readonly now: () => number,
    private readonly view: (row: JobRow) => JobView,
  ) {}

  addHooks(kind: string, hooks: SettledHooks): void {
    this.hooks.set(kind, [...(this.hooks.get(kind) ?? []), hooks]);
  }

  hooksOf(kind: string): SettledHooks[] {
    return this.hooks.get(kind) ?? [];
  }

  wait(id: string, resolve: (job: JobView) => void): void {
    this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]);
  }

  /** A failed run: canceled if a cancel was asked, retried later while attempts remain and the error allows, else failed. */
  failure(row: JobRow, error: ErrorInfo): void {
    const latest = this.jobs.get(row.id) ?? row;
    if (error.code === 'CANCELED' || latest.cancel_requested) {
      this.canceled(row.id);
      return;
    }
    if (error.retryable && latest.attempts < latest.max_attempts) {
      const delay = Math.min(this.config.backoffMaxMs, this.config.backoffBaseMs * 2 ** Math.max(0, latest.attempts - 1));
      const back = this.jobs.retryLater(row.id, error, this.now() + delay);
      if (back) this.events.emit('job.updated', this.view(back));
      return;
    }
    this.settle(() => this.jobs.fail(row.id, error, this.now()), error);
  }

  success(row: JobRow, result: unknown): void {
    const hooks = this.hooksOf(row.kind);
    let done: JobRow | undefined;
    try {
      done = this.jobs.store.transaction(() => {
        let r = this.jobs.succeed(row.id, this.owner, result, this.now());
        if (r?.hold_id) {
          const actual = actualCost(result, r.estimated_credits);
          this.credits.capture(r.hold_id, r.estimated_credits, actual);
          r = this.jobs.setActualCredits(r.id, actual);
        }
        if (r) for (const h of hooks) h.onSuccess?.(rowToView(r), result);
        return r;
      });
    } catch (err) {
      // A hook refused the result (e.g. the asset was deleted meanwhile): the job fails with that reason.
      const info = err instanceof StudioError ? err.toInfo() : { code: 'INTERNAL' as const, message: String(err) };
      this.settle(() => this.jobs.fail(row.id, { ...info, retryable: false }, this.now()), info);
      return;
    }
    if (done) this.announce(done);
  }

  canceled(id: string): JobRow | undefined {
    return this.settle(() => this.jobs.markCanceled(id, this.now()), { code: 'CANCELED', message: 'Canceled by the user.' });
  }

  /** Marks a job finished-unsuccessfully and runs the failure hooks, in one transaction. */
  private settle(update: () => JobRow | undefined, error: ErrorInfo): JobRow | undefined {
    const done = this.jobs.store.transaction(() => {
      const r = update();
      if (r?.hold_id) this.credits.release(r.hold_id);
      if (r) for (const h of this.hooksOf(r.kind)) h.onFailure?.(rowToView(r), error);
      return r;
    });
    if (done) this.announce(done);
    return done;
  }

  private announce(row: JobRow): void {
    const view = this.view(row);
    this.events.emit('job.updated', view);
    const waiting = this.waiters.get(row.id);
    this.waiters.delete(row.id);
    for (const w of waiting ?? []) w(view);
  }
}
