import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../store/db.js';
import type { JobRow } from '../jobs/store.js';

/**
 * The few row changes the farm's dispatcher makes besides the SQLite
 * queue's own (store.ts): a job starts when a worker somewhere takes it, by
 * id rather than by claiming the next of a queue, and the dispatcher keeps
 * the leases of its farm jobs fresh (their workers' liveness is BullMQ's
 * lock), so another process on the same database never reaps them.
 */
export class FarmRows {
  private readonly start: BetterSqlite3.Statement;
  private readonly renew: BetterSqlite3.Statement;
  private readonly mine: BetterSqlite3.Statement;

  constructor(store: Store) {
    const db = store.sqlite;
    this.start = db.prepare(
      `UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = @owner, lease_expires_at = @leaseUntil,
         started_at = @now, finished_at = NULL
       WHERE id = @id AND status = 'queued' RETURNING *`,
    );
    this.renew = db.prepare(`UPDATE jobs SET lease_expires_at = @leaseUntil WHERE lease_owner = @owner AND status = 'running'`);
    this.mine = db.prepare(`SELECT * FROM jobs WHERE status = 'running' AND lease_owner = ?`);
  }

  /** A queued job a worker has taken: running, leased to this dispatcher. Undefined when it is not queued. */
  started(id: string, owner: string, now: number, leaseMs: number): JobRow | undefined {
    return this.start.get({ id, owner, now, leaseUntil: now + leaseMs }) as JobRow | undefined;
  }

  renewAll(owner: string, leaseUntil: number): void {
    this.renew.run({ owner, leaseUntil });
  }

  runningOwnedBy(owner: string): JobRow[] {
    return this.mine.all(owner) as JobRow[];
  }
}
