import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge } from '../helpers/bridge.js';
import { until } from '../helpers/studio.js';
import { parsePromText, valueOf } from './prom-text.js';

let ctx: Awaited<ReturnType<typeof startTestBridge>>;

beforeAll(async () => {
  ctx = await startTestBridge();
});
afterAll(async () => {
  await ctx.close();
});

const scrape = (headers: Record<string, string> = { authorization: `Bearer ${ctx.bridge.token}` }) => fetch(`${ctx.base}/metrics`, { headers });

describe('/metrics on the web bridge', () => {
  it('refuses a scrape without the bridge token, or with another one', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer not-the-token' })).status).toBe(401);
    expect((await scrape({ authorization: ctx.bridge.token })).status).toBe(401);
    const body = (await (await scrape({})).json()) as { error: { code: string } };
    expect(body.error.code).toBe('UNAUTHORIZED');
  });

  it('reports queue depth, running jobs, durations, failures, credits and cleanups after real jobs', async () => {
    const { studio } = ctx;
    const noops = await Promise.all([1, 2, 3].map(() => studio.jobs.enqueue('diag.noop', {})));
    const failed = await studio.jobs.enqueue('diag.fail', { message: 'on purpose', retryable: false });
    for (const j of [...noops, failed]) await studio.jobs.waitFor(j.id);
    // One video job running (the video queue runs one at a time) and one waiting behind it.
    const long = await studio.jobs.enqueue('diag.steps', { steps: 400, stepMs: 50 }, { queue: 'video' });
    const waiting = await studio.jobs.enqueue('diag.steps', { steps: 1, stepMs: 0 }, { queue: 'video' });
    await until(async () => (await studio.jobs.get(long.id))?.status === 'running', 'the video job to start');

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const m = parsePromText(await res.text());
    expect([...m.keys()]).toEqual([
      'kingjam_queue_depth', 'kingjam_jobs_running', 'kingjam_job_duration_seconds', 'kingjam_job_failures_total',
      'kingjam_credits_spent_total', 'kingjam_cleanup_runs_total', 'kingjam_cleanup_items_removed_total', 'kingjam_cleanup_bytes_freed_total',
    ]);
    expect(m.get('kingjam_job_duration_seconds')?.type).toBe('histogram');
    expect(valueOf(m, 'kingjam_jobs_running', { queue: 'video' })).toBe(1);
    expect(valueOf(m, 'kingjam_queue_depth', { queue: 'video' })).toBe(1);
    expect(valueOf(m, 'kingjam_jobs_running', { queue: 'default' })).toBe(0);
    expect(valueOf(m, 'kingjam_queue_depth', { queue: 'high' })).toBe(0);
    expect(valueOf(m, 'kingjam_job_duration_seconds_count', { kind: 'diag.noop' })).toBe(3);
    expect(valueOf(m, 'kingjam_job_duration_seconds_bucket', { kind: 'diag.noop', le: '+Inf' })).toBe(3);
    expect(valueOf(m, 'kingjam_job_duration_seconds_count', { kind: 'diag.fail' })).toBe(1);
    const rows = studio.store.sqlite.prepare("SELECT (finished_at - started_at) / 1000.0 AS d FROM jobs WHERE kind = 'diag.noop'").all() as Array<{ d: number }>;
    expect(valueOf(m, 'kingjam_job_duration_seconds_sum', { kind: 'diag.noop' })).toBeCloseTo(rows.reduce((s, r) => s + r.d, 0), 6);
    expect(valueOf(m, 'kingjam_job_duration_seconds_bucket', { kind: 'diag.noop', le: '60' })).toBe(rows.filter((r) => r.d <= 60).length);
    expect(valueOf(m, 'kingjam_job_failures_total', { code: 'INTERNAL' })).toBe(1);
    expect(valueOf(m, 'kingjam_credits_spent_total')).toBe(0);
    // The start pass of both cleanups ran and is counted; nothing was there to free.
    expect(valueOf(m, 'kingjam_cleanup_runs_total', { task: 'retention' })).toBe(1);
    expect(valueOf(m, 'kingjam_cleanup_runs_total', { task: 'temp' })).toBe(1);
    expect(valueOf(m, 'kingjam_cleanup_bytes_freed_total', { task: 'temp' })).toBe(0);

    await studio.jobs.cancel(long.id);
    await studio.jobs.waitFor(waiting.id);
    // A job's charge is written to its row when the gateway's capture is read (settlement); here two succeeded jobs' rows as it writes them.
    studio.store.sqlite.prepare('UPDATE jobs SET actual_credits = ? WHERE id = ?').run(7, noops[0]!.id);
    studio.store.sqlite.prepare('UPDATE jobs SET actual_credits = ? WHERE id = ?').run(5, waiting.id);
    studio.store.sqlite.prepare('UPDATE jobs SET actual_credits = ? WHERE id = ?').run(100, failed.id); // a failed job costs nothing
    const after = parsePromText(await (await scrape()).text());
    expect(valueOf(after, 'kingjam_credits_spent_total')).toBe(12);
    expect(valueOf(after, 'kingjam_jobs_running', { queue: 'video' })).toBe(0);
    expect(valueOf(after, 'kingjam_queue_depth', { queue: 'video' })).toBe(0);
    expect(valueOf(after, 'kingjam_job_duration_seconds_count', { kind: 'diag.steps' })).toBe(1);
  });

  it('the strict reader refuses what breaks the format', () => {
    expect(() => parsePromText('# TYPE a counter\na 1\n')).toThrow(/HELP/);
    expect(() => parsePromText('# HELP a x\n# TYPE a counter\na 1\n')).toThrow(/_total/);
    expect(() => parsePromText('# HELP a_total x\n# TYPE a_total counter\na_total{x="1} 1\n')).toThrow(/labels/);
    expect(() => parsePromText('# HELP h x\n# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n')).toThrow(/cumulative/);
    expect(() => parsePromText('# HELP g x\n# TYPE g gauge\ng 1')).toThrow(/newline/);
  });
});
