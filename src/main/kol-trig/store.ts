import type BetterSqlite3 from 'better-sqlite3';
import type { Localized } from '../../shared/messages.js';
import { webhookPath, type KolScheduleView, type KolTriggerRunView, type RunOutcome, type ScheduleSettings, type TriggerConfig } from '../../shared/kol/triggers.js';
import type { Store } from '../store/db.js';

/**
 * Schedules (migration 8) as prepared statements. The items a run takes are
 * inserted with the run's row in one transaction, and the UNIQUE key on
 * (schedule, item) makes a second claim of the same item take nothing — two
 * processes sharing the database (the desktop and `kingjam serve`) never
 * both fire one feed item.
 */
export interface ScheduleRow {
  id: string;
  title: string;
  description: string;
  trigger_type: TriggerConfig['type'];
  trigger_config: string;
  kol_allocation: ScheduleSettings['allocation'];
  persona_ids: string;
  posts_per_run: number;
  rr_cursor: number;
  post_time: string | null;
  status: ScheduleSettings['status'];
  created_at: number;
  updated_at: number;
  last_executed_at: number | null;
  next_execution_at: number | null;
  last_checked_at: number | null;
  execution_count: number;
  success_count: number;
  error_count: number;
  last_error: string | null;
  last_value: number | null;
  condition_met: number;
}

interface RunRow {
  id: string;
  schedule_id: string;
  at: number;
  outcome: RunOutcome;
  items: string;
  batch_id: string | null;
  error: string | null;
}

export interface PersonaExpertise {
  id: string;
  expertiseAreas: string[];
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export class TriggerStore {
  private readonly s: Record<string, BetterSqlite3.Statement>;

  constructor(readonly store: Store) {
    const db = store.sqlite;
    this.s = {
      insert: db.prepare(
        `INSERT INTO kol_schedules (id, title, description, trigger_type, trigger_config, kol_allocation, persona_ids, posts_per_run, post_time, status,
           created_at, updated_at, next_execution_at)
         VALUES (@id, @title, @description, @triggerType, @triggerConfig, @allocation, @personaIds, @postsPerRun, @postTime, @status, @now, @now, @next)`,
      ),
      update: db.prepare(
        `UPDATE kol_schedules SET title = @title, description = @description, trigger_type = @triggerType, trigger_config = @triggerConfig,
           kol_allocation = @allocation, persona_ids = @personaIds, posts_per_run = @postsPerRun, post_time = @postTime, status = @status,
           updated_at = @now, next_execution_at = @next, last_value = CASE WHEN @resetThreshold THEN NULL ELSE last_value END,
           condition_met = CASE WHEN @resetThreshold THEN 0 ELSE condition_met END
         WHERE id = @id`,
      ),
      get: db.prepare('SELECT * FROM kol_schedules WHERE id = ?'),
      list: db.prepare('SELECT * FROM kol_schedules ORDER BY created_at DESC, id'),
      due: db.prepare("SELECT * FROM kol_schedules WHERE status = 'active' AND next_execution_at IS NOT NULL AND next_execution_at <= ? ORDER BY next_execution_at, id"),
      nextDue: db.prepare("SELECT MIN(next_execution_at) AS at FROM kol_schedules WHERE status = 'active' AND next_execution_at IS NOT NULL"),
      setStatus: db.prepare('UPDATE kol_schedules SET status = @status, next_execution_at = @next, updated_at = @now WHERE id = @id'),
      setNext: db.prepare('UPDATE kol_schedules SET next_execution_at = @next, last_checked_at = @now WHERE id = @id'),
      remove: db.prepare('DELETE FROM kol_schedules WHERE id = ?'),
      used: db.prepare('SELECT 1 FROM kol_trigger_items WHERE schedule_id = ? AND item_key = ?'),
      claim: db.prepare('INSERT OR IGNORE INTO kol_trigger_items (schedule_id, item_key, run_id, used_at) VALUES (?, ?, ?, ?)'),
      release: db.prepare('DELETE FROM kol_trigger_items WHERE run_id = ?'),
      insertRun: db.prepare("INSERT INTO kol_trigger_runs (id, schedule_id, at, outcome, items, batch_id, error) VALUES (?, ?, ?, 'starting', ?, NULL, NULL)"),
      endRun: db.prepare('UPDATE kol_trigger_runs SET outcome = @outcome, batch_id = @batchId, error = @error WHERE id = @id'),
      runs: db.prepare('SELECT * FROM kol_trigger_runs WHERE schedule_id = ? ORDER BY at DESC, id LIMIT ?'),
      getRun: db.prepare('SELECT * FROM kol_trigger_runs WHERE id = ?'),
      countRun: db.prepare('UPDATE kol_schedules SET execution_count = execution_count + 1, last_executed_at = @now, rr_cursor = @cursor WHERE id = @id'),
      succeeded: db.prepare('UPDATE kol_schedules SET success_count = success_count + 1, last_error = NULL WHERE id = ?'),
      failed: db.prepare('UPDATE kol_schedules SET error_count = error_count + 1, last_error = ? WHERE id = ?'),
      checkFailed: db.prepare(
        'UPDATE kol_schedules SET execution_count = execution_count + 1, error_count = error_count + 1, last_executed_at = @now, last_error = @error WHERE id = @id',
      ),
      setThreshold: db.prepare('UPDATE kol_schedules SET last_value = @value, condition_met = @met WHERE id = @id'),
      putSample: db.prepare('INSERT INTO kol_trigger_samples (schedule_id, bucket, value, at) VALUES (?, ?, ?, ?) ON CONFLICT (schedule_id, bucket) DO UPDATE SET value = excluded.value, at = excluded.at'),
      samplesBefore: db.prepare('SELECT value FROM kol_trigger_samples WHERE schedule_id = ? AND bucket <> ? ORDER BY at DESC LIMIT ?'),
      pruneSamples: db.prepare(
        'DELETE FROM kol_trigger_samples WHERE schedule_id = @id AND bucket NOT IN (SELECT bucket FROM kol_trigger_samples WHERE schedule_id = @id ORDER BY at DESC LIMIT @keep)',
      ),
      personas: db.prepare('SELECT id, settings FROM kol_personas WHERE archived_at IS NULL'),
    };
  }

  insert(id: string, settings: ScheduleSettings, next: number | null, now: number): void {
    this.s.insert!.run({ id, now, next, ...columns(settings) });
  }

  /** Saves new settings; a changed trigger forgets a threshold's last value (its crossing state was about the old one). */
  update(id: string, settings: ScheduleSettings, next: number | null, now: number, resetThreshold: boolean): void {
    this.s.update!.run({ id, now, next, resetThreshold: resetThreshold ? 1 : 0, ...columns(settings) });
  }

  get(id: string): ScheduleRow | undefined {
    return this.s.get!.get(id) as ScheduleRow | undefined;
  }

  list(): ScheduleRow[] {
    return this.s.list!.all() as ScheduleRow[];
  }

  due(now: number): ScheduleRow[] {
    return this.s.due!.all(now) as ScheduleRow[];
  }

  nextDue(): number | null {
    return (this.s.nextDue!.get() as { at: number | null }).at;
  }

  setStatus(id: string, status: ScheduleSettings['status'], next: number | null, now: number): void {
    this.s.setStatus!.run({ id, status, next, now });
  }

  setNext(id: string, next: number | null, now: number): void {
    this.s.setNext!.run({ id, next, now });
  }

  remove(id: string): boolean {
    return this.s.remove!.run(id).changes > 0;
  }

  isUsed(scheduleId: string, key: string): boolean {
    return this.s.used!.get(scheduleId, key) !== undefined;
  }

  /**
   * Records a run that takes `keys`: claims each (one another run already
   * claimed is left out), counts the execution and moves the round-robin
   * position, in one transaction. Null when every item was already taken.
   */
  beginRun(scheduleId: string, runId: string, keys: readonly string[], cursor: number, now: number): string[] | null {
    return this.store.transaction(() => {
      const claimed = keys.filter((key) => this.s.claim!.run(scheduleId, key, runId, now).changes > 0);
      if (claimed.length === 0) return null;
      this.s.insertRun!.run(runId, scheduleId, now, JSON.stringify(claimed));
      this.s.countRun!.run({ id: scheduleId, now, cursor });
      return claimed;
    });
  }

  /** The batch started: the run is a success. */
  runStarted(scheduleId: string, runId: string, batchId: string): void {
    this.store.transaction(() => {
      this.s.endRun!.run({ id: runId, outcome: 'started', batchId, error: null });
      this.s.succeeded!.run(scheduleId);
    });
  }

  /** The batch did not start: the run is an error, and its items are given back so a later run can take them. */
  runFailed(scheduleId: string, runId: string, error: Localized): void {
    this.store.transaction(() => {
      this.s.endRun!.run({ id: runId, outcome: 'failed', batchId: null, error: JSON.stringify(error) });
      this.s.release!.run(runId);
      this.s.failed!.run(JSON.stringify(error), scheduleId);
    });
  }

  /** A check that could not be made (a malformed feed, a JSON URL that failed): an execution and an error, no run. */
  checkFailed(scheduleId: string, error: Localized, now: number): void {
    this.s.checkFailed!.run({ id: scheduleId, error: JSON.stringify(error), now });
  }

  run(id: string): KolTriggerRunView | null {
    const row = this.s.getRun!.get(id) as RunRow | undefined;
    return row ? runView(row) : null;
  }

  runs(scheduleId: string, limit = 20): KolTriggerRunView[] {
    return (this.s.runs!.all(scheduleId, limit) as RunRow[]).map(runView);
  }

  setThreshold(scheduleId: string, value: number, met: boolean): void {
    this.s.setThreshold!.run({ id: scheduleId, value, met: met ? 1 : 0 });
  }

  /** Keeps `value` as the bucket's sample (a day's last value replaces its earlier ones) and at most `keep` buckets. */
  putSample(scheduleId: string, bucket: string, value: number, at: number, keep: number): void {
    this.store.transaction(() => {
      this.s.putSample!.run(scheduleId, bucket, value, at);
      this.s.pruneSamples!.run({ id: scheduleId, keep });
    });
  }

  /** The latest `limit` samples other than the current bucket's, newest first. */
  samplesBefore(scheduleId: string, bucket: string, limit: number): number[] {
    return (this.s.samplesBefore!.all(scheduleId, bucket, limit) as { value: number }[]).map((r) => r.value);
  }

  /** Live personas and their expertise areas (archived ones never write). */
  personas(): Map<string, PersonaExpertise> {
    const rows = this.s.personas!.all() as { id: string; settings: string }[];
    return new Map(rows.map((r) => [r.id, { id: r.id, expertiseAreas: (JSON.parse(r.settings) as { expertiseAreas?: string[] }).expertiseAreas ?? [] }]));
  }
}

function columns(settings: ScheduleSettings): Record<string, unknown> {
  return {
    title: settings.title,
    description: settings.description,
    triggerType: settings.trigger.type,
    triggerConfig: JSON.stringify(settings.trigger),
    allocation: settings.allocation,
    personaIds: JSON.stringify(settings.personaIds),
    postsPerRun: settings.postsPerRun,
    postTime: settings.postTime ? JSON.stringify(settings.postTime) : null,
    status: settings.status,
  };
}

export function scheduleSettings(row: ScheduleRow): ScheduleSettings {
  return {
    title: row.title,
    description: row.description,
    trigger: JSON.parse(row.trigger_config) as TriggerConfig,
    allocation: row.kol_allocation,
    personaIds: JSON.parse(row.persona_ids) as string[],
    postsPerRun: row.posts_per_run,
    postTime: parse<ScheduleSettings['postTime']>(row.post_time),
    status: row.status,
  };
}

export function scheduleView(row: ScheduleRow): KolScheduleView {
  return {
    id: row.id,
    ...scheduleSettings(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastExecutedAt: row.last_executed_at,
    nextExecutionAt: row.status === 'active' ? row.next_execution_at : null,
    lastCheckedAt: row.last_checked_at,
    executionCount: row.execution_count,
    successCount: row.success_count,
    errorCount: row.error_count,
    lastError: parse<Localized>(row.last_error),
    webhookPath: row.trigger_type === 'custom' ? webhookPath(row.id) : null,
  };
}

function runView(row: RunRow): KolTriggerRunView {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    at: row.at,
    outcome: row.outcome,
    items: JSON.parse(row.items) as string[],
    batchId: row.batch_id,
    error: parse<Localized>(row.error),
  };
}
