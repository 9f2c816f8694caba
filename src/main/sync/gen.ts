import { z } from 'zod';
import { priceDisagreements, type PriceTable } from '../../shared/call-prices.js';
import { StudioError } from '../../shared/errors.js';
import type { GenCallView, GenPurpose, GenToken } from '../../shared/gateway.js';
import { say } from '../../shared/messages.js';
import type { CloudBilling } from '../generate/cloud-work.js';
import { CloudClient } from './cloud-client.js';
import type { SyncService } from './service.js';

/** The cloud's published prices are fetched again when older than this. */
export const PRICES_MAX_AGE_MS = 10 * 60 * 1000;
/** A job's calls still running at the gateway when it ended (a capture a moment behind the last byte) are read again this often, this many times. */
const CHARGE_SETTLE_MS = 250;
const CHARGE_TRIES = 20;

const priceTableSchema = z.object({
  models: z.array(z.object({ upstream: z.enum(['gemini', 'replicate']), id: z.string(), capability: z.enum(['text', 'image', 'video', 'speech', 'mesh']), price: z.unknown(), status: z.string() })),
});

/**
 * KingJam Cloud generation from the desktop's side: generation tokens for
 * the jobs that run on `cloud` (minted per job, held only in memory and
 * handed to the worker with the job), the published price table, the
 * checks before cloud work starts, and what the gateway charged a job.
 */
export class CloudGeneration implements CloudBilling {
  private prices: { cloudUrl: string; table: PriceTable; fetchedAt: number } | null = null;

  constructor(
    private readonly sync: SyncService,
    private readonly now: () => number = Date.now,
  ) {}

  /** `GET /v1/gen/prices` of the signed-in cloud, at most PRICES_MAX_AGE_MS old unless `fresh`. */
  async priceTable(fresh = false): Promise<PriceTable> {
    const cloudUrl = this.sync.view().cloudUrl;
    const kept = this.prices;
    if (!fresh && kept && kept.cloudUrl === cloudUrl && this.now() - kept.fetchedAt < PRICES_MAX_AGE_MS) return kept.table;
    let raw: unknown;
    try {
      raw = await new CloudClient(cloudUrl).request<unknown>('GET', '/v1/gen/prices');
    } catch (err) {
      if (err instanceof StudioError && err.code === 'OFFLINE') throw err;
      raw = null;
    }
    const parsed = priceTableSchema.safeParse(raw);
    // No table this studio can read (a refusal, an older cloud without the gateway, another format) agrees on no model:
    // every cloud estimate is refused as out of date until studio and cloud agree again.
    if (!parsed.success) return { models: [] };
    const table = parsed.data as PriceTable;
    this.prices = { cloudUrl, table, fetchedAt: this.now() };
    return table;
  }

  async checkPrices(models: string[]): Promise<void> {
    if (models.length === 0) return;
    let table: PriceTable;
    try {
      table = await this.priceTable();
    } catch (err) {
      // No cloud to compare with (offline): the estimate is this studio's own; cloud work cannot start until the cloud answers anyway.
      if (err instanceof StudioError && err.code === 'OFFLINE') return;
      throw err;
    }
    const disagree = new Set(priceDisagreements(table));
    const stale = [...new Set(models.filter((m) => disagree.has(m)))];
    if (stale.length === 0) return;
    const names = stale.map((m) => m.replace(/^[a-z]+:/, '')).join(', ');
    throw new StudioError({
      code: 'CONFLICT',
      message: `This studio's prices are out of date: KingJam Cloud now charges differently for ${names}.`,
      hint: 'Update KingJam Studio to the latest version, then estimate again.',
      ...say('credits.pricesOutOfDate', { models: names }),
    });
  }

  async preflight(credits: number, models: string[]): Promise<void> {
    if (!this.sync.view().signedIn) {
      throw new StudioError({ code: 'NOT_SIGNED_IN', message: `This costs ${credits} credits on KingJam Cloud: sign in to your KingJam account to pay for it.`, hint: 'Sign in on the Account page (on the command line: kingjam account login), or choose your own key or a local provider.', ...say('credits.signInToPay', { amount: credits }) });
    }
    await this.checkPrices(models);
    let available = await this.available();
    // This device's own offline allowance may hold what is missing: give it back to the wallet first.
    if (available < credits && (await this.sync.returnAllowance())) available = await this.available();
    if (available < credits) {
      throw new StudioError({
        code: 'INSUFFICIENT_CREDITS',
        message: `This needs ${credits} credits; your wallet has ${available} available.`,
        hint: 'Buy a credit pack or a plan on the Credits page.',
        ...say('credits.insufficient', { needed: credits, available }),
      });
    }
  }

  /** A generation token for one job's calls: `POST /v1/gen/tokens {purpose, job_ref}`. */
  async token(purpose: GenPurpose, jobRef: string): Promise<{ url: string; token: string }> {
    const minted = await this.sync.cloud<GenToken>('POST', '/v1/gen/tokens', { body: { purpose, job_ref: jobRef } });
    return { url: this.sync.view().cloudUrl, token: minted.token };
  }

  async charged(jobRef: string): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const calls = await this.calls(jobRef);
      if (!calls.some((c) => c.status === 'running') || attempt >= CHARGE_TRIES) return calls.reduce((sum, c) => sum + c.credits, 0);
      await new Promise((resolve) => setTimeout(resolve, CHARGE_SETTLE_MS));
    }
  }

  /** Every call the gateway recorded for a job (`GET /v1/gen/calls?job_ref=`), all pages. */
  async calls(jobRef: string): Promise<GenCallView[]> {
    const out: GenCallView[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `job_ref=${encodeURIComponent(jobRef)}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { calls: GenCallView[]; next_cursor: string | number | null } = await this.sync.cloud('GET', `/v1/gen/calls?${query}`);
      out.push(...page.calls);
      cursor = page.next_cursor === null || page.next_cursor === undefined ? null : String(page.next_cursor);
    } while (cursor);
    return out;
  }

  private async available(): Promise<number> {
    return (await this.sync.refreshBalance()).balance?.available ?? 0;
  }
}
