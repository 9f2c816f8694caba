import { QUEUES } from '../../shared/jobs/queues.js';
import { CLEANUP_TASKS } from '../../shared/api/lifecycle-contract.js';
import type { Store } from '../store/db.js';
import type { RunStore } from './runs.js';

/** Prometheus text exposition format, version 0.0.4. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Job duration buckets (seconds): a publish call takes under a second, a Director video many minutes. */
export const DURATION_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600] as const;

type Labels = Record<string, string>;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function sample(name: string, labels: Labels, value: number): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return `${name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${Number.isFinite(value) ? value : 0}`;
}

function family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string, lines: string[]): string {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...lines].join('\n');
}

/**
 * The engine's numbers for a scraper, read from the database at each
 * scrape (the counters are what the jobs and cleanup tables hold, so they
 * survive restarts and count the work of every process sharing the queue).
 */
export function renderMetrics(store: Store, runs: RunStore): string {
  const db = store.sqlite;
  const byQueue = (name: string, status: string) => {
    const counts = new Map((db.prepare('SELECT queue, COUNT(*) AS n FROM jobs WHERE status = ? GROUP BY queue').all(status) as Array<{ queue: string; n: number }>).map((r) => [r.queue, r.n]));
    return QUEUES.map((q) => sample(name, { queue: q }, counts.get(q) ?? 0));
  };
  const depth = byQueue('kingjam_queue_depth', 'queued');
  const running = byQueue('kingjam_jobs_running', 'running');

  const bucketSums = DURATION_BUCKETS.map((b, i) => `SUM(CASE WHEN d <= ${b} THEN 1 ELSE 0 END) AS b${i}`).join(', ');
  const durations = db
    .prepare(
      `SELECT kind, COUNT(*) AS n, SUM(d) AS total, ${bucketSums} FROM (
         SELECT kind, MAX(0, finished_at - started_at) / 1000.0 AS d FROM jobs
         WHERE status IN ('succeeded', 'failed') AND started_at IS NOT NULL AND finished_at IS NOT NULL
       ) GROUP BY kind ORDER BY kind`,
    )
    .all() as Array<{ kind: string; n: number; total: number | null } & Partial<Record<`b${number}`, number>>>;
  const histogram: string[] = [];
  for (const row of durations) {
    DURATION_BUCKETS.forEach((b, i) => histogram.push(sample('kingjam_job_duration_seconds_bucket', { kind: row.kind, le: String(b) }, row[`b${i}`] ?? 0)));
    histogram.push(sample('kingjam_job_duration_seconds_bucket', { kind: row.kind, le: '+Inf' }, row.n));
    histogram.push(sample('kingjam_job_duration_seconds_sum', { kind: row.kind }, row.total ?? 0));
    histogram.push(sample('kingjam_job_duration_seconds_count', { kind: row.kind }, row.n));
  }

  const failures = (db.prepare("SELECT COALESCE(error_code, 'UNKNOWN') AS code, COUNT(*) AS n FROM jobs WHERE status = 'failed' GROUP BY 1 ORDER BY 1").all() as Array<{ code: string; n: number }>).map((r) =>
    sample('kingjam_job_failures_total', { code: r.code }, r.n),
  );
  const credits = (db.prepare("SELECT COALESCE(SUM(actual_credits), 0) AS c FROM jobs WHERE status = 'succeeded'").get() as { c: number }).c;

  const totals = new Map(runs.totals().map((t) => [t.task, t]));
  const cleanup = (field: 'runs' | 'bytes' | 'deleted', name: string) => CLEANUP_TASKS.map((task) => sample(name, { task }, totals.get(task)?.[field] ?? 0));

  return (
    [
      family('kingjam_queue_depth', 'gauge', 'Jobs waiting in each queue.', depth),
      family('kingjam_jobs_running', 'gauge', 'Jobs running now in each queue.', running),
      family('kingjam_job_duration_seconds', 'histogram', 'How long finished jobs ran (last attempt), by job kind.', histogram),
      family('kingjam_job_failures_total', 'counter', 'Jobs that ended failed, by error code.', failures),
      family('kingjam_credits_spent_total', 'counter', 'Credits spent: the actual credits of succeeded jobs.', [sample('kingjam_credits_spent_total', {}, credits)]),
      family('kingjam_cleanup_runs_total', 'counter', 'Finished cleanup runs, by task.', cleanup('runs', 'kingjam_cleanup_runs_total')),
      family('kingjam_cleanup_items_removed_total', 'counter', 'Library items and temp entries removed by cleanup runs, by task.', cleanup('deleted', 'kingjam_cleanup_items_removed_total')),
      family('kingjam_cleanup_bytes_freed_total', 'counter', 'Bytes freed by cleanup runs, by task.', cleanup('bytes', 'kingjam_cleanup_bytes_freed_total')),
    ].join('\n') + '\n'
  );
}
