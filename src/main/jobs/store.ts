import type BetterSqlite3 from 'better-sqlite3';
import type { ErrorInfo } from '../../shared/errors.js';
import { isErrorCode } from '../../shared/errors.js';
import { isMessageId } from '../../shared/messages.js';
import type { JobStatus, JobView } from '../../shared/jobs/model.js';
import type { QueueName } from '../../shared/jobs/queues.js';
import type { Store } from '../store/db.js';
import type { JobsTable } from '../store/schema.js';

export type JobRow = Omit<JobsTable, 'seq'> & { seq: number };

export interface NewJob {
  id: string;
  kind: string;
  title: string;
  queue: QueueName;
  priority: number;
  payload: unknown;
  maxAttempts: number;
  runAfter: number;
  estimatedCredits: number;
  projectId: string | null;
  /** Where the job's first attempt starts from (a follow-up job of work an earlier job began), or none. */
  checkpoint?: unknown;
  now: number;
}

export function rowToView(row: JobRow, heldReason: string | null = null): JobView {
  const error: ErrorInfo | null =
    row.error_code && isErrorCode(row.error_code)
      ? { code: row.error_code, message: row.error_message ?? '', ...(row.error_hint ? { hint: row.error_hint } : {}), ...storedMessage(row) }
      : null;
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    queue: row.queue as QueueName,
    priority: row.priority,
    status: row.status as JobStatus,
    progress: row.progress,
    progressMessage: row.progress_message,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    runAfter: row.run_after,
    heldReason: row.status === 'queued' ? heldReason : null,
    error,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    estimatedCredits: row.estimated_credits,
    actualCredits: row.actual_credits,
    projectId: row.project_id,
  };
}

/**
 * The jobs table's state machine, as prepared statements: the dispatcher's
 * hot path is a handful of indexed single-row writes.
 */
export class JobStore {
  private readonly s: Record<string, BetterSqlite3.Statement>;

  constructor(readonly store: Store) {
    const db = store.sqlite;
    this.s = {
      insert: db.prepare(
        `INSERT INTO jobs (id, kind, title, queue, priority, status, payload, max_attempts, run_after, created_at, estimated_credits, project_id, checkpoint)
         VALUES (@id, @kind, @title, @queue, @priority, 'queued', @payload, @maxAttempts, @runAfter, @now, @estimatedCredits, @projectId, @checkpoint)
         RETURNING *`,
      ),
      // A job claimed as it is queued (sqlite-queue.ts: a kind lane with a free slot and nothing waiting).
      insertRunning: db.prepare(
        `INSERT INTO jobs (id, kind, title, queue, priority, status, payload, max_attempts, run_after, created_at, estimated_credits, project_id, checkpoint,
           attempts, lease_owner, lease_expires_at, started_at)
         VALUES (@id, @kind, @title, @queue, @priority, 'running', @payload, @maxAttempts, @runAfter, @now, @estimatedCredits, @projectId, @checkpoint,
           1, @owner, @leaseUntil, @now)
         RETURNING *`,
      ),
      get: db.prepare('SELECT * FROM jobs WHERE id = ?'),
      // The next job of a queue's lane: one kind (`@kind`), or the queue's own jobs without the kinds that have lanes (`@skip`, a JSON array);
      // `@freeOnly` skips paid jobs, as when a queue's paid-start limit is reached.
      claim: db.prepare(
        `UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = @owner, lease_expires_at = @leaseUntil,
           started_at = @now, finished_at = NULL
         WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND queue = @queue AND run_after <= @now AND cancel_requested = 0
                       AND (@freeOnly = 0 OR estimated_credits = 0)
                       AND (@kind IS NULL OR kind = @kind) AND kind NOT IN (SELECT value FROM json_each(@skip))
                     ORDER BY priority DESC, seq LIMIT 1)
         RETURNING *`,
      ),
      renew: db.prepare(
        `UPDATE jobs SET lease_expires_at = @leaseUntil WHERE id = @id AND lease_owner = @owner AND status = 'running'`,
      ),
      progress: db.prepare(
        `UPDATE jobs SET lease_expires_at = @leaseUntil, progress = @progress, progress_message = @message,
           checkpoint = COALESCE(@checkpoint, checkpoint)
         WHERE id = @id AND lease_owner = @owner AND status = 'running'`,
      ),
      // A checkpoint the worker waits on: stored with its lease renewed, the progress left as it is.
      checkpoint: db.prepare(
        `UPDATE jobs SET lease_expires_at = @leaseUntil, checkpoint = @checkpoint
         WHERE id = @id AND lease_owner = @owner AND status = 'running' RETURNING *`,
      ),
      // The same with the lease left as it is (set moments ago): the lease index is not written.
      checkpointOnly: db.prepare(
        `UPDATE jobs SET checkpoint = @checkpoint
         WHERE id = @id AND lease_owner = @owner AND status = 'running' RETURNING *`,
      ),
      succeed: db.prepare(
        `UPDATE jobs SET status = 'succeeded', result = @result, progress = 1, finished_at = @now, lease_owner = NULL,
           lease_expires_at = NULL, error_code = NULL, error_message = NULL, error_hint = NULL, error_key = NULL, error_params = NULL
         WHERE id = @id AND lease_owner = @owner AND status = 'running' RETURNING *`,
      ),
      retryLater: db.prepare(
        `UPDATE jobs SET status = 'queued', run_after = @runAfter, lease_owner = NULL, lease_expires_at = NULL,
           error_code = @code, error_message = @message, error_hint = @hint, error_key = @key, error_params = @params
         WHERE id = @id AND status = 'running' RETURNING *`,
      ),
      fail: db.prepare(
        `UPDATE jobs SET status = 'failed', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL,
           error_code = @code, error_message = @message, error_hint = @hint, error_key = @key, error_params = @params
         WHERE id = @id AND status IN ('running', 'queued') RETURNING *`,
      ),
      cancelled: db.prepare(
        `UPDATE jobs SET status = 'canceled', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL,
           cancel_requested = 1
         WHERE id = @id AND status IN ('queued', 'running') RETURNING *`,
      ),
      requestCancel: db.prepare(`UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND status = 'running' RETURNING *`),
      requeueFresh: db.prepare(
        `UPDATE jobs SET status = 'queued', attempts = 0, run_after = @now, cancel_requested = 0, progress = 0,
           progress_message = NULL, checkpoint = NULL, result = NULL, finished_at = NULL, started_at = NULL,
           error_code = NULL, error_message = NULL, error_hint = NULL, error_key = NULL, error_params = NULL
         WHERE id = @id AND status IN ('failed', 'canceled') RETURNING *`,
      ),
      checkpointBack: db.prepare(
        `UPDATE jobs SET status = 'queued', attempts = MAX(attempts - 1, 0), run_after = @now, lease_owner = NULL,
           lease_expires_at = NULL
         WHERE id = @id AND lease_owner = @owner AND status = 'running' RETURNING *`,
      ),
      setHold: db.prepare(`UPDATE jobs SET hold_id = ? WHERE id = ? RETURNING *`),
      setActual: db.prepare(`UPDATE jobs SET actual_credits = ? WHERE id = ? RETURNING *`),
      expired: db.prepare(`SELECT * FROM jobs WHERE status = 'running' AND lease_expires_at < ?`),
      runningNotMine: db.prepare(`SELECT * FROM jobs WHERE status = 'running' AND (lease_owner IS NULL OR lease_owner != ?)`),
      byStatus: db.prepare(`SELECT * FROM jobs WHERE status = ? ORDER BY priority DESC, seq LIMIT ?`),
      counts: db.prepare(`SELECT status, COUNT(*) AS n FROM jobs GROUP BY status`),
      nextRunAfter: db.prepare(`SELECT MIN(run_after) AS t FROM jobs WHERE status = 'queued' AND cancel_requested = 0`),
    };
  }

  /** Inserts a queued job, or with `claim` one already running under that owner's lease (its first attempt). */
  insert(job: NewJob, claim?: { owner: string; leaseUntil: number }): JobRow {
    const values = { ...job, payload: JSON.stringify(job.payload), checkpoint: job.checkpoint === undefined || job.checkpoint === null ? null : JSON.stringify(job.checkpoint) };
    return (claim ? this.s.insertRunning!.get({ ...values, ...claim }) : this.s.insert!.get(values)) as JobRow;
  }

  get(id: string): JobRow | undefined {
    return this.s.get!.get(id) as JobRow | undefined;
  }

  /** The next queued job of a queue, or with `freeOnly` the next one that costs no credits. */
  /** Claims the next job of a queue: of one kind's lane (`lane.kind`), or of the queue without the kinds in `lane.skip`. */
  claim(queue: QueueName, owner: string, now: number, leaseMs: number, freeOnly = false, lane: { kind?: string; skip?: readonly string[] } = {}): JobRow | undefined {
    return this.s.claim!.get({ queue, owner, now, leaseUntil: now + leaseMs, freeOnly: freeOnly ? 1 : 0, kind: lane.kind ?? null, skip: JSON.stringify(lane.skip ?? []) }) as JobRow | undefined;
  }

  renew(id: string, owner: string, leaseUntil: number): boolean {
    return this.s.renew!.run({ id, owner, leaseUntil }).changes === 1;
  }

  progress(id: string, owner: string, leaseUntil: number, progress: number, message: string | null, checkpoint: unknown): boolean {
    return (
      this.s.progress!.run({
        id,
        owner,
        leaseUntil,
        progress: Math.min(1, Math.max(0, progress)),
        message,
        checkpoint: checkpoint === undefined ? null : JSON.stringify(checkpoint),
      }).changes === 1
    );
  }

  /**
   * Stores a running job's checkpoint (as JSON), renewing its lease to `leaseUntil` (null: the lease is
   * left as it is); the row as it is then, or undefined when the job is not this owner's running job.
   */
  checkpoint(id: string, owner: string, leaseUntil: number | null, state: unknown): JobRow | undefined {
    const checkpoint = JSON.stringify(state ?? null);
    if (leaseUntil === null) return this.s.checkpointOnly!.get({ id, owner, checkpoint }) as JobRow | undefined;
    return this.s.checkpoint!.get({ id, owner, leaseUntil, checkpoint }) as JobRow | undefined;
  }

  succeed(id: string, owner: string, result: unknown, now: number): JobRow | undefined {
    return this.s.succeed!.get({ id, owner, now, result: JSON.stringify(result ?? null) }) as JobRow | undefined;
  }

  retryLater(id: string, error: ErrorInfo, runAfter: number): JobRow | undefined {
    return this.s.retryLater!.get({ id, runAfter, ...errorParams(error) }) as JobRow | undefined;
  }

  fail(id: string, error: ErrorInfo, now: number): JobRow | undefined {
    return this.s.fail!.get({ id, now, ...errorParams(error) }) as JobRow | undefined;
  }

  markCanceled(id: string, now: number): JobRow | undefined {
    return this.s.cancelled!.get({ id, now }) as JobRow | undefined;
  }

  requestCancel(id: string): JobRow | undefined {
    return this.s.requestCancel!.get(id) as JobRow | undefined;
  }

  requeueFresh(id: string, now: number): JobRow | undefined {
    return this.s.requeueFresh!.get({ id, now }) as JobRow | undefined;
  }

  /** Give a running job back to the queue without counting the attempt (orderly shutdown). */
  checkpointBack(id: string, owner: string, now: number): JobRow | undefined {
    return this.s.checkpointBack!.get({ id, owner, now }) as JobRow | undefined;
  }

  setHold(id: string, holdId: string): JobRow {
    return this.s.setHold!.get(holdId, id) as JobRow;
  }

  setActualCredits(id: string, actual: number): JobRow {
    return this.s.setActual!.get(actual, id) as JobRow;
  }

  expiredLeases(now: number): JobRow[] {
    return this.s.expired!.all(now) as JobRow[];
  }

  runningNotOwnedBy(owner: string): JobRow[] {
    return this.s.runningNotMine!.all(owner) as JobRow[];
  }

  byStatus(status: JobStatus, limit: number): JobRow[] {
    return this.s.byStatus!.all(status, limit) as JobRow[];
  }

  counts(): Record<JobStatus, number> {
    const out: Record<JobStatus, number> = { queued: 0, running: 0, succeeded: 0, failed: 0, canceled: 0 };
    for (const r of this.s.counts!.all() as { status: JobStatus; n: number }[]) out[r.status] = r.n;
    return out;
  }

  nextRunAfter(): number | null {
    return (this.s.nextRunAfter!.get() as { t: number | null }).t;
  }

  list(filter: { status?: JobStatus; kind?: string; limit: number; before?: string }): JobRow[] {
    let q = this.store.q.selectFrom('jobs').selectAll().orderBy('seq', 'desc').limit(filter.limit);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.before) {
      const before = this.get(filter.before);
      if (before) q = q.where('seq', '<', before.seq);
    }
    return this.store.all(q) as JobRow[];
  }
}

function errorParams(error: ErrorInfo): { code: string; message: string; hint: string | null; key: string | null; params: string | null } {
  return { code: error.code, message: error.message, hint: error.hint ?? null, key: error.key ?? null, params: error.key && error.params ? JSON.stringify(error.params) : null };
}

/** The stored key and parameters back, when the key is still one this app knows. */
function storedMessage(row: JobRow): Pick<ErrorInfo, 'key' | 'params'> {
  if (!isMessageId(row.error_key)) return {};
  let params: unknown = null;
  try {
    params = row.error_params ? JSON.parse(row.error_params) : null;
  } catch {
    params = null;
  }
  return params && typeof params === 'object' ? { key: row.error_key, params: params as Record<string, string | number> } : { key: row.error_key };
}
