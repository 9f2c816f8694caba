import { toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import type { JobView } from '../../shared/jobs/model.js';
import type { PublishJobResult } from '../../shared/jobs/kinds.js';
import { say } from '../../shared/messages.js';
import { FETCHES_MEDIA_BY_URL, PLATFORM_LABELS, PUBLISH_RATE, type PublishPlatform } from '../../shared/publish/platforms.js';
import { RELAY_SECRETS } from '../../shared/publish/relay.js';
import { failureClassOf, type FailureClass, type PostPayload } from '../../shared/publish/post.js';
import { PUBLISH_SECRETS } from '../../shared/publish/secrets.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { PublishAccounts } from './accounts.js';
import type { DuePost, OutboxStore, PostRow } from './store.js';
import type { PublishVault } from './vault.js';

export interface DispatchPolicy {
  /** Attempts of a post whose failures are retryable (the issue: 3). */
  maxAttempts: number;
  /** Backoff before attempt n+1 is base·2^(n−1), capped, and never shorter than the platform's Retry-After. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  rate: Record<PublishPlatform, { perAccountPerMinute: number; perPlatformConcurrency: number }>;
}

export const DEFAULT_DISPATCH_POLICY: DispatchPolicy = { maxAttempts: 3, backoffBaseMs: 30_000, backoffMaxMs: 15 * 60_000, rate: PUBLISH_RATE };

const MINUTE = 60_000;

class PostTaken extends Error {}

/** What one dispatch pass knows: attempts running by platform, each account's rate window (read once a pass), and when to look again. */
interface DuePass {
  now: number;
  inFlight: Map<PublishPlatform, number>;
  startsOf(accountId: string): number[];
  starts: Map<string, number[]>;
  later(t: number): void;
}

/** Due posts of one platform read per pass: enough to find free accounts behind ones held by their rate window. */
const DUE_BATCH = 200;
/** The first, short read of a pass (a pass after an attempt ends has one slot to fill). */
const SHORT_DUE_BATCH = 8;

/** Cloud refusals that mean the account must be reconnected or signed in again, not retried. */
const DISCONNECTED_CLOUD_CODES = new Set(['NEEDS_RECONNECT', 'CONNECTION_NOT_FOUND']);

/**
 * Publishing as jobs on the durable queue: which due post starts now (the
 * per-account rate and the per-platform concurrency hold the rest back, they
 * never fail it), one `publish.post` job per attempt, and what each attempt's
 * end does to its post — in the same transaction that ends the job, so the
 * platform's id is never lost between "sent" and "recorded".
 */
export class PublishDispatcher {
  private readonly refreshing = new Set<string>();

  constructor(
    private readonly outbox: OutboxStore,
    private readonly accounts: PublishAccounts,
    private readonly jobs: SqliteJobQueue,
    private readonly vault: PublishVault,
    private readonly changed: (postId: string, poke?: boolean) => void,
    private readonly now: () => number,
    readonly policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
  ) {
    jobs.onSettled('publish.post', {
      onCheckpoint: (job, state) => this.onCheckpoint(job, state),
      onSuccess: (job, result) => this.onSuccess(job, result as PublishJobResult),
      onFailure: (job, error) => this.onFailure(job, error),
    });
  }

  /**
   * The per-job secrets of publish jobs: the platform token from the vault's
   * hand-out and, for a post with media to a platform that fetches media by
   * URL, the relay's address and token (without them the worker says to sign in).
   */
  async secrets(job: { kind: string; payload: unknown }): Promise<Record<string, string>> {
    const token = await this.vault.accessToken(this.connectionOf(job));
    const payload = job.payload as { platform?: PublishPlatform; post?: { media?: unknown[] } };
    const needsRelay = job.kind === 'publish.post' && payload.platform !== undefined && FETCHES_MEDIA_BY_URL[payload.platform] && (payload.post?.media?.length ?? 0) > 0;
    const relay = needsRelay ? await this.vault.relay().catch(() => null) : null;
    return { [PUBLISH_SECRETS.token]: token, ...(relay ? { [RELAY_SECRETS.url]: relay.relayUrl, [RELAY_SECRETS.token]: relay.token } : {}) };
  }

  private connectionOf(job: { kind: string; payload: unknown }): string {
    const payload = job.payload as { postId?: string; connectionId?: string };
    // A connection's targets, and a KOL post's engagement read (issue 14), name their connection.
    if (job.kind === 'publish.targets' || job.kind === 'kol.metrics') return payload.connectionId!;
    const post = this.outbox.get(payload.postId!);
    if (!post) throw new Error(`outbox post ${payload.postId} is gone`);
    return this.accounts.mustGet(post.account_id).connection_id;
  }

  /**
   * Starts what is due and allowed now; answers when to look again (the
   * earliest due post or the moment an account's rate window frees a slot), or null.
   */
  dispatchDue(): number | null {
    const now = this.now();
    const inFlight = this.outbox.inFlight();
    // Each account's rate window, read once per pass for the accounts this pass looks at.
    const starts = new Map<string, number[]>();
    const startsOf = (accountId: string): number[] => {
      let list = starts.get(accountId);
      if (!list) starts.set(accountId, (list = this.outbox.startsOf(accountId, now - MINUTE)));
      return list;
    };
    let wake: number | null = null;
    const later = (t: number): void => {
      wake = wake === null ? t : Math.min(wake, t);
    };
    // Only platforms with an account can have posts: a pass skips the others' due queries.
    for (const platform of this.accounts.platforms()) {
      const rate = this.policy.rate[platform];
      // A platform at its concurrency is woken again when one of its attempts ends.
      const full = (): boolean => (inFlight.get(platform) ?? 0) >= rate.perPlatformConcurrency;
      if (full()) continue;
      // Most passes fill a slot or two: a short read first, the long one only when the short one did not fill them and may have left posts unread.
      const seen = new Set<string>();
      for (const limit of [SHORT_DUE_BATCH, DUE_BATCH]) {
        const due = this.outbox.dueOn(platform, now, limit);
        this.startSome(due, seen, rate, { now, inFlight, startsOf, starts, later });
        if (full() || due.length < limit) break;
      }
    }
    const next = this.outbox.nextDue();
    if (next !== null && next > now) later(next);
    return wake;
  }

  /** Starts due posts of one platform in order while it has free slots; the rest wait for their account's rate window (`pass.later`). */
  private startSome(due: DuePost[], seen: Set<string>, rate: DispatchPolicy['rate'][PublishPlatform], pass: DuePass): void {
    for (const post of due) {
      if (seen.has(post.id)) continue;
      seen.add(post.id);
      const recent = pass.startsOf(post.account_id);
      if (recent.length >= rate.perAccountPerMinute) {
        pass.later(recent[recent.length - rate.perAccountPerMinute]! + MINUTE);
        continue;
      }
      if (post.refresh_pending) {
        this.refreshThenRetry(post);
        continue;
      }
      const row = this.outbox.get(post.id);
      if (!row || !this.start(row, pass.now)) continue;
      const running = (pass.inFlight.get(post.platform) ?? 0) + 1;
      pass.inFlight.set(post.platform, running);
      pass.starts.set(post.account_id, [...recent, pass.now]);
      if (running >= rate.perPlatformConcurrency) return;
    }
  }

  /** Moves the post to publishing and queues its attempt, in one transaction (so a crash leaves both or neither). */
  private start(post: PostRow, now: number): boolean {
    const account = this.accounts.row(post.account_id);
    if (!account) return false;
    const last = this.outbox.lastAttempt(post.id);
    const checkpoint = last?.checkpoint ? (JSON.parse(last.checkpoint) as unknown) : undefined;
    try {
      this.outbox.store.transaction(() => {
        const job = this.jobs.enqueueNow(
          'publish.post',
          {
            postId: post.id,
            platform: post.platform,
            target: { platform: post.platform, accountId: account.platform_account_id, targetId: account.target_id },
            // Checked by the job's own schema as it is queued (the post's schema is part of it).
            post: JSON.parse(post.payload) as PostPayload,
          },
          { maxAttempts: 1, ...(checkpoint !== undefined ? { checkpoint } : {}) },
        );
        // Another process sharing the database took the post first: the job is rolled back with the transaction.
        if (!this.outbox.beginAttempt(post, job.id, now)) throw new PostTaken();
      });
    } catch (err) {
      if (err instanceof PostTaken) return false;
      throw err;
    }
    // This pass goes on filling the platform's slots: the scheduler need not look again for this start.
    this.changed(post.id, false);
    return true;
  }

  /** The platform said the token expired: one forced refresh at the vault, then the attempt is due again (or the post stops). */
  private refreshThenRetry(post: DuePost): void {
    if (this.refreshing.has(post.id)) return;
    this.refreshing.add(post.id);
    const account = this.accounts.row(post.account_id);
    void (account ? this.vault.refresh(account.connection_id) : Promise.reject(new Error('account gone')))
      .then(
        () => this.outbox.store.sqlite.prepare('UPDATE outbox_posts SET refresh_pending = 0 WHERE id = ?').run(post.id),
        (err: unknown) => {
          const label = PLATFORM_LABELS[post.platform];
          const error: ErrorInfo = { code: 'PUBLISH_DISCONNECTED', message: `${label}: the token could not be renewed (${toErrorInfo(err).message}).`, ...say('publish.outbox.reconnect', { platform: label }) };
          this.outbox.failed(post.id, 'disconnected', error, this.now());
        },
      )
      .finally(() => {
        this.refreshing.delete(post.id);
        this.changed(post.id);
      });
  }

  // ── what an attempt's end does to its post (inside the job's own transaction) ──

  private onCheckpoint(job: JobView, state: unknown): void {
    // (A cancel asked for before the checkpoint is refused by the queue before this runs: the worker never goes past it to the platform.)
    if (!this.outbox.saveCheckpoint(job.id, state)) throw new Error('no running attempt for this job');
  }

  private onSuccess(job: JobView, result: PublishJobResult): void {
    const post = this.outbox.byJob(job.id);
    if (!post) return;
    const now = this.now();
    this.outbox.endAttempt(job.id, 'published', null, now);
    this.outbox.published(job.id, result.platformPostId, result.url, now);
    queueMicrotask(() => this.changed(post.id));
  }

  private onFailure(job: JobView, error: ErrorInfo): void {
    const post = this.outbox.byJob(job.id);
    if (!post) return;
    const now = this.now();
    queueMicrotask(() => this.changed(post.id));
    if (error.code === 'CANCELED') {
      this.outbox.endAttempt(job.id, 'interrupted', error, now);
      this.outbox.canceled(post.id, 'publishing', now);
      return;
    }
    const failure = this.classify(error);
    const interrupted = error.code === 'WORKER_CRASHED' || error.code === 'WORKER_TIMEOUT';
    this.outbox.endAttempt(job.id, interrupted ? 'interrupted' : failure, error, now);
    // This round's attempts: since the post last became due (a retry from the UI starts a new round of three).
    const attempts = this.outbox.attempts(post.id).filter((a) => a.started_at >= (post.scheduled_at ?? 0));
    const n = attempts.length;
    if (failure === 'retry' && n < this.policy.maxAttempts) {
      const backoff = Math.min(this.policy.backoffMaxMs, this.policy.backoffBaseMs * 2 ** (n - 1));
      this.outbox.retryLater(job.id, now + Math.max(backoff, error.retryAfterMs ?? 0), false, failure, error, now);
      return;
    }
    if (failure === 'refresh-token') {
      if (!attempts.slice(0, -1).some((a) => a.outcome === 'refresh-token')) {
        this.outbox.retryLater(job.id, now, true, failure, error, now);
        return;
      }
      const label = PLATFORM_LABELS[post.platform];
      this.outbox.failed(post.id, 'disconnected', { ...error, code: 'PUBLISH_DISCONNECTED', ...say('publish.outbox.reconnect', { platform: label }) }, now);
      return;
    }
    this.outbox.failed(post.id, failure, error, now);
  }

  /** A platform's failure travels as its class's code; the cloud's refusal of the token hand-out means reconnecting. */
  private classify(error: ErrorInfo): FailureClass {
    if (error.cloud && DISCONNECTED_CLOUD_CODES.has(error.cloud.code)) return 'disconnected';
    if (error.code === 'NOT_SIGNED_IN') return 'disconnected';
    return failureClassOf(error.code);
  }
}
