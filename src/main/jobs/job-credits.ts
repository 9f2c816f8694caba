import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { CreditsGate } from './queue.js';

/**
 * What a paid job holds, captures and releases on this studio's allowance.
 * Jobs whose model calls KingJam Cloud charges one by one at its gateway keep
 * their estimate but hold nothing here (and so capture nothing here).
 */
export class JobCredits {
  private gate: CreditsGate | null = null;
  private cloudBilled: (kind: string, payload: unknown) => boolean = () => false;

  setGate(gate: CreditsGate): void {
    this.gate = gate;
  }

  setCloudBilled(predicate: (kind: string, payload: unknown) => boolean): void {
    this.cloudBilled = predicate;
  }

  /** The credits a job holds locally: its estimate, or nothing when the cloud bills it call by call. */
  localCost(kind: string, payload: unknown, estimated: number): number {
    return estimated > 0 && !this.cloudBilled(kind, payload) ? estimated : 0;
  }

  /** Makes sure `amount` credits can be held (before a job, or a batch of jobs queued one after another). */
  async prepare(amount: number): Promise<void> {
    if (amount > 0) await this.required(amount).prepare(amount);
  }

  /** Holds `amount` for a job inside the caller's transaction; returns the hold's id. */
  hold(jobId: string, amount: number): string {
    return this.required(amount).hold(jobId, amount);
  }

  capture(holdId: string, estimated: number, actual: number): void {
    this.required(estimated).capture(holdId, actual);
  }

  /** Gives a failed or canceled job's hold back (nothing to do without a wallet: nothing was held). */
  release(holdId: string): void {
    this.gate?.release(holdId);
  }

  private required(cost: number): CreditsGate {
    if (!this.gate) {
      throw new StudioError({
        code: 'NOT_SIGNED_IN',
        message: `This job costs ${cost} credits and this studio has no credits wallet.`,
        hint: 'Sign in on the Account page (on the command line: kingjam account login), or use a free local or offline provider.',
        ...say('job.noWallet', { cost }),
      });
    }
    return this.gate;
  }
}

/** What a paid job really cost: the worker may report less than estimated (`creditsUsed`), never more. */
export function actualCost(result: unknown, estimated: number): number {
  const used = (result as { creditsUsed?: unknown } | null)?.creditsUsed;
  return typeof used === 'number' && Number.isInteger(used) && used >= 0 ? Math.min(used, estimated) : estimated;
}
