import { StudioError } from '../../shared/errors.js';
import { fillTemplate } from '../../shared/area-text.js';
import { cliText } from '../../shared/cli/text.js';
import { say, type Localized } from '../../shared/messages.js';
import { usageText, type UsageEntry } from '../../shared/cli/help/index.js';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--flag`; flags listed in `booleans` never take a value. */
export function parseArgs(argv: string[], booleans: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (eq !== -1) flags.set(name, arg.slice(eq + 1));
    else if (!booleans.includes(name) && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(name, argv[++i]!);
    else flags.set(name, true);
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw usageSaid(say('cli.needsValue', { flag: name }));
  return v;
}

export function intFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw usageSaid(say('cli.wholeNumber', { flag: name, min, max }));
  return n;
}

/** A usage error in English only; prefer usageSaid, which the CLI prints in the user's language. */
export function usage(message: string): StudioError {
  return new StudioError({ code: 'BAD_INPUT', message, hint: cliText.texts.en['cli.line.seeHelp'] });
}

/** A usage error (exit 2) said by a `cli.*` key (src/shared/cli/text.ts): English for logs, the user's language on stderr. */
export function usageSaid(said: Localized): StudioError {
  const id = `msg.${said.key}`;
  const message = cliText.has(id) ? fillTemplate(cliText.texts.en[id], said.params) : said.key;
  return new StudioError({ code: 'BAD_INPUT', message, hint: cliText.texts.en['cli.line.seeHelp'], ...said });
}

/** `--flag` was not one of `values` (a usage error). */
export function notOneOf(flag: string, values: readonly string[]): StudioError {
  return usageSaid(say('cli.oneOf', { flag, values: values.join(', ') }));
}

/**
 * A usage error that shows a command's usage block: its message is the
 * block in English (for logs); printError says it in the user's language,
 * the syntax as written and each line's description from src/shared/cli/help.
 */
export class UsageError extends StudioError {
  constructor(readonly entries: readonly UsageEntry[]) {
    super(usageSaid(say('cli.usage', { lines: usageText('en', entries).join('\n  ') })).toInfo());
  }
}

/** A usage block: "Usage:" and each line's description in the user's language, the command lines as written. */
export function usageLines(entries: readonly UsageEntry[]): StudioError {
  return new UsageError(entries);
}
