import type { UsageEntry } from '../../../shared/cli/help/index.js';
import { refuse } from '../refusals.js';
import { METRICS_CSV_MAX_CHARS } from '../../../shared/api/kol-learn-contract.js';
import fs from 'node:fs';
import path from 'node:path';
import { learnSay } from '../../../shared/kol/learning/say.js';
import { kolLearnText, type KolLearnTextKey } from '../../../shared/kol/learning/texts.js';
import type { Language } from '../../../shared/settings.js';
import { HOUR_WINDOW, type FeatureDiff, type LearningReport } from '../../../shared/kol/learning/index.js';
import type { MetricsCsvResult } from '../../../shared/api/kol-learn-contract.js';
import { formatUtcIso } from '../../../shared/publish/time.js';
import { learningReport } from '../../kol/learning/index.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag, usageLines } from '../args.js';
import { type CliIo, cliLanguage } from '../context.js';
import { resolvePersona } from '../persona-arg.js';

/**
 * `kingjam kol learn` and `kingjam kol metrics import` (issue 14): the
 * learning report and the CSV of engagement numbers from the command line.
 * The `kol` group's other subcommands (personas, posts, review, batch,
 * triggers) live in their own files; the group hands `learn` and `metrics` here.
 */
export const KOL_LEARN_USAGE: UsageEntry[] = [
  { syntax: 'kingjam kol learn [--period 7|30|90] [--persona ID|NICKNAME] [--client ID] [--json]', about: 'help.kol.learn' },
  { syntax: 'kingjam kol metrics import FILE.csv [--dry-run] [--json]', about: 'help.kol.metrics.import' },
];


export async function kolLearnCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'learn') return learn(studio, rest, io);
  if (sub === 'metrics' && rest[0] === 'import') return importMetrics(studio, rest.slice(1), io);
  throw usageLines(KOL_LEARN_USAGE);
}


const pct = (share: number): string => `${Math.round(share * 1000) / 10}%`;
const signed = (n: number, unit = ''): string => `${n > 0 ? '+' : ''}${n}${unit}`;
/** Top posts printed (the JSON has them all). */
const TOP_LINES = 10;

/** What `kol learn` and `kol metrics import` print, in the studio's language. */
type Say = (key: KolLearnTextKey, params?: Record<string, string | number>) => string;
const sayIn =
  (language: Language): Say =>
  (key, params = {}) =>
    kolLearnText.say(language, key, params);

function valueText(d: FeatureDiff, nicknames: Map<string, string>, say: Say): string {
  if (d.feature === 'hour') {
    const from = Number(d.value);
    return `${String(from).padStart(2, '0')}:00–${String((from + HOUR_WINDOW) % 24).padStart(2, '0')}:00`;
  }
  if (d.feature === 'weekday') {
    const key = `kollearn.cli.weekday.${d.value}`;
    return kolLearnText.has(key) ? say(key) : d.value;
  }
  if (d.feature === 'persona') return nicknames.get(d.value) ?? d.value;
  return d.value;
}

function reportLines(report: LearningReport, scope: string, language: Language): string[] {
  const say = sayIn(language);
  const out = [say('kollearn.cli.period', { days: report.periodDays, scope, posts: report.posts })];
  if (!report.enough && report.reason) {
    const said = learnSay(language, report.reason);
    return [...out, said.text, ...(said.hint ? [said.hint] : [])];
  }
  out.push(say('kollearn.cli.top', { count: report.top.length, top: report.meanTop, rest: report.meanRest }), '', say('kollearn.cli.topPosts'));
  for (const p of report.top.slice(0, TOP_LINES)) out.push(`  ${p.score.toFixed(1).padStart(8)}  ${p.personaNickname}  ${p.title || p.id}  ${formatUtcIso(p.publishedAt)}${p.url ? `  ${p.url}` : ''}  (${p.id})`);
  if (report.top.length > TOP_LINES) out.push(say('kollearn.cli.more', { count: report.top.length - TOP_LINES }));
  const groups = [...report.byPersona.map((g) => [say('kollearn.cli.groupPersona'), g] as const), ...report.byClient.map((g) => [say('kollearn.cli.groupClient'), g] as const)];
  if (groups.length > 1) {
    out.push('', say('kollearn.cli.groups'));
    for (const [kind, g] of groups) out.push(`  ${kind} ${g.label}: ${g.posts}, ${g.meanScore}, ${g.inTop}`);
  }
  const nicknames = new Map(report.byPersona.map((g) => [g.id, g.label]));
  out.push('', say('kollearn.cli.differences'));
  for (const d of report.differences.slice(0, 15)) {
    const line = say('kollearn.cli.diffLine', { share: pct(d.topShare).padStart(6), restShare: pct(d.restShare).padStart(6), pp: signed(d.diffPp).padStart(6), lift: d.lift === null ? '—' : `${d.lift}×`, with: d.withCount, without: d.withoutCount });
    out.push(`  ${`${d.feature} ${valueText(d, nicknames, say)}`.padEnd(32)} ${line}`);
  }
  out.push('', say('kollearn.cli.means', { means: report.numeric.map((n) => `${n.feature} ${n.topMean} / ${n.restMean} (${signed(n.diff)})`).join('; ') }));
  out.push('', say(report.suggestions.length > 0 ? 'kollearn.cli.suggestions' : 'kollearn.cli.noSuggestions'));
  for (const s of report.suggestions) out.push(`  - ${learnSay(language, s.text).text}${s.prompt ? `  ${say('kollearn.cli.prompt', { prompt: s.prompt })}` : ''}`);
  return out;
}

async function learn(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const period = intFlag(args, 'period', 1, 365) ?? 30;
  if (![7, 30, 90].includes(period)) throw refuse.period();
  const persona = stringFlag(args, 'persona');
  const personaId = persona === undefined ? null : resolvePersona(studio.store, persona, '--persona');
  const clientId = stringFlag(args, 'client') ?? null;
  const report = learningReport(studio.store, { periodDays: period, personaId, clientId }, studio.kolMetrics.now());
  if (args.flags.has('json')) io.out(JSON.stringify(report));
  else {
    const language = cliLanguage(studio);
    const say = sayIn(language);
    const scope = `${persona !== undefined ? say('kollearn.cli.scopePersona', { persona }) : ''}${clientId ? say('kollearn.cli.scopeClient', { client: clientId }) : ''}`;
    for (const line of reportLines(report, scope, language)) io.out(line);
  }
  return 0;
}

function problemLines(result: MetricsCsvResult, language: Language): string[] {
  return result.rows.flatMap((r) =>
    r.problems.map((p) => {
      const said = learnSay(language, p.message);
      return kolLearnText.say(language, 'kollearn.cli.problem', { line: r.line, field: p.field, text: `${said.text}${said.hint ? ` ${said.hint}` : ''}` });
    }),
  );
}

async function importMetrics(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['json', 'dry-run']);
  const file = args.positionals[0];
  if (!file) throw refuse.needsFile('kingjam kol metrics import');
  const full = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw refuse.fileMissing(full);
  }
  if (stat.size > METRICS_CSV_MAX_CHARS) throw refuse.csvTooLarge(full, stat.size, METRICS_CSV_MAX_CHARS);
  const dryRun = args.flags.has('dry-run');
  const result = studio.kolMetrics.importCsv(fs.readFileSync(full, 'utf8'), dryRun);
  const language = cliLanguage(studio);
  const say = sayIn(language);
  const problems = problemLines(result, language);
  if (args.flags.has('json')) io.out(JSON.stringify(result));
  else for (const line of problems) io.out(line);
  if (problems.length > 0) {
    io.err(say('kollearn.cli.problemLines', { count: result.rows.filter((r) => r.problems.length > 0).length }));
    return 1;
  }
  io.err(dryRun ? say('kollearn.cli.checked', { count: result.rows.length }) : say('kollearn.cli.updated', { count: result.imported }));
  return 0;
}
