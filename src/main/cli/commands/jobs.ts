import { JOBS_USAGE } from '../usage.js';
import { say } from '../../../shared/messages.js';
import { JOB_STATUSES, type JobStatus, type JobView } from '../../../shared/jobs/model.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag, notOneOf, usageSaid, usageLines } from '../args.js';
import { cliLanguage, type CliIo } from '../context.js';
import { cliLines } from '../../../shared/cli/lines.js';
import type { Language } from '../../../shared/settings.js';
import { localisedError } from '../error-lines.js';
import { progressSaid } from '../job-progress.js';
import { padColumns } from '../progress.js';
import { cliRunText } from '../../../shared/cli/run-text.js';
import { jobTitleIn } from '../../../shared/jobs/titles.js';

/** A job's row in `language`: its status, queue and title said in it (the columns padded by display width, for CJK). */
function line(job: JobView, language: Language): string {
  const pct = `${Math.round(job.progress * 100)}%`.padStart(4);
  const error = job.error ? `  ${job.error.code}: ${localisedError(job.error, language).message}` : '';
  const held = job.heldReason ? `  (${progressSaid(job.heldReason, language)})` : '';
  const status = padColumns(cliRunText.say(language, `cli.job.status.${job.status}`), 9);
  const queue = padColumns(cliRunText.say(language, `cli.job.queue.${job.queue}`), 7);
  return `${job.id}  ${status} ${pct}  ${queue} ${jobTitleIn(job, language)}${error}${held}`;
}

/** `kingjam jobs list|retry ID|cancel ID|run` */
export async function jobsCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, ['json', 'until-idle']);
  const json = args.flags.has('json');
  switch (sub) {
    case 'list': {
      const status = stringFlag(args, 'status');
      if (status && !(JOB_STATUSES as readonly string[]).includes(status)) {
        throw notOneOf('status', JOB_STATUSES);
      }
      const page = await studio.jobs.list({ status: status as JobStatus | undefined, limit: intFlag(args, 'limit', 1, 500) ?? 50 });
      if (json) io.out(JSON.stringify(page.items));
      else if (page.items.length === 0) io.out(cliLines.say(cliLanguage(studio), 'cli.out.noJobs'));
      else for (const job of page.items) io.out(line(job, cliLanguage(studio)));
      return 0;
    }
    case 'retry':
    case 'cancel': {
      const id = args.positionals[0];
      if (!id) throw usageSaid(say('cli.needsId', { command: `kingjam jobs ${sub}`, list: 'kingjam jobs list' }));
      const job = sub === 'retry' ? await studio.jobs.retry(id) : await studio.jobs.cancel(id);
      io.out(json ? JSON.stringify(job) : line(job, cliLanguage(studio)));
      return 0;
    }
    case 'run': {
      // Work the queue in the foreground (a headless box, or jobs left by a closed app).
      const untilIdle = args.flags.has('until-idle');
      io.err(cliLines.say(cliLanguage(studio), 'cli.out.workingQueue'));
      await new Promise<void>((resolve) => {
        const check = setInterval(async () => {
          const counts = await studio.jobs.counts();
          if (untilIdle && counts.queued === 0 && counts.running === 0) {
            clearInterval(check);
            resolve();
          }
        }, 200);
        process.once('SIGINT', () => {
          clearInterval(check);
          resolve();
        });
        process.once('SIGTERM', () => {
          clearInterval(check);
          resolve();
        });
      });
      return 0;
    }
    default:
      throw usageLines(JOBS_USAGE);
  }
}
