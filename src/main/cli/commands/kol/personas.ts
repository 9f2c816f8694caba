import type { UsageEntry } from '../../../../shared/cli/help/index.js';
import { refuse } from '../../refusals.js';
import fs from 'node:fs';
import path from 'node:path';
import type { PersonaPatch, PersonaView } from '../../../../shared/kol/persona.js';
import { StudioError } from '../../../../shared/errors.js';
import { intFlag, stringFlag, type ParsedArgs, usageLines } from '../../args.js';
import { excerpt, idArg, listFlag, type KolCli, type KolSubcommand } from './kit.js';
import { writeTextFile } from '../../json-file.js';
import { personaCliText, type PersonaCliKey } from '../../../../shared/kol/persona-cli-text.js';
import type { Language } from '../../../../shared/settings.js';
import { resolvePersona, resolvePersonas } from '../../persona-arg.js';

const USAGE: UsageEntry[] = [
  { syntax: 'kingjam kol personas list [--client C] [--archived] [--json]', about: 'help.kol.personas.list' },
  { syntax: 'kingjam kol personas show ID|NICKNAME [--json]', about: 'help.kol.personas.show' },
  { syntax: 'kingjam kol personas create --nickname N --persona TEXT [SETTINGS] [--json]', about: 'help.kol.personas.create' },
  { syntax: 'kingjam kol personas update ID [SETTINGS] [--json]', about: 'help.kol.personas.update' },
  { syntax: '      --account ID[,ID] --client C --style S --audience A --expertise a,b' },
  { syntax: '      --tone T --language zh-TW|zh-CN|en --provider P --model M --temperature 0.7 --per-day N --quiet 23:00-07:00|none' },
  { syntax: '      --time-zone Asia/Taipei --auto-approve on|off --learning on|off' },
  { syntax: 'kingjam kol personas archive ID', about: 'help.kol.personas.archive' },
  { syntax: 'kingjam kol personas export [FILE.json] [--id ID|NICKNAME[,…]]', about: 'help.kol.personas.export' },
  { syntax: 'kingjam kol personas import FILE.json [--json]', about: 'help.kol.personas.import' },
];

function onOff(args: ParsedArgs, name: string): boolean | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (v !== 'on' && v !== 'off') throw refuse.onOff(name);
  return v === 'on';
}

/** The settings flags as a patch: only what was given (the contract's schema checks the values). */
function settingsFlags(args: ParsedArgs): PersonaPatch {
  const patch: Record<string, unknown> = {};
  const tone: Record<string, unknown> = {};
  const model: Record<string, unknown> = {};
  const limits: Record<string, unknown> = {};
  const set = (into: Record<string, unknown>, key: string, value: unknown): void => {
    if (value !== undefined) into[key] = value;
  };
  set(patch, 'nickname', stringFlag(args, 'nickname'));
  set(patch, 'persona', stringFlag(args, 'persona'));
  set(patch, 'contentStyle', stringFlag(args, 'style'));
  set(patch, 'targetAudience', stringFlag(args, 'audience'));
  set(patch, 'expertiseAreas', listFlag(args, 'expertise'));
  set(patch, 'accountIds', listFlag(args, 'account'));
  set(patch, 'clientId', stringFlag(args, 'client'));
  set(patch, 'autoApprove', onOff(args, 'auto-approve'));
  set(patch, 'learningEnabled', onOff(args, 'learning'));
  set(tone, 'tone', stringFlag(args, 'tone'));
  set(tone, 'language', stringFlag(args, 'language'));
  set(model, 'provider', stringFlag(args, 'provider'));
  set(model, 'model', stringFlag(args, 'model'));
  const temperature = stringFlag(args, 'temperature');
  set(model, 'temperature', temperature === undefined ? undefined : Number(temperature));
  set(limits, 'perDay', intFlag(args, 'per-day', 1, 200));
  set(limits, 'timeZone', stringFlag(args, 'time-zone'));
  const quiet = stringFlag(args, 'quiet');
  if (quiet !== undefined) {
    const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(quiet);
    if (quiet !== 'none' && !m) throw refuse.quietHours();
    limits.quietHours = m ? { start: m[1], end: m[2] } : null;
  }
  if (Object.keys(tone).length) patch.tone = tone;
  if (Object.keys(model).length) patch.model = model;
  if (Object.keys(limits).length) patch.limits = limits;
  return patch as PersonaPatch;
}

function line(p: PersonaView, language: Language): string {
  const say = (key: PersonaCliKey, params: Record<string, string | number> = {}): string => personaCliText.say(language, key, params);
  const s = p.stats;
  return say('personas.line', {
    id: p.id,
    nickname: p.nickname.padEnd(16),
    language: p.tone.language.padEnd(6),
    accounts: p.accountIds.length,
    posts: s.posts,
    pending: s.pendingReview,
    published: s.published,
    failed: s.failed,
    archived: p.archivedAt !== null ? say('personas.archived') : '',
  });
}

function detail(p: PersonaView, language: Language): string[] {
  const say = (key: PersonaCliKey, params: Record<string, string | number> = {}): string => personaCliText.say(language, key, params);
  const quiet = p.limits.quietHours ? `${p.limits.quietHours.start}-${p.limits.quietHours.end}` : say('personas.none');
  return [
    say('personas.persona', { id: p.id, nickname: p.nickname }),
    say('personas.who', { who: excerpt(p.persona, 100) }),
    say('personas.voice', { tone: p.tone.tone, language: p.tone.language, emoji: p.tone.emoji, model: `${p.model.provider}${p.model.model ? `/${p.model.model}` : ''}`, temperature: p.model.temperature }),
    say('personas.accounts', { accounts: p.accountIds.join(', ') || '—', client: p.clientId ? say('personas.client', { id: p.clientId }) : '' }),
    say('personas.limits', { perDay: p.limits.perDay, quiet, zone: p.limits.timeZone, auto: say(p.autoApprove ? 'personas.on' : 'personas.off') }),
    say('personas.posts', { posts: p.stats.posts, pending: p.stats.pendingReview, published: p.stats.published, failed: p.stats.failed, engagement: p.stats.meanEngagement ?? '—' }),
  ];
}

function readFile(file: string | undefined, what: string): string {
  if (!file) throw refuse.needsFile(what);
  try {
    return fs.readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw refuse.fileMissing(file);
  }
}

function readPersonaJson(file: string): object {
  try {
    const value = JSON.parse(readFile(file, '--from')) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch (err) {
    if (err instanceof StudioError) throw err;
  }
  throw refuse.personaJson(file);
}

async function run(cli: KolCli, action: string | undefined): Promise<number> {
  const { args } = cli;
  switch (action) {
    case 'list': {
      const list = await cli.call('kol.personas.list', { ...(stringFlag(args, 'client') ? { clientId: stringFlag(args, 'client') } : {}), includeArchived: args.flags.has('archived') });
      cli.print(list, () => (list.length ? list.map((p) => line(p, cli.language)) : [cli.say('noPersonas')]));
      return 0;
    }
    case 'show': {
      const p = await cli.call('kol.personas.get', { id: personaArg(cli, 'show') });
      cli.print(p, () => detail(p, cli.language));
      return 0;
    }
    case 'create': {
      const from = stringFlag(args, 'from');
      const input = from ? { ...readPersonaJson(from), ...settingsFlags(args) } : settingsFlags(args);
      const p = await cli.call('kol.personas.create', input);
      cli.print(p, () => [line(p, cli.language)]);
      return 0;
    }
    case 'update': {
      const p = await cli.call('kol.personas.update', { id: personaArg(cli, 'update'), patch: settingsFlags(args) });
      cli.print(p, () => [line(p, cli.language)]);
      return 0;
    }
    case 'archive': {
      const r = await cli.call('kol.personas.archive', { id: personaArg(cli, 'archive') });
      cli.print(r, () => [cli.say(r.archived ? 'archived' : 'alreadyArchived')]);
      return 0;
    }
    case 'export': {
      const named = listFlag(args, 'id');
      const ids = named && resolvePersonas(cli.studio.store, named, '--id');
      const file = await cli.call('kol.personas.export', ids ? { ids } : {});
      const target = args.positionals[0];
      const text = `${JSON.stringify(file, null, 2)}\n`;
      if (target === undefined || target === '-') process.stdout.write(text);
      else {
        writeTextFile(target, text);
        cli.io.err(cli.say('exported', { count: file.personas.length, file: path.resolve(target) }));
      }
      return 0;
    }
    case 'import': {
      const created = await cli.call('kol.personas.import', { json: readFile(args.positionals[0], 'kingjam kol personas import') });
      cli.print(created, () => [...created.map((p) => line(p, cli.language)), cli.say('imported', { count: created.length })]);
      return 0;
    }
    default:
      throw usageLines(USAGE);
  }
}

/** The persona a `personas show|update|archive` names, by id or nickname. */
function personaArg(cli: KolCli, verb: string): string {
  return resolvePersona(cli.studio.store, idArg(cli, 'kingjam kol personas list', `kingjam kol personas ${verb}`), 'ID');
}

export const personasSubcommand: KolSubcommand = { usage: USAGE, booleans: ['archived'], run };
