import type { UsageEntry } from '../../../../shared/cli/help/index.js';
import { say } from '../../../../shared/messages.js';
import fs from 'node:fs';
import path from 'node:path';
import { dispatchCall } from '../../../api/dispatch.js';
import { createHandlers, type Handlers } from '../../../api/handlers.js';
import type { CallName, CallOutput } from '../../../../shared/api/contract.js';
import { StudioError } from '../../../../shared/errors.js';
import { kolCliText, type KolCliKey } from '../../../../shared/kol/cli-text.js';
import type { Studio } from '../../../studio.js';
import { parseArgs, stringFlag, type ParsedArgs, usageSaid } from '../../args.js';
import { type CliIo, cliLanguage } from '../../context.js';
import type { Language } from '../../../../shared/settings.js';

/**
 * What every `kingjam kol <sub>` module gets: the contract's calls through
 * the same handlers (and zod checks) as the UI, its flags, and the output.
 */
export interface KolCli {
  studio: Studio;
  io: CliIo;
  args: ParsedArgs;
  json: boolean;
  /** One contract call; an error comes back as the StudioError it was. */
  call<N extends CallName>(name: N, input: unknown): Promise<CallOutput<N>>;
  /** The language `kingjam` speaks (KINGJAM_LANGUAGE, else the studio's). */
  language: Language;
  /** A line in the studio's language (src/shared/kol/cli-text.ts). */
  say(key: KolCliKey, params?: Record<string, string | number>): string;
  /** Prints `value` as JSON with --json, else the plain lines. */
  print(value: unknown, lines: () => string[]): void;
}

/**
 * One `kingjam kol <name>` subcommand: add a module exporting one and a line
 * in KOL_SUBCOMMANDS (src/main/cli/commands/kol.ts).
 */
export interface KolSubcommand {
  /** Lines for `kingjam help` and the usage error, each starting `kingjam kol <name>`. */
  usage: UsageEntry[];
  /** Flags that never take a value (besides --json). */
  booleans?: string[];
  /** Whether this subcommand needs the job queue worked in this process (default: no). */
  worksQueue?: (argv: string[]) => boolean;
  run(cli: KolCli, action: string | undefined): Promise<number>;
}

export function kolCli(studio: Studio, argv: string[], io: CliIo, booleans: string[]): KolCli {
  const args = parseArgs(argv, ['json', ...booleans]);
  const json = args.flags.has('json');
  let handlers: Handlers | null = null;
  const language = cliLanguage(studio);
  return {
    studio,
    io,
    args,
    json,
    async call(name, input) {
      const r = await dispatchCall((handlers ??= createHandlers(studio, 'web')), name, input);
      if (!r.ok) throw new StudioError(r.error);
      return r.value as CallOutput<typeof name>;
    },
    language,
    say: (key, params) => kolCliText(language, key, params),
    print(value, lines) {
      if (json) io.out(JSON.stringify(value));
      else for (const line of lines()) io.out(line);
    },
  };
}

/** The first positional (an id), or a usage error naming the command that lists the ids. */
export function idArg(cli: KolCli, list: string, command: string): string {
  const id = cli.args.positionals[0];
  if (!id) throw usageSaid(say('cli.needsId', { command, list }));
  return id;
}

/** `a,b , c` → ['a', 'b', 'c']; undefined when the flag is absent. */
export function listFlag(args: ParsedArgs, name: string): string[] | undefined {
  const v = stringFlag(args, name);
  return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** A number flag within bounds (not only whole numbers). */
export function numberFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw usageSaid(say('cli.numberRange', { flag: name, min, max }));
  return n;
}

/** A text flag, or the text of the file its `-file` twin names (`--content` / `--content-file`). */
export function textFlag(args: ParsedArgs, name: string): string | undefined {
  const file = stringFlag(args, `${name}-file`);
  if (file !== undefined) {
    try {
      return fs.readFileSync(path.resolve(file), 'utf8');
    } catch {
      throw new StudioError({ code: 'FILE_NOT_FOUND', message: `There is no file ${path.resolve(file)}.`, ...say('cli.fileMissing', { file: path.resolve(file) }) });
    }
  }
  return stringFlag(args, name);
}

/** One line of text, at most `max` characters, for the plain listings. */
export function excerpt(text: string, max = 40): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return [...one].length > max ? `${[...one].slice(0, max - 1).join('')}…` : one;
}
