import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import type { FetchedMetrics, MetricsEntry } from '../../shared/kol/metrics.js';
import type { KolPostView } from '../../shared/kol/post-record.js';
import { fetchesMetrics } from '../../shared/kol/metrics.js';
import { say } from '../../shared/messages.js';
import { PLATFORM_LABELS } from '../../shared/publish/platforms.js';
import { failureClassOf, type FailureClass } from '../../shared/publish/post.js';
import type { JobView } from '../../shared/jobs/model.js';
import type { EventBus } from '../events.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { MetricsCsvResult, MetricsStatus } from '../../shared/api/kol-learn-contract.js';
import { importMetricsCsv } from './metrics-csv.js';
import { KolStore, kolPostView } from './store.js';
import { afterFailure, nextScheduledRead } from './metrics-schedule.js';
import { KolMetricsStore, type ReadTarget } from './metrics-store.js';

/**
 * Reading published KOL posts' engagement back (issue 14): every published
 * post gets a schedule (metrics-schedule.ts); what is due becomes a
 * `kol.metrics` job that a worker runs with the vault's token for the
 * account that published it (the same hand-out as a publish), and the
 * job's end records the numbers — or, classified as publishing classifies
 * its failures, when to try again — in the transaction that ends the job.
 */

/** Reads started per pass: a backlog (the studio was closed for a week) drains over a few minutes, not in one burst. */
const DUE_PER_PASS = 20;
export const METRICS_TICK_MS = 60_000;

/** Cloud refusals that mean the account must be reconnected (as publishing reads them). */
const DISCONNECTED_CLOUD_CODES = new Set(['NEEDS_RECONNECT', 'CONNECTION_NOT_FOUND']);


export class KolMetricsService {
  readonly rows: KolMetricsStore;
  private readonly posts: KolStore;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    store: KolStore['store'],
    private readonly jobs: SqliteJobQueue,
    private readonly events: EventBus,
    /** The studio's clock (publishing's; tests move it). */
    readonly now: () => number,
  ) {
    this.rows = new KolMetricsStore(store);
    this.posts = new KolStore(store);
    jobs.onSettled('kol.metrics', {
      onSuccess: (job, result) => this.onSuccess(job, result as FetchedMetrics),
      onFailure: (job, error) => this.onFailure(job, error),
    });
  }

  start(): void {
    if (this.timer) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), METRICS_TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass: schedules newly published posts and starts the reads that are due. */
  tick(): void {
    const now = this.now();
    this.rows.trackNew(now);
    for (const target of this.rows.due(now, DUE_PER_PASS)) this.startRead(target, now);
  }

  /** Reads a post's numbers now (its schedule goes on from its age afterwards); answers the job, or the one already running. */
  fetchNow(postId: string): { jobId: string } {
    const now = this.now();
    this.rows.trackOne(postId, now);
    const target = this.rows.target(postId);
    if (!target) throw this.notPublished(postId);
    if (target.job_id) return { jobId: target.job_id };
    if (!fetchesMetrics(target.platform)) {
      const platform = target.platform ? PLATFORM_LABELS[target.platform] : '—';
      throw new StudioError({ code: 'BAD_INPUT', message: `${platform} has no insights API this studio can read: enter the numbers by hand or import a CSV.`, ...say('kol.learn.metrics.manualOnly', { platform }) });
    }
    const jobId = this.startRead(target, now);
    if (!jobId) throw new StudioError({ code: 'CONFLICT', message: 'The post has no account to read its numbers with; reconnect the account.', ...say('kol.learn.metrics.noAccount') });
    return { jobId };
  }

  /** Numbers entered by hand for a published post (any platform; a later platform read replaces them). */
  enter(postId: string, metrics: MetricsEntry): KolPostView {
    const post = this.posts.post(postId);
    if (!post || post.status !== 'published') throw this.notPublished(postId);
    this.rows.writeMetrics(postId, metrics, 'manual', this.now());
    return this.changed(postId)!;
  }

  /** Numbers for many posts from a CSV (metrics-csv.ts): all lines written in one transaction, or none. */
  importCsv(csv: string, dryRun: boolean): MetricsCsvResult {
    const result = importMetricsCsv(csv, dryRun, {
      store: this.rows.store,
      writeAll: (lines) => {
        const now = this.now();
        this.rows.store.transaction(() => {
          for (const l of lines) this.rows.writeMetrics(l.postId, l.metrics, 'csv', now);
        });
      },
    });
    if (result.imported > 0) for (const r of result.rows) if (r.postId) this.changed(r.postId);
    return result;
  }

  status(postId: string): MetricsStatus | null {
    this.rows.trackOne(postId, this.now());
    const row = this.rows.row(postId);
    if (!row) return null;
    return {
      postId,
      state: row.state,
      nextFetchAt: row.next_fetch_at,
      lastFetchAt: row.last_fetch_at,
      attempts: row.attempts,
      lastFailure: row.last_failure,
      lastError: row.last_error ? (JSON.parse(row.last_error) as ErrorInfo) : null,
      history: this.rows.history(postId),
    };
  }

  private notPublished(postId: string): StudioError {
    return new StudioError({ code: 'NOT_FOUND', message: `There is no published post ${postId}.`, ...say('kol.learn.metrics.notPublished', { id: postId }) });
  }

  /** Queues the read and marks it in flight in one transaction; a platform without an API is left to people. Answers the job id. */
  private startRead(target: ReadTarget, now: number): string | null {
    if (!fetchesMetrics(target.platform) || !target.platform_post_id) {
      this.rows.setState(target.post_id, 'manual', null, now);
      return null;
    }
    if (!target.connection_id || !target.platform_account_id) {
      const label = PLATFORM_LABELS[target.platform];
      const error: ErrorInfo = { code: 'PUBLISH_DISCONNECTED', message: `${label}: the post's account is no longer connected.`, ...say('kol.learn.metrics.noAccount') };
      this.rows.failed(target.post_id, afterFailure('disconnected', { publishedAt: target.published_at, attempts: target.attempts, now }), 'disconnected', error, now);
      return null;
    }
    const platform = target.platform;
    return this.rows.store.transaction(() => {
      const job = this.jobs.enqueueNow(
        'kol.metrics',
        {
          postId: target.post_id,
          platform,
          connectionId: target.connection_id!,
          target: { accountId: target.platform_account_id!, targetId: target.target_id },
          platformPostId: target.platform_post_id!,
        },
        { maxAttempts: 1 },
      );
      if (!this.rows.started(target.post_id, job.id, now)) throw new Error(`a read of ${target.post_id} is already running`);
      return job.id;
    });
  }

  private onSuccess(job: JobView, result: FetchedMetrics): void {
    const target = this.rows.byJob(job.id);
    if (!target) return;
    const now = this.now();
    this.rows.succeeded(target.post_id, result, nextScheduledRead(target.published_at, now), now);
    queueMicrotask(() => this.changed(target.post_id));
  }

  private onFailure(job: JobView, error: ErrorInfo): void {
    const target = this.rows.byJob(job.id);
    if (!target) return;
    const now = this.now();
    if (error.code === 'CANCELED' || error.code === 'WORKER_CRASHED' || error.code === 'WORKER_TIMEOUT') {
      // Nothing was learned about the post: the same point is tried again on the next pass.
      this.rows.setState(target.post_id, 'scheduled', now, now);
      return;
    }
    const failure = this.classify(error);
    this.rows.failed(target.post_id, afterFailure(failure, { publishedAt: target.published_at, attempts: target.attempts, now, retryAfterMs: error.retryAfterMs }), failure, error, now);
  }

  private classify(error: ErrorInfo): FailureClass {
    if (error.cloud && DISCONNECTED_CLOUD_CODES.has(error.cloud.code)) return 'disconnected';
    if (error.code === 'NOT_SIGNED_IN') return 'disconnected';
    return failureClassOf(error.code);
  }

  private changed(postId: string): KolPostView | null {
    const row = this.posts.post(postId);
    if (!row) return null;
    const view = kolPostView(row);
    this.events.emit('kol.post.updated', view);
    return view;
  }
}
