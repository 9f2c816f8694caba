import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StudioError } from '../../shared/errors.js';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import type { JobContext } from '../context.js';
import { progressLabel } from '../../shared/progress-labels.js';

/** When this module was loaded (epoch ms): the tests see from it whether a worker loaded its handler before its first job. */
const loadedAt = Date.now();

/**
 * Diagnostic jobs: `kingjam doctor` checks the worker round trip with
 * diag.noop, the job benchmark measures dispatch overhead with it, and the
 * job-system tests drive crashes, resumes and failures with the others.
 */
export async function noop(_payload: JobPayload<'diag.noop'>): Promise<JobResults['diag.noop']> {
  return { pid: process.pid, handlerLoadedAt: loadedAt };
}

export async function steps(payload: JobPayload<'diag.steps'>, ctx: JobContext): Promise<JobResults['diag.steps']> {
  const saved = ctx.checkpoint as { done?: unknown } | null;
  const resumedFrom = typeof saved?.done === 'number' ? saved.done : 0;
  if (payload.outDir) await fs.mkdir(payload.outDir, { recursive: true });
  for (let i = resumedFrom; i < payload.steps; i++) {
    await sleep(payload.stepMs, undefined, { signal: ctx.signal });
    if (payload.outDir) await fs.writeFile(path.join(payload.outDir, `step-${i}`), `${ctx.attempt}`);
    ctx.progress((i + 1) / payload.steps, progressLabel('step', { step: i + 1, steps: payload.steps }), { done: i + 1 });
  }
  return { steps: payload.steps, resumedFrom };
}

export async function fail(payload: JobPayload<'diag.fail'>, ctx: JobContext): Promise<never> {
  throw new StudioError({
    code: 'INTERNAL',
    message: `${payload.message} (attempt ${ctx.attempt})`,
    retryable: payload.retryable,
  });
}
