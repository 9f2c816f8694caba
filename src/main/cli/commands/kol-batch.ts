import type { UsageEntry } from '../../../shared/cli/help/index.js';
import { invalidFile, readJsonFile, readTextFile } from '../json-file.js';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import type { BatchDetail, BatchEstimate } from '../../../shared/api/kol-batch-contract.js';
import { batchRequestSchema, type BatchEvent, type BatchRequest, type BatchView } from '../../../shared/kol/batch.js';
import type { Studio } from '../../studio.js';
import { intFlag, stringFlag, type ParsedArgs, usageLines, usageSaid } from '../args.js';
import { cliLanguage, type CliIo } from '../context.js';
import { localisedError } from '../error-lines.js';
import { kolBatchCliText, type KolBatchCliKey } from '../../../shared/kol/batch-cli-text.js';
import type { Language } from '../../../shared/settings.js';
import { cliLines } from '../../../shared/cli/lines.js';
import { padColumns } from '../progress.js';
import { resolvePersonas } from '../persona-arg.js';

/**
 * `kingjam kol batch …`: start a batch and stream the seed's events (batch
 * start, each item as it ends with the running totals, batch end) as lines or
 * as one JSON event per line; list, show, pause, resume and cancel batches.
 * The `kol` command group routes `batch` here: `batch: kolBatchSubcommand`
 * in its table of subcommands.
 */
export const KOL_BATCH_USAGE: UsageEntry[] = [
  { syntax: 'kingjam kol batch start FILE.json|--personas A,B --topics-file F [--title T] [--concurrency 2] [--yes|--max-credits N] [--json]', about: 'help.kol.batch.start' },
  { syntax: 'kingjam kol batch list [--json] | show ID [--json] | pause ID | resume ID | cancel ID', about: 'help.kol.batch.manage' },
];

/** The subcommand as the `kol` group takes one (its usage, flags, whether it works the queue, and how it runs). */
export const kolBatchSubcommand = {
  usage: KOL_BATCH_USAGE,
  booleans: ['yes'],
  /** Only `start` works the job queue in this process (it waits for the batch); the others read and write rows. */
  worksQueue: (argv: string[]): boolean => argv[0] === 'start',
  run: (cli: { studio: Studio; io: CliIo; args: ParsedArgs }, action: string | undefined): Promise<number> => runKolBatch(cli.studio, action, cli.args, cli.io),
};

async function runKolBatch(studio: Studio, sub: string | undefined, args: ParsedArgs, io: CliIo): Promise<number> {
  const json = args.flags.has('json');
  const batches = studio.kolBatches;
  const language = cliLanguage(studio);
  const line = sayIn(language);
  switch (sub) {
    case 'start':
      return start(studio, args, io);
    case 'list': {
      const list = batches.list(intFlag(args, 'limit', 1, 200) ?? 50);
      if (json) io.out(JSON.stringify(list));
      else if (list.length === 0) io.out(cliLines.say(language, 'cli.out.noBatches'));
      else for (const b of list) io.out(batchLine(line, b));
      return 0;
    }
    case 'show': {
      const detail = batches.get(idOf(args));
      if (json) io.out(JSON.stringify(detail));
      else for (const line of await detailLines(studio, language, detail)) io.out(line);
      return 0;
    }
    case 'pause':
      io.out(batchLine(line, batches.pause(idOf(args))));
      return 0;
    case 'resume':
      io.out(batchLine(line, batches.resume(idOf(args))));
      return 0;
    case 'cancel':
      io.out(batchLine(line, await batches.cancel(idOf(args))));
      return 0;
    default:
      throw usageLines(KOL_BATCH_USAGE);
  }
}

function idOf(args: ParsedArgs): string {
  const id = args.positionals[0];
  if (!id) throw usageSaid(say('cli.needsId', { command: 'kingjam kol batch', list: 'kingjam kol batch list' }));
  return id;
}

/** The request from a batch JSON file, or from personas (ids or nicknames) and a topics file (one per line). */
function requestOf(studio: Studio, args: ParsedArgs): BatchRequest {
  const concurrency = intFlag(args, 'concurrency', 1, 16);
  const file = args.positionals[0];
  if (file) {
    const parsed = batchRequestSchema.safeParse({ ...(readJsonFile(file) as object), ...(concurrency ? { concurrency } : {}) });
    if (!parsed.success) throw invalidFile(file, parsed.error.issues, cliLanguage(studio));
    return parsed.data;
  }
  const personas = (stringFlag(args, 'personas') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const topicsFile = stringFlag(args, 'topics-file');
  if (!personas.length || !topicsFile) throw usageLines(KOL_BATCH_USAGE);
  const topics = readTextFile(topicsFile).split(/\r?\n/).map((t) => t.trim()).filter(Boolean);
  if (!topics.length) throw new StudioError({ code: 'BAD_INPUT', message: `${topicsFile} has no topics.`, hint: 'Write one topic per line.', ...say('kol.batch.noTopics') });
  const ids = resolvePersonas(studio.store, personas, '--personas');
  return {
    title: stringFlag(args, 'title') ?? sayIn(cliLanguage(studio))('kolbatch.cli.defaultTitle', { date: new Date().toISOString().slice(0, 16).replace('T', ' ') }),
    items: topics.flatMap((topic) => ids.map((personaId) => ({ personaId, topic }))),
    ...(concurrency ? { concurrency } : {}),
  };
}

async function start(studio: Studio, args: ParsedArgs, io: CliIo): Promise<number> {
  const json = args.flags.has('json');
  const request = requestOf(studio, args);
  const estimate = await studio.kolBatches.estimate(request);
  const language = cliLanguage(studio);
  if (!json) for (const line of estimateLines(sayIn(language), estimate)) io.out(line);
  const max = intFlag(args, 'max-credits', 0, 100_000_000);
  if (estimate.total > 0 && max !== undefined && estimate.total > max) {
    throw new StudioError({ code: 'BAD_INPUT', message: `This batch may cost ${estimate.total} credits, more than --max-credits ${max}.`, hint: 'Raise --max-credits, write fewer posts, or use personas on a free provider.', ...say('kol.batch.overMaxCredits', { credits: estimate.total, max }) });
  }
  if (estimate.total > 0 && max === undefined && !args.flags.has('yes')) {
    throw new StudioError({ code: 'BAD_INPUT', message: `This batch may cost ${estimate.total} credits.`, hint: 'Run it again with --yes, or with --max-credits N to set a limit.', ...say('kol.batch.needsConsent', { credits: estimate.total }) });
  }
  let batchId: string | null = null;
  const early: BatchEvent[] = [];
  let resolveEnd: (view: BatchView) => void = () => undefined;
  const ended = new Promise<BatchView>((resolve) => (resolveEnd = resolve));
  // Lines are written in the order of the events (a failed item's line reads its job's message first).
  let printed = Promise.resolve();
  const print = (event: BatchEvent): void => {
    printed = printed.then(async () => {
      io.out(json ? JSON.stringify(event) : await eventLine(studio, language, event));
      if (event.type === 'batch.end') resolveEnd(event.batch);
    });
  };
  const off = studio.events.on('kol.batch', (event) => {
    const id = 'batch' in event ? event.batch.id : event.batchId;
    if (batchId === null) early.push(event);
    else if (id === batchId) print(event);
  });
  try {
    const batch = await studio.kolBatches.start(request);
    batchId = batch.id;
    for (const event of early.splice(0)) if (('batch' in event ? event.batch.id : event.batchId) === batchId) print(event);
    const end = await ended;
    return end.totals.failed > 0 ? 1 : 0;
  } finally {
    off();
  }
}

type Say = (key: KolBatchCliKey, params?: Record<string, string | number>) => string;

/** The lines of `kingjam kol batch` in `language`. */
function sayIn(language: Language): Say {
  return (key, params = {}) => kolBatchCliText.say(language, key, params);
}

function estimateLines(line: Say, e: BatchEstimate): string[] {
  const billing = (l: BatchEstimate['lines'][number]): string =>
    l.billing === 'credits' ? line('kolbatch.cli.credits', { credits: l.credits }) : l.billing === 'own-key' ? line('kolbatch.cli.ownKey') : line('kolbatch.cli.free');
  return [...e.lines.map((l) => line('kolbatch.cli.providerLine', { provider: l.provider, items: l.items, billing: billing(l) })), line('kolbatch.cli.cost', { total: e.total, concurrency: e.concurrency })];
}

function batchLine(line: Say, b: BatchView): string {
  const t = b.totals;
  return line('kolbatch.cli.batch', { id: b.id, state: padColumns(line(`kolbatch.cli.state.${b.state}`), 8), done: t.succeeded + t.failed, items: t.items, percent: t.percent, succeeded: t.succeeded, failed: t.failed, title: b.title });
}

/** An item's reason in the user's language: its job's own error, or the item's message key where no job ran. */
async function reason(studio: Studio, language: Language, batchId: string, index: number): Promise<string> {
  const item = studio.kolBatches.get(batchId).items[index];
  const job = item?.jobId ? await studio.jobs.get(item.jobId) : null;
  if (job?.error) return localisedError(job.error, language).message;
  if (!item?.error) return sayIn(language)('kolbatch.cli.failed');
  const english = `${item.error.key}${item.error.params ? ` ${JSON.stringify(item.error.params)}` : ''}`;
  return localisedError({ code: 'PROVIDER_FAILED', message: english, ...item.error }, language).message;
}

async function eventLine(studio: Studio, language: Language, e: BatchEvent): Promise<string> {
  const line = sayIn(language);
  switch (e.type) {
    case 'batch.start':
      return line('kolbatch.cli.started', { id: e.batch.id, items: e.batch.totals.items, concurrency: e.batch.concurrency });
    case 'item.done': {
      const item = studio.kolBatches.get(e.batchId).items[e.index];
      return line('kolbatch.cli.itemDone', { done: e.totals.succeeded + e.totals.failed, items: e.totals.items, percent: e.totals.percent, n: e.index + 1, persona: item?.personaNickname ?? e.personaId, title: item?.postTitle ?? '', post: e.postId });
    }
    case 'item.failed':
      return line('kolbatch.cli.itemFailed', { done: e.totals.succeeded + e.totals.failed, items: e.totals.items, percent: e.totals.percent, n: e.index + 1, attempts: e.attempts, reason: await reason(studio, language, e.batchId, e.index) });
    case 'batch.state':
      return line('kolbatch.cli.state', { state: line(`kolbatch.cli.state.${e.batch.state}`) });
    case 'batch.end':
      return line('kolbatch.cli.end', { state: line(`kolbatch.cli.state.${e.batch.state}`), succeeded: e.batch.totals.succeeded, failed: e.batch.totals.failed, items: e.batch.totals.items });
  }
}

async function detailLines(studio: Studio, language: Language, d: BatchDetail): Promise<string[]> {
  const line = sayIn(language);
  const lines = [batchLine(line, d.batch)];
  for (const item of d.items) {
    const end = item.state === 'succeeded' ? line('kolbatch.cli.post', { post: item.postId ?? '', title: item.postTitle ?? '' }) : item.state === 'failed' ? await reason(studio, language, d.batch.id, item.index) : '';
    lines.push(`  #${item.index + 1}  ${padColumns(line(`kolbatch.cli.item.${item.state}`), 9)}  ${item.personaNickname}: ${item.topic}  ${end}`.trimEnd());
  }
  return lines;
}
