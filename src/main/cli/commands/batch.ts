import type { UsageEntry } from '../../../shared/cli/help/index.js';
import { say } from '../../../shared/messages.js';
import { batchText } from '../../../shared/batch/text.js';
import { cliText } from '../../../shared/cli/text.js';
import { StudioError } from '../../../shared/errors.js';
import { loadJobFile, outputFolder } from '../../batch/file.js';
import { JsonReporter, TextReporter } from '../../batch/progress.js';
import { runBatch } from '../../batch/runner.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag, usageLines, usageSaid } from '../args.js';
import { type CliIo, cliLanguage } from '../context.js';

export const BATCH_USAGE: UsageEntry[] = [
  { syntax: 'kingjam batch run FILE [--out DIR] [--yes | --max-credits N] [--dry-run] [--retry-failed] [--only ID[,ID…] …] [--parallel N] [--json]', about: 'help.batch.run' },
];

/** `--only a b c` (ids up to the next flag) and `--only a,b`: the ids, and the other arguments. */
function takeOnly(argv: string[]): { only: string[] | undefined; rest: string[] } {
  const at = argv.indexOf('--only');
  if (at === -1) return { only: undefined, rest: argv };
  let end = at + 1;
  while (end < argv.length && !argv[end]!.startsWith('--')) end++;
  const only = argv.slice(at + 1, end).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
  if (only.length === 0) throw usageSaid(say('cli.needsIds', { command: '--only' }));
  return { only, rest: [...argv.slice(0, at), ...argv.slice(end)] };
}

/** `kingjam batch run FILE …` (docs/batch.md). */
export async function batchCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [sub, ...tail] = argv;
  if (sub !== 'run') throw usageLines(BATCH_USAGE);
  const { only, rest } = takeOnly(tail);
  const args = parseArgs(rest, ['json', 'yes', 'dry-run', 'retry-failed']);
  const path = args.positionals[0];
  if (!path || args.positionals.length > 1) throw usageLines(BATCH_USAGE);
  const language = cliLanguage(studio);
  const json = args.flags.has('json');
  const reporter = json ? new JsonReporter(language, io) : new TextReporter(language, io);
  const maxCredits = intFlag(args, 'max-credits', 0, 1_000_000_000);
  const parallel = intFlag(args, 'parallel', 1, 64) ?? 4;
  const outFlag = stringFlag(args, 'out');
  const stop = new AbortController();
  // Ctrl-C: no new item starts; running work is checkpointed when the studio closes (the queue's stop()) and resumes on the next run.
  const onSignal = (): void => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const loaded = loadJobFile(path);
    if (!loaded.ok) {
      reporter.problems(loaded.path, loaded.problems);
      return 2;
    }
    const outDir = outputFolder(loaded.file, outFlag);
    return await runBatch(studio, loaded.file, { outDir, yes: args.flags.has('yes'), maxCredits, retryFailed: args.flags.has('retry-failed'), only, parallel, dryRun: args.flags.has('dry-run') }, reporter, stop.signal);
  } catch (err) {
    // This area's refusals in the user's language; anything else as every command prints it.
    if (!(err instanceof StudioError) || !err.key?.startsWith('batch.')) throw err;
    const key = `msg.${err.key}`;
    io.err(cliText.say(language, 'cli.line.error', { message: batchText.has(key) ? batchText.say(language, key, err.params) : err.message }));
    const hint = `${key}.hint`;
    if (batchText.has(hint)) io.err(cliText.say(language, 'cli.line.whatToDo', { hint: batchText.say(language, hint, err.params) }));
    // Each of them (no such file, too large, paid work without --yes, --only naming no item) stops the run before anything starts.
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
