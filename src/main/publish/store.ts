import type BetterSqlite3 from 'better-sqlite3';
import type { ErrorInfo } from '../../shared/errors.js';
import type { PublishPlatform } from '../../shared/publish/platforms.js';
import {
  OUTBOX_STATES,
  type FailureClass,
  type MissedPolicy,
  type OutboxPostView,
  type OutboxState,
  type PostPayload,
  type PublishAttemptView,
} from '../../shared/publish/post.js';
import type { Store } from '../store/db.js';
import { limitedStatement } from '../store/limited.js';

/**
 * The outbox's rows (migration 5) as prepared statements: every state change
 * is one guarded UPDATE (`WHERE state = …`), so two processes sharing the
 * database (the desktop and `kingjam jobs run`) never both move one post.
 */
export interface PostRow {
  id: string;
  group_id: string | null;
  account_id: string;
  platform: PublishPlatform;
  state: OutboxState;
  payload: string;
  scheduled_at: number | null;
  missed_policy: MissedPolicy;
  missed: number;
  platform_post_id: string | null;
  url: string | null;
  published_at: number | null;
  failure_class: FailureClass | null;
  error: string | null;
  job_id: string | null;
  attempt_after: number | null;
  refresh_pending: number;
  created_at: number;
  updated_at: number;
}

/** What the dispatcher needs to choose among due posts; it reads the whole row of the ones it starts. */
export type DuePost = Pick<PostRow, 'id' | 'account_id' | 'platform' | 'refresh_pending'>;
const DUE_COLUMNS = 'id, account_id, platform, refresh_pending';

export interface AttemptRow {
  post_id: string;
  n: number;
  job_id: string | null;
  started_at: number;
  ended_at: number | null;
  outcome: PublishAttemptView['outcome'];
  error: string | null;
  checkpoint: string | null;
}

export interface NewPost {
  id: string;
  groupId: string | null;
  accountId: string;
  platform: PublishPlatform;
  state: OutboxState;
  payload: PostPayload;
  scheduledAt: number | null;
  missedPolicy: MissedPolicy;
  now: number;
}

export interface ListFilter {
  from?: number | undefined;
  to?: number | undefined;
  states?: OutboxState[] | undefined;
  accountIds?: string[] | undefined;
  platforms?: PublishPlatform[] | undefined;
  limit: number;
}

const json = (v: unknown): string => JSON.stringify(v);

export class OutboxStore {
  private readonly s: Record<string, BetterSqlite3.Statement>;
  private readonly dueScheduled: (limit: number) => BetterSqlite3.Statement;
  private readonly dueScheduledOn: (limit: number) => BetterSqlite3.Statement;
  private readonly dueRetriesOn: (limit: number) => BetterSqlite3.Statement;

  constructor(readonly store: Store) {
    const db = store.sqlite;
    this.dueScheduled = limitedStatement(db, (n) => `SELECT * FROM outbox_posts WHERE state = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at, created_at LIMIT ${n}`);
    // Due posts are read without their payloads: a pass looks at many and starts few (the rest wait for their rate window or a free slot).
    // Ties of one due time go in the order the posts were written (rowid): the due index ends with it, so a pass reads only the
    // rows it returns, where ordering by created_at sorted every due post first (a hundred "now" posts, on every pass).
    this.dueScheduledOn = limitedStatement(db, (n) => `SELECT ${DUE_COLUMNS} FROM outbox_posts WHERE state = 'scheduled' AND platform = ? AND scheduled_at <= ? ORDER BY scheduled_at, rowid LIMIT ${n}`);
    this.dueRetriesOn = limitedStatement(db, (n) => `SELECT ${DUE_COLUMNS} FROM outbox_posts WHERE state = 'publishing' AND platform = ? AND job_id IS NULL AND attempt_after <= ? ORDER BY attempt_after LIMIT ${n}`);
    this.s = {
      insert: db.prepare(
        `INSERT INTO outbox_posts (id, group_id, account_id, platform, state, payload, scheduled_at, missed_policy, created_at, updated_at)
         VALUES (@id, @groupId, @accountId, @platform, @state, @payload, @scheduledAt, @missedPolicy, @now, @now)`,
      ),
      get: db.prepare('SELECT * FROM outbox_posts WHERE id = ?'),
      byJob: db.prepare('SELECT * FROM outbox_posts WHERE job_id = ?'),
      attempts: db.prepare('SELECT * FROM outbox_attempts WHERE post_id = ? ORDER BY n'),
      lastAttempt: db.prepare('SELECT * FROM outbox_attempts WHERE post_id = ? ORDER BY n DESC LIMIT 1'),
      nextScheduled: db.prepare(`SELECT MIN(scheduled_at) AS t FROM outbox_posts WHERE state = 'scheduled'`),
      nextRetry: db.prepare(`SELECT MIN(attempt_after) AS t FROM outbox_posts WHERE state = 'publishing' AND job_id IS NULL`),
      inFlight: db.prepare(`SELECT platform, COUNT(*) AS n FROM outbox_posts WHERE state = 'publishing' AND job_id IS NOT NULL GROUP BY platform`),
      startsOf: db.prepare('SELECT started_at FROM outbox_attempts WHERE account_id = ? AND started_at > ? ORDER BY started_at'),
      beginAttempt: db.prepare(
        `UPDATE outbox_posts SET state = 'publishing', job_id = @jobId, attempt_after = NULL, refresh_pending = 0, failure_class = NULL, error = NULL, updated_at = @now
         WHERE id = @id AND (state = 'scheduled' OR (state = 'publishing' AND job_id IS NULL))`,
      ),
      insertAttempt: db.prepare(
        `INSERT INTO outbox_attempts (post_id, n, account_id, job_id, started_at, outcome, checkpoint) VALUES (@postId, @n, @accountId, @jobId, @now, 'running', @checkpoint)`,
      ),
      saveCheckpoint: db.prepare(`UPDATE outbox_attempts SET checkpoint = @checkpoint WHERE job_id = @jobId AND outcome = 'running'`),
      endAttempt: db.prepare(`UPDATE outbox_attempts SET outcome = @outcome, ended_at = @now, error = @error WHERE job_id = @jobId AND outcome = 'running'`),
      published: db.prepare(
        `UPDATE outbox_posts SET state = 'published', platform_post_id = @platformPostId, url = @url, published_at = @now, job_id = NULL, failure_class = NULL, error = NULL, updated_at = @now
         WHERE job_id = @jobId AND state = 'publishing'`,
      ),
      retryLater: db.prepare(
        `UPDATE outbox_posts SET job_id = NULL, attempt_after = @after, refresh_pending = @refresh, failure_class = @class, error = @error, updated_at = @now
         WHERE job_id = @jobId AND state = 'publishing'`,
      ),
      failed: db.prepare(
        `UPDATE outbox_posts SET state = 'failed', job_id = NULL, attempt_after = NULL, refresh_pending = 0, failure_class = @class, error = @error, updated_at = @now
         WHERE id = @id AND state IN ('publishing', 'scheduled')`,
      ),
      canceled: db.prepare(
        `UPDATE outbox_posts SET state = 'canceled', job_id = NULL, attempt_after = NULL, refresh_pending = 0, updated_at = @now
         WHERE id = @id AND state = @from`,
      ),
      missed: db.prepare(
        `UPDATE outbox_posts SET state = 'failed', missed = 1, failure_class = 'bad-post', error = @error, updated_at = @now WHERE id = @id AND state = 'scheduled'`,
      ),
      edit: db.prepare(
        `UPDATE outbox_posts SET state = @state, payload = @payload, scheduled_at = @scheduledAt, missed_policy = @missedPolicy, missed = 0,
           failure_class = NULL, error = NULL, updated_at = @now
         WHERE id = @id AND state = @from`,
      ),
      summary: db.prepare('SELECT state, COUNT(*) AS n FROM outbox_posts GROUP BY state'),
    };
  }

  insert(post: NewPost): void {
    this.s.insert!.run({ ...post, payload: json(post.payload) });
  }

  get(id: string): PostRow | undefined {
    return this.s.get!.get(id) as PostRow | undefined;
  }

  byJob(jobId: string): PostRow | undefined {
    return this.s.byJob!.get(jobId) as PostRow | undefined;
  }

  attempts(postId: string): AttemptRow[] {
    return this.s.attempts!.all(postId) as AttemptRow[];
  }

  lastAttempt(postId: string): AttemptRow | undefined {
    return this.s.lastAttempt!.get(postId) as AttemptRow | undefined;
  }

  /** Scheduled posts due at or before `time`, oldest first. */
  scheduledBefore(time: number, limit: number): PostRow[] {
    return this.dueScheduled(limit).all(time) as PostRow[];
  }

  /**
   * One platform's due posts, oldest first (retries first), at most `limit`
   * of each: a pass only ever starts a platform's few free slots, so it need
   * not read every due post (a thousand due at one minute).
   */
  dueOn(platform: PublishPlatform, now: number, limit: number): DuePost[] {
    return [...(this.dueRetriesOn(limit).all(platform, now) as DuePost[]), ...(this.dueScheduledOn(limit).all(platform, now) as DuePost[])];
  }

  /** The earliest time something becomes due, or null when nothing waits. */
  nextDue(): number | null {
    const a = (this.s.nextScheduled!.get() as { t: number | null }).t;
    const b = (this.s.nextRetry!.get() as { t: number | null }).t;
    if (a === null) return b;
    return b === null ? a : Math.min(a, b);
  }

  /** Attempts in flight per platform (a job is queued or running for them). */
  inFlight(): Map<PublishPlatform, number> {
    return new Map((this.s.inFlight!.all() as { platform: PublishPlatform; n: number }[]).map((r) => [r.platform, r.n]));
  }

  /** When an account's attempts started since `since`, oldest first (its rate window; read by every process sharing the database). */
  startsOf(accountId: string, since: number): number[] {
    return (this.s.startsOf!.all(accountId, since) as { started_at: number }[]).map((r) => r.started_at);
  }

  /** Moves a due post to publishing with its job, and opens its attempt row carrying the last checkpoint forward. */
  beginAttempt(post: PostRow, jobId: string, now: number): boolean {
    if (this.s.beginAttempt!.run({ id: post.id, jobId, now }).changes !== 1) return false;
    const last = this.lastAttempt(post.id);
    this.s.insertAttempt!.run({ postId: post.id, n: (last?.n ?? 0) + 1, accountId: post.account_id, jobId, now, checkpoint: last?.checkpoint ?? null });
    return true;
  }

  saveCheckpoint(jobId: string, state: unknown): boolean {
    return this.s.saveCheckpoint!.run({ jobId, checkpoint: json(state) }).changes === 1;
  }

  endAttempt(jobId: string, outcome: PublishAttemptView['outcome'], error: ErrorInfo | null, now: number): void {
    this.s.endAttempt!.run({ jobId, outcome, error: error ? json(error) : null, now });
  }

  published(jobId: string, platformPostId: string, url: string | null, now: number): boolean {
    return this.s.published!.run({ jobId, platformPostId, url, now }).changes === 1;
  }

  retryLater(jobId: string, after: number, refresh: boolean, failure: FailureClass, error: ErrorInfo, now: number): boolean {
    return this.s.retryLater!.run({ jobId, after, refresh: refresh ? 1 : 0, class: failure, error: json(error), now }).changes === 1;
  }

  failed(id: string, failure: FailureClass, error: ErrorInfo, now: number): boolean {
    return this.s.failed!.run({ id, class: failure, error: json(error), now }).changes === 1;
  }

  canceled(id: string, from: OutboxState, now: number): boolean {
    return this.s.canceled!.run({ id, from, now }).changes === 1;
  }

  missed(id: string, error: ErrorInfo, now: number): boolean {
    return this.s.missed!.run({ id, error: json(error), now }).changes === 1;
  }

  edit(id: string, from: OutboxState, next: { state: OutboxState; payload: PostPayload; scheduledAt: number | null; missedPolicy: MissedPolicy }, now: number): boolean {
    return this.s.edit!.run({ id, from, now, ...next, payload: json(next.payload) }).changes === 1;
  }

  list(filter: ListFilter): PostRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    // A range asks for the calendar: posts timed in it, and drafts/"now" posts by when they were made.
    if (filter.from !== undefined) {
      where.push('COALESCE(scheduled_at, published_at, created_at) >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('COALESCE(scheduled_at, published_at, created_at) < ?');
      params.push(filter.to);
    }
    for (const [column, values] of [
      ['state', filter.states],
      ['account_id', filter.accountIds],
      ['platform', filter.platforms],
    ] as const) {
      if (!values) continue;
      if (values.length === 0) return [];
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    }
    const sql = `SELECT * FROM outbox_posts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY COALESCE(scheduled_at, published_at, created_at), id LIMIT ?`;
    return this.store.sqlite.prepare(sql).all(...params, filter.limit) as PostRow[];
  }

  summary(): Record<OutboxState, number> {
    const out = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
    for (const r of this.s.summary!.all() as { state: OutboxState; n: number }[]) out[r.state] = r.n;
    return out;
  }

  view(row: PostRow): OutboxPostView {
    return {
      id: row.id,
      accountId: row.account_id,
      platform: row.platform,
      state: row.state,
      payload: JSON.parse(row.payload) as PostPayload,
      scheduledAt: row.scheduled_at,
      missedPolicy: row.missed_policy,
      missed: row.missed === 1,
      platformPostId: row.platform_post_id,
      url: row.url,
      publishedAt: row.published_at,
      failure: row.failure_class && row.error && row.state === 'failed' ? { class: row.failure_class, error: JSON.parse(row.error) as ErrorInfo } : null,
      attempts: this.attempts(row.id).map((a) => ({
        n: a.n,
        startedAt: a.started_at,
        endedAt: a.ended_at,
        outcome: a.outcome,
        error: a.error ? (JSON.parse(a.error) as ErrorInfo) : null,
      })),
      jobId: row.job_id,
      groupId: row.group_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
