import type BetterSqlite3 from 'better-sqlite3';
import type { ErrorInfo } from '../../shared/errors.js';
import { METRICS_PLATFORMS, type FetchedMetrics, type MetricsEntry } from '../../shared/kol/metrics.js';
import type { FailureClass } from '../../shared/publish/post.js';
import type { PublishPlatform } from '../../shared/publish/platforms.js';
import type { Store } from '../store/db.js';
import { limitedStatement } from '../store/limited.js';
import type { AfterFailure, FetchState } from './metrics-schedule.js';

/**
 * Migration 10 as prepared statements: each published post's read schedule
 * (kol_metric_fetches), the numbers on the post record (kol_posts) and every
 * reading kept in kol_metric_history, written together in one transaction.
 */
export interface FetchRow {
  post_id: string;
  state: FetchState;
  next_fetch_at: number | null;
  attempts: number;
  job_id: string | null;
  last_fetch_at: number | null;
  last_failure: FailureClass | null;
  last_error: string | null;
}

/** What a read needs: the post on the platform and the account (and vault connection) it went out as. */
export interface ReadTarget {
  post_id: string;
  platform: PublishPlatform | null;
  platform_post_id: string | null;
  published_at: number;
  attempts: number;
  job_id: string | null;
  connection_id: string | null;
  platform_account_id: string | null;
  target_id: string | null;
}

export interface HistoryRow {
  at: number;
  source: 'platform' | 'manual' | 'csv';
  views: number | null;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
}

const TARGET_SELECT = `SELECT p.id AS post_id, p.platform, p.platform_post_id, p.published_at, f.attempts, f.job_id,
  a.connection_id, a.platform_account_id, a.target_id
  FROM kol_metric_fetches f JOIN kol_posts p ON p.id = f.post_id LEFT JOIN publish_accounts a ON a.id = p.account_id`;

const PLATFORM_LIST = METRICS_PLATFORMS.map((p) => `'${p}'`).join(', ');

const TRACK_INSERT = `INSERT INTO kol_metric_fetches (post_id, state, next_fetch_at, created_at, updated_at)
  SELECT p.id, CASE WHEN p.platform IN (${PLATFORM_LIST}) THEN 'scheduled' ELSE 'manual' END,
    CASE WHEN p.platform IN (${PLATFORM_LIST}) THEN p.published_at + 3600000 END, @now, @now
  FROM kol_posts p
  WHERE p.status = 'published' AND p.published_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM kol_metric_fetches f WHERE f.post_id = p.id)`;

/** Posts older than the last scheduled read (30 days) and a day's slack are not picked up by a pass; "read now" still tracks them. */
const TRACK_WINDOW_MS = 31 * 86_400_000;

export class KolMetricsStore {
  private readonly s: Record<string, BetterSqlite3.Statement>;
  private readonly dueTargets: (limit: number) => BetterSqlite3.Statement;

  constructor(readonly store: Store) {
    const db = store.sqlite;
    this.dueTargets = limitedStatement(db, (n) => `${TARGET_SELECT} WHERE f.next_fetch_at IS NOT NULL AND f.job_id IS NULL AND f.next_fetch_at <= ? ORDER BY f.next_fetch_at LIMIT ${n}`);
    this.s = {
      // A post the platforms answer for is first read an hour after it went out; the others wait for a person.
      // Only posts young enough to be read again are looked at each pass (the published_at index bounds it).
      trackNew: db.prepare(`${TRACK_INSERT} AND p.published_at >= @since`),
      trackOne: db.prepare(`${TRACK_INSERT} AND p.id = @postId`),
      target: db.prepare(`${TARGET_SELECT} WHERE f.post_id = ?`),
      row: db.prepare('SELECT * FROM kol_metric_fetches WHERE post_id = ?'),
      byJob: db.prepare(`${TARGET_SELECT} WHERE f.job_id = ?`),
      started: db.prepare('UPDATE kol_metric_fetches SET job_id = ?, updated_at = ? WHERE post_id = ? AND job_id IS NULL'),
      setState: db.prepare('UPDATE kol_metric_fetches SET state = @state, next_fetch_at = @next, job_id = NULL, updated_at = @now WHERE post_id = @postId'),
      succeeded: db.prepare(
        `UPDATE kol_metric_fetches SET state = @state, next_fetch_at = @next, attempts = 0, job_id = NULL, last_fetch_at = @now,
           last_failure = NULL, last_error = NULL, updated_at = @now WHERE post_id = @postId`,
      ),
      failed: db.prepare(
        `UPDATE kol_metric_fetches SET state = @state, next_fetch_at = @next, attempts = @attempts, job_id = NULL,
           last_failure = @failure, last_error = @error, updated_at = @now WHERE post_id = @postId`,
      ),
      // Views stay as they were when the platform gave none.
      setMetrics: db.prepare(
        `UPDATE kol_posts SET views = COALESCE(@views, views), likes = @likes, comments = @comments, shares = @shares, saves = @saves,
           metrics_at = @now, metrics_source = @source, updated_at = @now WHERE id = @postId`,
      ),
      history: db.prepare('INSERT INTO kol_metric_history (post_id, at, source, views, likes, comments, shares, saves) VALUES (@postId, @now, @source, @views, @likes, @comments, @shares, @saves)'),
      historyOf: db.prepare('SELECT at, source, views, likes, comments, shares, saves FROM kol_metric_history WHERE post_id = ? ORDER BY at'),
    };
  }

  /** Starts the schedule of every recently published post that has none yet (answers how many). */
  trackNew(now: number): number {
    return this.s.trackNew!.run({ now, since: now - TRACK_WINDOW_MS }).changes;
  }

  /** Starts the schedule of one published post, whatever its age. */
  trackOne(postId: string, now: number): void {
    this.s.trackOne!.run({ now, postId });
  }

  due(now: number, limit: number): ReadTarget[] {
    return this.dueTargets(limit).all(now) as ReadTarget[];
  }

  target(postId: string): ReadTarget | undefined {
    return this.s.target!.get(postId) as ReadTarget | undefined;
  }

  row(postId: string): FetchRow | undefined {
    return this.s.row!.get(postId) as FetchRow | undefined;
  }

  byJob(jobId: string): ReadTarget | undefined {
    return this.s.byJob!.get(jobId) as ReadTarget | undefined;
  }

  /** Marks the read in flight; false when another is (the post is then left alone). */
  started(postId: string, jobId: string, now: number): boolean {
    return this.s.started!.run(jobId, now, postId).changes > 0;
  }

  setState(postId: string, state: FetchState, next: number | null, now: number): void {
    this.s.setState!.run({ postId, state, next, now });
  }

  /** A good read: the numbers on the post, one history row, and the next point of the schedule. */
  succeeded(postId: string, metrics: FetchedMetrics, next: number | null, now: number): void {
    this.store.transaction(() => {
      this.writeMetrics(postId, metrics, 'platform', now);
      this.s.succeeded!.run({ postId, state: next === null ? 'done' : 'scheduled', next, now });
    });
  }

  failed(postId: string, after: AfterFailure, failure: FailureClass, error: ErrorInfo, now: number): void {
    this.s.failed!.run({ postId, state: after.state, next: after.nextFetchAt, attempts: after.attempts, failure, error: JSON.stringify(error), now });
  }

  /** Numbers a person entered (or a CSV line): on the post and in its history; the platform schedule is left as it is. */
  writeMetrics(postId: string, metrics: FetchedMetrics | MetricsEntry, source: HistoryRow['source'], now: number): void {
    const row = { postId, now, source, views: metrics.views, likes: metrics.likes, comments: metrics.comments, shares: metrics.shares, saves: metrics.saves };
    this.store.transaction(() => {
      this.s.setMetrics!.run(row);
      this.s.history!.run(row);
    });
  }

  history(postId: string): HistoryRow[] {
    return this.s.historyOf!.all(postId) as HistoryRow[];
  }
}
