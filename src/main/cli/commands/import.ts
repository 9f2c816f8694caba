import type { ErrorInfo } from '../../../shared/errors.js';
import { localisedError } from '../error-lines.js';
import { say } from '../../../shared/messages.js';
import type { ImportOutcome } from '../../../shared/library.js';
import { ANY_PATH } from '../../client-files.js';
import type { Studio } from '../../studio.js';
import { parseArgs, usageSaid } from '../args.js';
import { type CliIo, cliLanguage } from '../context.js';
import { cliLines } from '../../../shared/cli/lines.js';
import { ProgressBar } from '../progress.js';

export interface ImportSummary {
  added: number;
  duplicates: number;
  failed: { path: string; code: string; message: string }[];
  assetIds: string[];
}

/** Imports files and waits for each probe job, with a progress bar. */
export async function importAndWait(studio: Studio, paths: string[], io: CliIo, quiet = false): Promise<ImportSummary> {
  const outcomes = await studio.library.import(paths, ANY_PATH);
  const summary: ImportSummary = { added: 0, duplicates: 0, failed: [], assetIds: [] };
  const language = cliLanguage(studio);
  const bar = quiet ? null : new ProgressBar(cliLines.say(language, 'cli.out.importing'));
  const said = (error: ErrorInfo) => localisedError(error, language);
  const pending = outcomes.filter((o): o is ImportOutcome & { jobId: string } => o.status === 'added' && Boolean(o.jobId));
  for (const o of outcomes) {
    if (o.status === 'duplicate') {
      summary.duplicates++;
      summary.assetIds.push(o.assetId!);
      bar?.log(cliLines.say(language, 'cli.out.alreadyInLibrary', { path: o.path }));
    } else if (o.status === 'rejected') {
      summary.failed.push({ path: o.path, code: o.error!.code, message: o.error!.message });
      bar?.log(`✗ ${o.path}: ${said(o.error!).message}`);
    }
  }
  let finished = 0;
  const progress = new Map<string, number>();
  const redraw = (detail: string) => {
    const partial = [...progress.values()].reduce((a, b) => a + b, 0);
    bar?.update(finished + partial, pending.length, detail);
  };
  const off = studio.events.on('job.progress', (p) => {
    if (!pending.some((o) => o.jobId === p.id)) return;
    progress.set(p.id, p.progress);
    redraw(p.message ?? '');
  });
  redraw('');
  await Promise.all(
    pending.map(async (o) => {
      const job = await studio.jobs.waitFor(o.jobId);
      finished++;
      progress.delete(o.jobId);
      if (job.status === 'succeeded') {
        summary.added++;
        summary.assetIds.push(o.assetId!);
        bar?.log(`✓ ${o.path}`);
      } else {
        summary.failed.push({ path: o.path, code: job.error?.code ?? 'INTERNAL', message: job.error?.message ?? job.status });
        const shown = job.error ? said(job.error) : { message: job.status, hint: null };
        bar?.log(`✗ ${o.path}: ${shown.message}${shown.hint ? ` — ${shown.hint}` : ''}`);
      }
      redraw('');
    }),
  );
  off();
  bar?.finish();
  if (!quiet) io.err(cliLines.say(language, 'cli.out.importSummary', { added: summary.added, duplicates: summary.duplicates, failed: summary.failed.length }));
  return summary;
}

export async function importCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['json']);
  if (args.positionals.length === 0) throw usageSaid(say('cli.needsFiles', { command: 'kingjam import' }));
  const json = args.flags.has('json');
  const summary = await importAndWait(studio, args.positionals, io, json);
  if (json) io.out(JSON.stringify(summary));
  return summary.failed.length > 0 ? 1 : 0;
}
