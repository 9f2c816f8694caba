import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { VeoOperations } from './gemini/veo-operations.js';
import type { ReplicatePredictions } from './replicate-calls.js';
import { ENDED } from './replicate-upstream.js';

/**
 * Settles long-running calls nobody is polling any more (a desktop that
 * crashed or went offline mid-job), so their holds end when the work ends and
 * not when the ledger's hold expiry comes round: every `sweep()` polls the
 * running Replicate predictions that no request has looked at for `staleMs`
 * and charges or releases the ones that ended. A create that never came back
 * (the server stopped mid-call) is looked for upstream once it is older than
 * any create can take, and released if it made nothing. Last, a prediction of
 * the platform account that no call owns and is still running past that age
 * (a create released before Replicate listed it) is canceled. Veo operations
 * (the Gemini routes) nobody polls are polled the same way and settled when done.
 */
export interface ReconcilerOptions {
  /** A running prediction or operation not polled for this long is polled by the sweep. */
  staleMs?: number;
  /** A call with no prediction recorded after this long lost its create. */
  lostCreateMs?: number;
  /** Calls looked at per sweep (the oldest first). */
  batch?: number;
}

export interface SweepReport {
  polled: number;
  settled: number;
  failed: number;
  orphansCanceled: number;
}

export class PredictionReconciler {
  private readonly staleMs: number;
  private readonly lostCreateMs: number;
  private readonly batch: number;

  constructor(
    private readonly predictions: ReplicatePredictions,
    private readonly operations: VeoOperations,
    private readonly h: DbHandle,
    private readonly clock: Clock,
    opts: ReconcilerOptions = {},
  ) {
    this.staleMs = opts.staleMs ?? 2 * 60_000;
    this.lostCreateMs = opts.lostCreateMs ?? 5 * 60_000;
    this.batch = opts.batch ?? 50;
  }

  async sweep(onError?: (callId: string, err: unknown) => void): Promise<SweepReport> {
    const now = this.clock.now();
    const report: SweepReport = { polled: 0, settled: 0, failed: 0, orphansCanceled: 0 };
    const step = async (callId: string, poll: () => Promise<boolean>): Promise<void> => {
      report.polled++;
      try {
        if (await poll()) report.settled++;
      } catch (err) {
        report.failed++;
        onError?.(callId, err);
      }
    };
    for (const row of await this.stale('replicate', 'prediction', now)) {
      if (row.upstream_ref ? (this.predictions.lastPolled(row.id) ?? 0) > now - this.staleMs : row.created_at > now - this.lostCreateMs) continue;
      await step(row.id, async () => {
        const p = await this.predictions.reconcile(row);
        return !p || ENDED.includes(p.status);
      });
    }
    // An operation without its name never started upstream: its create settled it already.
    for (const row of await this.stale('gemini', 'video', now)) {
      if (!row.upstream_ref || (this.operations.lastPolled(row.id) ?? 0) > now - this.staleMs) continue;
      await step(row.id, async () => (await this.operations.poll(row)).done);
    }
    // After the calls above claimed what they made, what is left running unowned is an orphan.
    report.orphansCanceled = await this.predictions.cancelOrphans(now - this.lostCreateMs);
    return report;
  }

  /** Running calls of one kind older than the stale age, the oldest first. */
  private stale(upstream: 'replicate' | 'gemini', operation: 'prediction' | 'video', now: number) {
    return this.h.db
      .selectFrom('gen_calls')
      .selectAll()
      .where('status', '=', 'running')
      .where('upstream', '=', upstream)
      .where('operation', '=', operation)
      .where('created_at', '<=', now - this.staleMs)
      .orderBy('created_at')
      .limit(this.batch)
      .execute();
  }
}

/** Runs `sweep()` every `everyMs` (never two at once); the timer does not keep the process alive. */
export function startReconciler(reconciler: PredictionReconciler, everyMs: number, onError: (message: string, err: unknown) => void): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reconciler
      .sweep((callId, err) => onError(`reconciling gen call ${callId} failed`, err))
      .catch((err: unknown) => onError('prediction reconciler failed', err))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return timer;
}
