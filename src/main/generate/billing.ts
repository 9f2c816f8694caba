import { StudioError } from '../../shared/errors.js';
import type { JobView } from '../../shared/jobs/model.js';
import { say } from '../../shared/messages.js';
import type { Estimate } from '../../shared/pricing.js';
import type { ChoiceProvider, ChoiceStatus } from '../../shared/providers.js';
import type { EventBus } from '../events.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import { cloudPurpose, type CloudBilling } from './cloud-work.js';
import { requireUsable, type ChoiceNeeds } from './refusals.js';

/**
 * The money side of generation: whether work may start (its providers usable,
 * its credits payable) before anything is queued, and what KingJam Cloud
 * charged each job once it has ended.
 */
export class GenerationBilling {
  /** Charges of ended cloud jobs still being read from the gateway. */
  private readonly charging = new Set<Promise<void>>();

  constructor(
    private readonly jobs: SqliteJobQueue,
    private readonly events: EventBus,
    private readonly statusOf: (provider: ChoiceProvider) => Promise<ChoiceStatus>,
    private readonly cloud: CloudBilling | null,
  ) {
    // kol.write: a KOL batch item (src/main/kol/batch) is a social post at the gateway, charged the same way; so are the photo studio's model calls.
    for (const kind of ['generate.blog', 'generate.social', 'director.script', 'director.scene', 'kol.write', 'photo.fuse', 'photo.makeover', 'photo.repair', 'photo.motion'] as const) {
      jobs.onSettled(kind, { onSuccess: (job) => this.recordCloudCharge(job), onFailure: (job) => this.recordCloudCharge(job) });
    }
  }

  /** An estimate that names cloud models is shown only while the cloud's published prices for them agree with this studio's. */
  async checked(estimate: Estimate, models: string[]): Promise<Estimate> {
    if (models.length && this.cloud) await this.cloud.checkPrices(models);
    return estimate;
  }

  /**
   * Refuses work that cannot start — a provider choice that is not usable, paid
   * work without a signed-in wallet or enough credits — before any project
   * row exists, so a refusal leaves no failed item in the project list; the
   * caller gets the error to show.
   */
  async preflight(needs: ChoiceNeeds, credits: number, cloudModels: string[]): Promise<void> {
    await requireUsable(needs, this.statusOf);
    // Work on KingJam Cloud is paid call by call at the gateway: no local hold, but it must be able to pay before it starts.
    if (cloudModels.length) {
      if (!this.cloud) throw new StudioError({ code: 'NOT_SIGNED_IN', message: `This costs ${credits} credits and this studio has no credits wallet.`, hint: 'Sign in on the Account page (on the command line: kingjam account login), or use a free local or offline provider.', ...say('job.noWallet', { cost: credits }) });
      await this.cloud.preflight(credits, cloudModels);
    }
  }

  /** Resolves once the charges of the cloud jobs that have ended are recorded (the CLI waits for it before it exits). */
  async recorded(): Promise<void> {
    await Promise.all([...this.charging]);
  }

  /** A cloud job's actual credits are what the gateway captured for its calls, read once it has ended (a failed job may have paid for calls that succeeded). */
  private recordCloudCharge(job: JobView): void {
    const row = this.jobs.jobs.get(job.id);
    if (!this.cloud || !row || cloudPurpose(job.kind, JSON.parse(row.payload) as unknown) === null) return;
    const cloud = this.cloud;
    const reading = (async () => {
      try {
        this.jobs.jobs.setActualCredits(job.id, await cloud.charged(job.id));
        const view = await this.jobs.get(job.id);
        if (view) this.events.emit('job.updated', view);
      } catch {
        // Offline or signed out: the credits history on the cloud still has the calls; the job keeps no local figure.
      }
    })();
    this.charging.add(reading);
    void reading.finally(() => this.charging.delete(reading));
  }
}
