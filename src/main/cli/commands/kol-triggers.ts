import type { UsageEntry } from '../../../shared/cli/help/index.js';
import { readJsonFile } from '../json-file.js';
import { say, type Localized } from '../../../shared/messages.js';
import { trigInEnglish } from '../../../shared/kol/trig-english.js';
import { scheduleInputSchema, triggerSchema, type KolScheduleView, type KolTriggerRunView, type RunResult, type ScheduleInput, type TriggerPreview } from '../../../shared/kol/triggers.js';
import { describeCondition } from '../../kol-trig/runner.js';
import type { Studio } from '../../studio.js';
import { parseArgs, stringFlag, type ParsedArgs, usageLines, usageSaid } from '../args.js';
import type { CliIo } from '../context.js';
import { WorkFailed } from '../exit-code.js';

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
const english = (m: Localized): string => trigInEnglish(m).text;

function what(s: KolScheduleView): string {
  const t = s.trigger;
  switch (t.type) {
    case 'time':
      return `cron "${t.cron}" (${t.timeZone})`;
    case 'news':
    case 'keyword':
      return `${t.feeds.length} feed(s)${t.keywords.length ? `, keywords ${t.keywords.join('/')}` : ''}${t.excludes.length ? `, excluding ${t.excludes.join('/')}` : ''}, every ${t.pollMinutes} min`;
    case 'threshold':
      return `${t.path} ${describeCondition(t.condition)}, every ${t.pollMinutes} min`;
    case 'custom':
      return `webhook POST ${s.webhookPath}`;
  }
}

function scheduleLine(s: KolScheduleView): string {
  const counts = `runs ${s.executionCount} ok ${s.successCount} errors ${s.errorCount}`;
  const error = s.lastError ? `  last error: ${english(s.lastError)}` : '';
  return `${s.id}  ${s.status.padEnd(6)}  ${s.trigger.type.padEnd(9)}  ${s.title}  next ${time(s.nextExecutionAt)}  ${counts}${error}`;
}

function runLine(r: KolTriggerRunView): string {
  return `  ${time(r.at)}  ${r.outcome.padEnd(8)}  ${r.items.join(', ')}${r.batchId ? `  batch ${r.batchId}` : ''}${r.error ? `  ${english(r.error)}` : ''}`;
}

function previewLines(p: TriggerPreview): string[] {
  switch (p.type) {
    case 'time':
      return ['Next runs:', ...p.nextRuns.map((t) => `  ${time(t)}`)];
    case 'news':
    case 'keyword':
      return [
        ...p.errors.map((e) => `error: ${english(e)}`),
        ...p.items.map((i) => `${i.matches && !i.used ? 'would fire' : i.used ? 'used      ' : 'filtered  '}  ${i.title}  ${i.link ?? i.key}`),
        ...(p.items.length === 0 ? ['No items.'] : []),
      ];
    case 'threshold':
      return [`value ${p.value}${p.values.length > 1 ? ` (sum of ${p.values.join(' + ')})` : ''}`, ...(p.average !== null ? [`average ${p.average} over ${p.samples} samples`] : []), p.wouldFire ? 'would fire' : 'would not fire'];
    case 'custom':
      return [p.path ? `POST ${p.path}` : 'A webhook: its address is made when the schedule is created.'];
  }
}


function scheduleFile(file: string): ScheduleInput {
  const parsed = scheduleInputSchema.safeParse(readJsonFile(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageSaid(say('cli.fileInvalid', { file, field: issue?.path.join('.') || '(root)', detail: issue?.message ?? 'invalid' }));
  }
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
  const print = (s: KolScheduleView): void => io.out(json ? JSON.stringify(s) : scheduleLine(s));
  switch (sub) {
    case 'list': {
      const list = t.list();
      if (json) io.out(JSON.stringify(list));
      else if (list.length === 0) io.out('No schedules. Create one with `kingjam kol triggers create FILE.json`.');
      else for (const s of list) io.out(scheduleLine(s));
      return 0;
    }
    case 'show': {
      const { schedule, runs } = t.get(idOf(args, sub));
      if (json) io.out(JSON.stringify({ schedule, runs }));
      else {
        io.out(scheduleLine(schedule));
        io.out(`  ${what(schedule)}; ${schedule.allocation}, ${schedule.postsPerRun} post(s) per item, ${schedule.postTime ? `out at ${schedule.postTime.at} ${schedule.postTime.timeZone}` : 'the reviewer chooses when'}`);
        if (runs.length > 0) io.out('Runs:');
        for (const r of runs) io.out(runLine(r));
      }
      return 0;
    }
    case 'create': {
      const file = args.positionals[0];
      if (!file) throw usageSaid(say('cli.needsFile', { command: 'kingjam kol triggers create' }));
      const saved = await t.create(scheduleFile(file));
      if (json) io.out(JSON.stringify(saved));
      else {
        io.out(scheduleLine(saved.schedule));
        if (saved.webhook) {
          io.out(`Webhook: POST ${saved.webhook.path} on the bridge (kingjam serve)`);
          io.out(`Secret (shown this once; keep it in the sender): ${saved.webhook.secret}`);
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
      else if (result.fired) io.out(`Fired: ${result.run?.items.length ?? 0} item(s), batch ${result.run?.batchId ?? '—'}.`);
      else if (result.reason) io.out(english(result.reason));
      if (!result.fired && result.reason && !QUIET_REASONS.has(result.reason.key)) {
        const { text, hint } = trigInEnglish(result.reason);
        throw new WorkFailed({ code: 'PROVIDER_FAILED', message: text, ...(hint ? { hint } : {}) });
      }
      return 0;
    }
    case 'preview': {
      const file = stringFlag(args, 'file');
      let preview: TriggerPreview;
      if (file !== undefined) {
        const raw = readJsonFile(file) as { trigger?: unknown };
        const parsed = triggerSchema.safeParse(raw && typeof raw === 'object' && 'trigger' in raw ? raw.trigger : raw);
        if (!parsed.success) throw usageSaid(say('cli.fileInvalid', { file, field: parsed.error.issues[0]?.path.join('.') || '(root)', detail: parsed.error.issues[0]?.message ?? 'invalid' }));
        preview = await t.preview({ trigger: parsed.data });
      } else preview = await t.preview({ id: idOf(args, sub) });
      if (json) io.out(JSON.stringify(preview));
      else for (const line of previewLines(preview)) io.out(line);
      return 0;
    }
    default:
      throw usageLines(KOL_TRIGGERS_USAGE);
  }
}
