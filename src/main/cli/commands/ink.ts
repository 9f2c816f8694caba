import type { UsageEntry } from '../../../shared/cli/help/index.js';
import path from 'node:path';
import type { JobView } from '../../../shared/jobs/model.js';
import type { InkCleanResult, InkPsdResult } from '../../../shared/ink/jobs.js';
import { INK_LIMITS, INK_SMOOTHING, inkOptionsSchema, type InkOptions } from '../../../shared/ink/options.js';
import { inkText, isInkText } from '../../../shared/ink/text.js';
import type { Language } from '../../../shared/settings.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag, type ParsedArgs, usageLines, notOneOf } from '../args.js';
import { type CliIo, cliLanguage } from '../context.js';
import { reportFailure, waitWithProgress } from '../job-progress.js';
import { barText } from '../../../shared/cli/bar-text.js';
import { cliText } from '../../../shared/cli/text.js';

/** `kingjam ink …` usage lines (issue 16); shown by `kingjam help`. */
export const INK_USAGE: UsageEntry[] = [
  { syntax: `kingjam ink clean SKETCH [--out DIR] [--thicken 0-${INK_LIMITS.maxThicken}] [--smoothing ${INK_SMOOTHING.join('|')}] [--keep-background] [--no-deskew] [--json]`, about: 'help.ink.clean' },
  { syntax: `kingjam ink psd SKETCH [--out FILE.psd] [--thicken 0-${INK_LIMITS.maxThicken}] [--paper white|sketch] [--json]`, about: 'help.ink.psd' },
];

function options(args: ParsedArgs): InkOptions {
  const smoothing = stringFlag(args, 'smoothing');
  if (smoothing !== undefined && !(INK_SMOOTHING as readonly string[]).includes(smoothing)) {
    throw notOneOf('smoothing', INK_SMOOTHING);
  }
  return inkOptionsSchema.parse({
    thicken: intFlag(args, 'thicken', 0, INK_LIMITS.maxThicken),
    smoothing,
    removeBackground: !args.flags.has('keep-background'),
    deskew: !args.flags.has('no-deskew'),
  });
}

/** A failed job's error in the studio's language when it is one of ours, else as the engine wrote it. */
function failure(job: JobView, language: Language, io: CliIo): number {
  const key = job.error?.key ? `msg.${job.error.key}` : '';
  if (!isInkText(key)) return reportFailure(job, io, language);
  io.err(cliText.say(language, 'cli.line.error', { message: inkText(language, key, job.error?.params ?? {}) }));
  const hint = `${key}.hint`;
  if (isInkText(hint)) io.err(cliText.say(language, 'cli.line.whatToDo', { hint: inkText(language, hint) }));
  return 1;
}

/**
 * `kingjam ink clean|psd SKETCH`: the 2D studio's cleanup and layered PSD from
 * the command line, as the same worker jobs as the page (without a run record:
 * the files land where --out says, next to the sketch by default).
 */
export async function inkCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [tool, ...rest] = argv;
  const args = parseArgs(rest, ['json', 'keep-background', 'no-deskew']);
  const json = args.flags.has('json');
  const language = cliLanguage(studio);
  if ((tool !== 'clean' && tool !== 'psd') || args.positionals.length !== 1) throw usageLines(INK_USAGE);
  const input = path.resolve(args.positionals[0]!);
  const base = path.parse(input).name;
  const out = stringFlag(args, 'out');
  const opts = options(args);
  const say = (line: string) => (json ? undefined : io.err(line));

  if (tool === 'clean') {
    const outDir = path.resolve(out ?? path.join(path.dirname(input), `${base}-ink`));
    const queued = await studio.jobs.enqueue('ink.clean', { input, outDir, options: opts });
    const done = await waitWithProgress(studio, queued, barText.say(language, 'cli.bar.cleaning'), json);
    if (done.status !== 'succeeded') return failure(done, language, io);
    const r = done.result as InkCleanResult;
    say(inkText(language, 'ink.cli.cleaned', { name: path.basename(input), angle: r.angle, paths: r.paths, curves: r.curves }));
    if (json) io.out(JSON.stringify(r));
    else for (const file of [r.png, r.svg]) io.out(inkText(language, 'ink.cli.wrote', { file }));
    return 0;
  }

  const paper = stringFlag(args, 'paper') ?? 'white';
  if (paper !== 'white' && paper !== 'sketch') throw notOneOf('paper', ['white', 'sketch']);
  const file = path.resolve(out ?? path.join(path.dirname(input), `${base}-layers.psd`));
  const queued = await studio.jobs.enqueue('ink.psd', { input, out: file, options: opts, paper, palette: studio.creator.ink.runs.palette(null) });
  const done = await waitWithProgress(studio, queued, barText.say(language, 'cli.bar.layering'), json);
  if (done.status !== 'succeeded') return failure(done, language, io);
  const r = done.result as InkPsdResult;
  say(inkText(language, 'ink.cli.psd', { name: path.basename(input), width: r.width, height: r.height, layers: r.layers.join(', ') }));
  if (json) io.out(JSON.stringify(r));
  else for (const f of [r.psd, r.preview]) io.out(inkText(language, 'ink.cli.wrote', { file: f }));
  return 0;
}
