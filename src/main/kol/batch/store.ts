import type BetterSqlite3 from 'better-sqlite3';
import type { Localized } from '../../../shared/messages.js';
import type { BatchItemRequest, BatchState, BatchTotals, BatchView } from '../../../shared/kol/batch.js';
import type { BatchItemState, BatchItemView } from '../../../shared/api/kol-batch-contract.js';
import type { Store } from '../../store/db.js';
import { limitedStatement } from '../../store/limited.js';

/**
 * Batches and their items (migration 9) as prepared statements. An item's
 * state moves waiting → running → succeeded | failed | canceled with guarded
 * UPDATEs (`WHERE state = …`), so a job's hook and a cancel never both end one.
 */
export interface BatchRow {
  id: string;
  title: string;
  state: BatchState;
  concurrency: number;
  post_at: number | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface ItemRow {
  batch_id: string;
  idx: number;
  persona_id: string;
  topic: string;
  context: string;
  trigger_id: string | null;
  trigger_item: string | null;
  state: BatchItemState;
  attempts: number;
  job_id: string | null;
  post_id: string | null;
  error: string | null;
  estimated_credits: number;
  started_at: number | null;
  finished_at: number | null;
}

interface Counts {
  items: number;
  succeeded: number;
  failed: number;
  remaining: number;
  held: number;
}

export class BatchStore {
  private readonly s: Record<string, BetterSqlite3.Statement>;
  private readonly waitingItems: (limit: number) => BetterSqlite3.Statement;

  constructor(readonly store: Store) {
    const db = store.sqlite;
    this.waitingItems = limitedStatement(db, (n) => `SELECT * FROM kol_batch_items WHERE batch_id = ? AND state = 'waiting' ORDER BY idx LIMIT ${n}`);
    this.s = {
      insertBatch: db.prepare(
        `INSERT INTO kol_batches (id, title, state, concurrency, post_at, created_at, updated_at) VALUES (@id, @title, 'running', @concurrency, @postAt, @now, @now)`,
      ),
      insertItem: db.prepare(
        `INSERT INTO kol_batch_items (batch_id, idx, persona_id, topic, context, trigger_id, trigger_item, state)
         VALUES (@batchId, @idx, @personaId, @topic, @context, @triggerId, @triggerItem, 'waiting')`,
      ),
      batch: db.prepare('SELECT * FROM kol_batches WHERE id = ?'),
      list: db.prepare('SELECT * FROM kol_batches ORDER BY created_at DESC, id DESC LIMIT ?'),
      withWork: db.prepare("SELECT * FROM kol_batches WHERE state IN ('running', 'paused', 'canceled') AND finished_at IS NULL ORDER BY created_at"),
      setState: db.prepare('UPDATE kol_batches SET state = @to, updated_at = @now WHERE id = @id AND state = @from'),
      finish: db.prepare("UPDATE kol_batches SET state = CASE WHEN state = 'canceled' THEN 'canceled' ELSE 'finished' END, finished_at = @now, updated_at = @now WHERE id = @id AND finished_at IS NULL"),
      counts: db.prepare(
        `SELECT COUNT(*) AS items,
           COALESCE(SUM(state = 'succeeded'), 0) AS succeeded,
           COALESCE(SUM(state = 'failed'), 0) AS failed,
           COALESCE(SUM(state IN ('waiting', 'running')), 0) AS remaining,
           COALESCE(SUM(CASE WHEN state = 'running' THEN estimated_credits ELSE 0 END), 0) AS held
         FROM kol_batch_items WHERE batch_id = ?`,
      ),
      // The totals alone read only the (batch_id, state, idx) index, not the item rows: asked after every item.
      tally: db.prepare(
        `SELECT COUNT(*) AS items,
           COALESCE(SUM(state = 'succeeded'), 0) AS succeeded,
           COALESCE(SUM(state = 'failed'), 0) AS failed,
           COALESCE(SUM(state IN ('waiting', 'running')), 0) AS remaining
         FROM kol_batch_items WHERE batch_id = ?`,
      ),
      spent: db.prepare('SELECT COALESCE(SUM(j.actual_credits), 0) AS spent FROM kol_batch_items i JOIN jobs j ON j.id = i.job_id WHERE i.batch_id = ?'),
      running: db.prepare("SELECT COUNT(*) AS n FROM kol_batch_items WHERE batch_id = ? AND state = 'running'"),
      runningItems: db.prepare("SELECT * FROM kol_batch_items WHERE batch_id = ? AND state = 'running' ORDER BY idx"),
      byJob: db.prepare('SELECT * FROM kol_batch_items WHERE job_id = ?'),
      items: db.prepare(
        `SELECT i.*, k.nickname AS persona_nickname, p.title AS post_title
         FROM kol_batch_items i JOIN kol_personas k ON k.id = i.persona_id LEFT JOIN kol_posts p ON p.id = i.post_id
         WHERE i.batch_id = ? ORDER BY i.idx`,
      ),
      // One statement decides: the item still waiting, its batch running, and a slot free (another process may share the queue).
      claim: db.prepare(
        `UPDATE kol_batch_items SET state = 'running', estimated_credits = @credits, started_at = @now
         WHERE batch_id = @batchId AND idx = @idx AND state = 'waiting'
           AND (SELECT state FROM kol_batches WHERE id = @batchId) = 'running'
           AND (SELECT COUNT(*) FROM kol_batch_items WHERE batch_id = @batchId AND state = 'running') < @limit`,
      ),
      setJob: db.prepare('UPDATE kol_batch_items SET job_id = @jobId WHERE batch_id = @batchId AND idx = @idx'),
      succeed: db.prepare(
        "UPDATE kol_batch_items SET state = 'succeeded', post_id = @postId, attempts = @attempts, error = NULL, finished_at = @now WHERE batch_id = @batchId AND idx = @idx AND state = 'running'",
      ),
      end: db.prepare(
        "UPDATE kol_batch_items SET state = @to, attempts = @attempts, error = @error, finished_at = @now WHERE batch_id = @batchId AND idx = @idx AND state IN ('waiting', 'running')",
      ),
      cancelWaiting: db.prepare("UPDATE kol_batch_items SET state = 'canceled', finished_at = @now WHERE batch_id = @batchId AND state = 'waiting'"),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  insert(id: string, title: string, concurrency: number, postAt: number | null, items: BatchItemRequest[], now: number): void {
    this.store.transaction(() => {
      this.s.insertBatch!.run({ id, title, concurrency, postAt, now });
      items.forEach((item, idx) =>
        this.s.insertItem!.run({ batchId: id, idx, personaId: item.personaId, topic: item.topic, context: item.context, triggerId: item.triggerId, triggerItem: item.triggerItem }),
      );
    });
  }

  batch(id: string): BatchRow | undefined {
    return this.s.batch!.get(id) as BatchRow | undefined;
  }

  list(limit: number): BatchRow[] {
    return this.s.list!.all(limit) as BatchRow[];
  }

  /** Batches not yet ended: running and paused ones, and canceled ones whose running items have not stopped. */
  withWork(): BatchRow[] {
    return this.s.withWork!.all() as BatchRow[];
  }

  setState(id: string, from: BatchState, to: BatchState, now: number): boolean {
    return this.s.setState!.run({ id, from, to, now }).changes > 0;
  }

  /** Ends a batch once (finished, or canceled as it was); false when it had ended already. */
  finish(id: string, now: number): boolean {
    return this.s.finish!.run({ id, now }).changes > 0;
  }

  runningCount(batchId: string): number {
    return (this.s.running!.get(batchId) as { n: number }).n;
  }

  waiting(batchId: string, limit: number): ItemRow[] {
    return this.waitingItems(limit).all(batchId) as ItemRow[];
  }

  runningItems(batchId: string): ItemRow[] {
    return this.s.runningItems!.all(batchId) as ItemRow[];
  }

  itemByJob(jobId: string): ItemRow | undefined {
    return this.s.byJob!.get(jobId) as ItemRow | undefined;
  }

  /** Marks a waiting item running when its batch runs and has a free slot under `limit`; false otherwise. Call in the transaction that queues its job. */
  claim(batchId: string, idx: number, credits: number, limit: number, now: number): boolean {
    return this.s.claim!.run({ batchId, idx, credits, limit, now }).changes > 0;
  }

  setJob(batchId: string, idx: number, jobId: string): void {
    this.s.setJob!.run({ batchId, idx, jobId });
  }

  markSucceeded(batchId: string, idx: number, postId: string, attempts: number, now: number): boolean {
    return this.s.succeed!.run({ batchId, idx, postId, attempts, now }).changes > 0;
  }

  /** Ends a waiting or running item as failed (with why) or canceled. */
  markEnded(batchId: string, idx: number, to: 'failed' | 'canceled', attempts: number, error: Localized | null, now: number): boolean {
    return this.s.end!.run({ batchId, idx, to, attempts, error: error ? JSON.stringify(error) : null, now }).changes > 0;
  }

  cancelWaiting(batchId: string, now: number): number {
    return this.s.cancelWaiting!.run({ batchId, now }).changes;
  }

  totals(batchId: string): BatchTotals {
    const c = this.s.tally!.get(batchId) as Omit<Counts, 'held'>;
    const finished = c.succeeded + c.failed;
    return { items: c.items, succeeded: c.succeeded, failed: c.failed, remaining: c.remaining, percent: c.items ? Math.round((finished / c.items) * 1000) / 10 : 0 };
  }

  view(row: BatchRow): BatchView {
    const c = this.s.counts!.get(row.id) as Counts;
    return {
      id: row.id,
      title: row.title,
      state: row.state,
      concurrency: row.concurrency,
      totals: this.totals(row.id),
      creditsHeld: c.held,
      creditsSpent: (this.s.spent!.get(row.id) as { spent: number }).spent,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
    };
  }

  items(batchId: string): BatchItemView[] {
    return (this.s.items!.all(batchId) as (ItemRow & { persona_nickname: string; post_title: string | null })[]).map((r) => ({
      index: r.idx,
      personaId: r.persona_id,
      personaNickname: r.persona_nickname,
      topic: r.topic,
      state: r.state,
      attempts: r.attempts,
      jobId: r.job_id,
      postId: r.post_id,
      postTitle: r.post_title,
      error: r.error ? (JSON.parse(r.error) as Localized) : null,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
    }));
  }
}
