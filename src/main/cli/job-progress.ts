import type { JobView } from '../../shared/jobs/model.js';
import type { Language } from '../../shared/settings.js';
import { barText } from '../../shared/cli/bar-text.js';
import type { Studio } from '../studio.js';
import { cliLanguage } from './context.js';
import { endedWithout } from './exit-code.js';
import { lookup, printError } from './error-lines.js';
import { ProgressBar } from './progress.js';
import { describeProgress, NOTICE_LABELS, parseProgressLabel } from '../../shared/progress-labels.js';

/** A job's progress text or held reason in `language` (its label's text; older free text as it is). */
export function progressSaid(text: string, language: Language): string {
  const label = parseProgressLabel(text);
  return (label ? lookup(language, `progress.${label.key}`, label.params) : null) ?? describeProgress(text);
}

/** A job's notice (a model replaced) as a line of its own in `language`, or null for plain progress. */
export function noticeLine(message: string | null | undefined, language: Language): string | null {
  const label = message ? parseProgressLabel(message) : null;
  return label && message && NOTICE_LABELS.has(label.key) ? barText.say(language, 'cli.bar.notice', { text: progressSaid(message, language) }) : null;
}

/** Waits for one job, drawing its progress under `label` (already in the user's language); the bar is left out with --json. */
export async function waitWithProgress(studio: Studio, job: JobView, label: string, quiet: boolean): Promise<JobView> {
  const language = cliLanguage(studio);
  const bar = quiet ? null : new ProgressBar(label);
  bar?.update(0, 1, job.heldReason ? progressSaid(job.heldReason, language) : barText.say(language, 'cli.bar.queued'));
  const offProgress = studio.events.on('job.progress', (p) => {
    if (p.id !== job.id) return;
    const notice = noticeLine(p.message, language);
    if (notice) bar?.log(notice);
    bar?.update(p.progress, 1, p.message ? progressSaid(p.message, language) : '');
  });
  const offUpdate = studio.events.on('job.updated', (j) => {
    if (j.id !== job.id) return;
    if (j.status === 'queued' && j.error) bar?.log(barText.say(language, 'cli.bar.retrying', { n: j.attempts, message: lookupMessage(j.error, language) }));
    else if (j.status === 'queued' && j.heldReason) bar?.update(0, 1, progressSaid(j.heldReason, language));
  });
  try {
    const done = await studio.jobs.waitFor(job.id);
    if (done.status === 'succeeded') bar?.update(1, 1, barText.say(language, 'cli.bar.done'));
    bar?.finish();
    return done;
  } finally {
    offProgress();
    offUpdate();
  }
}

/** An error's sentence in `language` (its key's text, else its English message). */
function lookupMessage(error: NonNullable<JobView['error']>, language: Language): string {
  return (error.key && language !== 'en' ? lookup(language, `msg.${error.key}`, error.params) : null) ?? error.message;
}

/** Prints a finished job that did not succeed the way every failure prints (in `language`); its exit code. */
export function reportFailure(job: JobView, io: { err: (line: string) => void; out: (line: string) => void }, language: Language): number {
  printError(io, job.error ?? endedWithout(job.status, 'job'), language);
  return 1;
}
