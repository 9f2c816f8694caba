import type { UsageEntry } from '../../../shared/cli/help/index.js';
import { invalidFile, readJsonFile } from '../json-file.js';
import { say, type Localized } from '../../../shared/messages.js';
import { trigInEnglish } from '../../../shared/kol/trig-english.js';
import { trigSaid } from '../../../shared/kol/trig-said.js';
import { trigCliText, type TrigCliKey } from '../../../shared/kol/trig-cli-text.js';
import { cliText } from '../../../shared/cli/text.js';
import type { Language } from '../../../shared/settings.js';
import { scheduleInputSchema, triggerSchema, type KolScheduleView, type KolTriggerRunView, type RunResult, type ScheduleInput, type TriggerPreview } from '../../../shared/kol/triggers.js';
import { describeCondition } from '../../kol-trig/runner.js';
import type { Studio } from '../../studio.js';
import { parseArgs, stringFlag, type ParsedArgs, usageLines, usageSaid } from '../args.js';
import { cliLanguage, type CliIo } from '../context.js';
import { WorkFailed } from '../exit-code.js';
import { padColumns } from '../progress.js';

export const KOL_TRIGGERS_USAGE: UsageEntry[] = [
  { syntax: 'kingjam kol triggers list [--json] | show ID [--json] | pause ID | resume ID', about: 'help.kol.triggers.manage' },
  { syntax: 'kingjam kol triggers create FILE.json [--json]', about: 'help.kol.triggers.create' },
  { syntax: 'kingjam kol triggers run ID [--json]', about: 'help.kol.triggers.run' },
  { syntax: 'kingjam kol triggers preview ID | --file FILE.json [--json]', about: 'help.kol.triggers.preview' },
];

/**
 * The subcommand as the `kol` command group takes one: `triggers:
 * kolTriggersSubcommand` in its table. None of it works the job queue: a
 * fire hands its batch to the batch engine, which the studio works.
 */
export const kolTriggersSubcommand = {
  usage: KOL_TRIGGERS_USAGE,
  booleans: [] as string[],
  worksQueue: (): boolean => false,
  run: (cli: { studio: Studio; io: CliIo; args: ParsedArgs }, action: string | undefined): Promise<number> => runKolTriggers(cli.studio, action, cli.args, cli.io),
};

/** The reasons a run did not fire that are not failures (nothing new, the condition does not hold). */
const QUIET_REASONS = new Set(['kol.trig.noNewItems', 'kol.trig.conditionNotMet', 'kol.trig.notEnoughSamples']);

const time = (t: number | null): string => (t === null ? '—' : new Date(t).toISOString().replace('.000Z', 'Z'));

/** The lines of `kingjam kol triggers` in the user's language (statuses, types, allocations and outcomes said in it); ids, times and feed titles print as they are. */
function linesIn(language: Language) {
  const line = (key: TrigCliKey, params: Record<string, string | number> = {}): string => trigCliText.say(language, key, params);
  const said = (m: Localized): string => trigSaid(language, m).text;

  function what(s: KolScheduleView): string {
    const t = s.trigger;
    switch (t.type) {
      case 'time':
        return line('trig.cli.cron', { cron: t.cron, zone: t.timeZone });
      case 'news':
      case 'keyword':
        return [
          line('trig.cli.feeds', { count: t.feeds.length }),
          t.keywords.length ? line('trig.cli.keywords', { keywords: t.keywords.join('/') }) : '',
          t.excludes.length ? line('trig.cli.excluding', { excludes: t.excludes.join('/') }) : '',
          line('trig.cli.every', { minutes: t.pollMinutes }),
        ].join('');
      case 'threshold':
        return `${t.path} ${describeCondition(t.condition)}${line('trig.cli.every', { minutes: t.pollMinutes })}`;
      case 'custom':
        return line('trig.cli.webhookPath', { path: s.webhookPath ?? '' });
    }
  }

  function schedule(s: KolScheduleView): string {
    const counts = line('trig.cli.counts', { runs: s.executionCount, ok: s.successCount, errors: s.errorCount });
    const error = s.lastError ? `  ${line('trig.cli.lastError', { error: said(s.lastError) })}` : '';
    return `${s.id}  ${padColumns(line(`trig.cli.status.${s.status}`), 6)}  ${padColumns(line(`trig.cli.type.${s.trigger.type}`), 9)}  ${s.title}  ${line('trig.cli.next', { time: time(s.nextExecutionAt) })}  ${counts}${error}`;
  }

  function run(r: KolTriggerRunView): string {
    return `  ${time(r.at)}  ${padColumns(line(`trig.cli.outcome.${r.outcome}`), 8)}  ${r.items.join(', ')}${r.batchId ? `  ${line('trig.cli.batch', { id: r.batchId })}` : ''}${r.error ? `  ${said(r.error)}` : ''}`;
  }

  function detail(s: KolScheduleView): string {
    const when = s.postTime ? line('trig.cli.outAt', { at: s.postTime.at, zone: s.postTime.timeZone }) : line('trig.cli.reviewerChooses');
    return `  ${line('trig.cli.perItem', { what: what(s), allocation: line(`trig.cli.allocation.${s.allocation}`), count: s.postsPerRun, when })}`;
  }

  function preview(p: TriggerPreview): string[] {
    switch (p.type) {
      case 'time':
        return [line('trig.cli.nextRuns'), ...p.nextRuns.map((t) => `  ${time(t)}`)];
      case 'news':
      case 'keyword': {
        // The three marks padded to one width, so the titles line up in every language.
        const marks = { fire: line('trig.cli.wouldFire'), used: line('trig.cli.used'), filtered: line('trig.cli.filtered') };
        const width = Math.max(...Object.values(marks).map((m) => m.length));
        return [
          ...p.errors.map((e) => cliText.say(language, 'cli.line.error', { message: said(e) })),
          ...p.items.map((i) => `${(i.matches && !i.used ? marks.fire : i.used ? marks.used : marks.filtered).padEnd(width)}  ${i.title}  ${i.link ?? i.key}`),
          ...(p.items.length === 0 ? [line('trig.cli.noItems')] : []),
        ];
      }
      case 'threshold':
        return [
          `${line('trig.cli.value', { value: p.value ?? '—' })}${p.values.length > 1 ? line('trig.cli.sumOf', { values: p.values.join(' + ') }) : ''}`,
          ...(p.average !== null ? [line('trig.cli.average', { average: p.average, samples: p.samples })] : []),
          line(p.wouldFire ? 'trig.cli.wouldFire' : 'trig.cli.wouldNotFire'),
        ];
      case 'custom':
        return [p.path ? `POST ${p.path}` : line('trig.cli.webhookLater')];
    }
  }

  return { line, said, schedule, run, detail, preview };
}

function scheduleFile(file: string, language: Language): ScheduleInput {
  const parsed = scheduleInputSchema.safeParse(readJsonFile(file));
  if (!parsed.success) throw invalidFile(file, parsed.error.issues, language);
  return parsed.data;
}

function idOf(args: ParsedArgs, sub: string): string {
  const id = args.positionals[0];
  if (!id) throw usageSaid(say('cli.needsId', { command: `kingjam kol triggers ${sub}`, list: 'kingjam kol triggers list' }));
  return id;
}

/** `kingjam kol triggers ACTION …` with the words after the action already parsed. */
export function kolTriggersCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  return runKolTriggers(studio, action, parseArgs(rest, ['json']), io);
}

/** `kingjam kol triggers …`: schedules and their triggers from the command line (docs/kol-triggers.md). */
async function runKolTriggers(studio: Studio, sub: string | undefined, args: ParsedArgs, io: CliIo): Promise<number> {
  const json = args.flags.has('json');
  const t = studio.kolTriggers;
  const lines = linesIn(cliLanguage(studio));
  const print = (s: KolScheduleView): void => io.out(json ? JSON.stringify(s) : lines.schedule(s));
  switch (sub) {
    case 'list': {
      const list = t.list();
      if (json) io.out(JSON.stringify(list));
      else if (list.length === 0) io.out(lines.line('trig.cli.none'));
      else for (const s of list) io.out(lines.schedule(s));
      return 0;
    }
    case 'show': {
      const { schedule, runs } = t.get(idOf(args, sub));
      if (json) io.out(JSON.stringify({ schedule, runs }));
      else {
        io.out(lines.schedule(schedule));
        io.out(lines.detail(schedule));
        if (runs.length > 0) io.out(lines.line('trig.cli.runs'));
        for (const r of runs) io.out(lines.run(r));
      }
      return 0;
    }
    case 'create': {
      const file = args.positionals[0];
      if (!file) throw usageSaid(say('cli.needsFile', { command: 'kingjam kol triggers create' }));
      const saved = await t.create(scheduleFile(file, cliLanguage(studio)));
      if (json) io.out(JSON.stringify(saved));
      else {
        io.out(lines.schedule(saved.schedule));
        if (saved.webhook) {
          io.out(lines.line('trig.cli.webhook', { path: saved.webhook.path }));
          io.out(lines.line('trig.cli.secret', { secret: saved.webhook.secret }));
        }
      }
      return 0;
    }
    case 'pause':
      print(t.pause(idOf(args, sub)));
      return 0;
    case 'resume':
      print(t.resume(idOf(args, sub)));
      return 0;
    case 'run': {
      const result: RunResult = await t.runNow(idOf(args, sub));
      if (json) io.out(JSON.stringify(result));
      else if (result.fired) io.out(lines.line('trig.cli.fired', { count: result.run?.items.length ?? 0, batch: result.run?.batchId ?? '—' }));
      else if (result.reason) io.out(lines.said(result.reason));
      if (!result.fired && result.reason && !QUIET_REASONS.has(result.reason.key)) {
        // English for logs; printError says the reason's key in the user's language.
        const { text, hint } = trigInEnglish(result.reason);
        throw new WorkFailed({ code: 'PROVIDER_FAILED', message: text, ...(hint ? { hint } : {}), ...result.reason });
      }
      return 0;
    }
    case 'preview': {
      const file = stringFlag(args, 'file');
      let preview: TriggerPreview;
      if (file !== undefined) {
        const raw = readJsonFile(file) as { trigger?: unknown };
        const parsed = triggerSchema.safeParse(raw && typeof raw === 'object' && 'trigger' in raw ? raw.trigger : raw);
        if (!parsed.success) throw invalidFile(file, parsed.error.issues, cliLanguage(studio));
        preview = await t.preview({ trigger: parsed.data });
      } else preview = await t.preview({ id: idOf(args, sub) });
      if (json) io.out(JSON.stringify(preview));
      else for (const line of lines.preview(preview)) io.out(line);
      return 0;
    }
    default:
      throw usageLines(KOL_TRIGGERS_USAGE);
  }
}
