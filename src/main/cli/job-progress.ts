import type { JobView } from '../../shared/jobs/model.js';
import type { Studio } from '../studio.js';
import { ProgressBar } from './progress.js';
import { describeProgress, NOTICE_LABELS, parseProgressLabel } from '../../shared/progress-labels.js';

/** A job's notice (a model replaced) as a line of its own, or null for plain progress. */
export function noticeLine(message: string | null | undefined): string | null {
  const label = message ? parseProgressLabel(message) : null;
  return label && NOTICE_LABELS.has(label.key) ? `notice: ${describeProgress(message ?? '')}` : null;
}

/** Waits for one job, drawing its progress; the bar is left out with --json. */
export async function waitWithProgress(studio: Studio, job: JobView, label: string, quiet: boolean): Promise<JobView> {
  const bar = quiet ? null : new ProgressBar(label);
  bar?.update(0, 1, job.heldReason ? describeProgress(job.heldReason) : 'queued');
  const offProgress = studio.events.on('job.progress', (p) => {
    if (p.id !== job.id) return;
    const notice = noticeLine(p.message);
    if (notice) bar?.log(notice);
    bar?.update(p.progress, 1, p.message ? describeProgress(p.message) : '');
  });
  const offUpdate = studio.events.on('job.updated', (j) => {
    if (j.id !== job.id) return;
    if (j.status === 'queued' && j.error) bar?.log(`attempt ${j.attempts} failed: ${j.error.message} — retrying`);
    else if (j.status === 'queued' && j.heldReason) bar?.update(0, 1, describeProgress(j.heldReason));
  });
  try {
    const done = await studio.jobs.waitFor(job.id);
    if (done.status === 'succeeded') bar?.update(1, 1, 'done');
    bar?.finish();
    return done;
  } finally {
    offProgress();
    offUpdate();
  }
}

/** The exit code and message for a finished job that did not succeed. */
export function reportFailure(job: JobView, err: (line: string) => void): number {
  err(`error: ${job.error?.message ?? `the job was ${job.status}`}`);
  if (job.error?.hint) err(`what to do: ${job.error.hint}`);
  return 1;
}
