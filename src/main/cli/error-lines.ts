import fs from 'node:fs';
import { toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { batchText } from '../../shared/batch/text.js';
import { cliServiceText } from '../../shared/cli/service-text.js';
import { cliText } from '../../shared/cli/text.js';
import { farmText } from '../../shared/farm/text.js';
import { INK_SERVICE_TEXT } from '../../shared/ink/text.js';
import { kolLearnText } from '../../shared/kol/learning/texts.js';
import { lifecycleText } from '../../shared/lifecycle/text.js';
import { MESH_APP_TEXT } from '../../shared/mesh/app-text.js';
import { outputsText } from '../../shared/outputs/text.js';
import { PHOTO_SERVICE_TEXT } from '../../shared/photo/service-text.js';
import { PUBLISH_TEXTS } from '../../shared/publish/said.js';
import { TRIG_TEXTS } from '../../shared/kol/trig-said.js';
import { AREA_MESSAGES } from '../../shared/i18n/areas/index.js';
import { messagesEn } from '../../shared/i18n/messages.en.js';
import { messagesZhCN } from '../../shared/i18n/messages.zh-CN.js';
import { messagesZhTW } from '../../shared/i18n/messages.zh-TW.js';
import { fillTemplate } from '../../shared/area-text.js';
import { withPlatformNames } from '../../shared/platform-names.js';
import { DEFAULT_SETTINGS, LANGUAGES, type Language } from '../../shared/settings.js';
import { workerLanguage } from '../farm/cli-options.js';
import { dataPaths } from '../paths.js';
import { openStore } from '../store/db.js';
import { readSettings } from '../store/settings.js';
import { languageOverride, type CliIo } from './context.js';
import { UsageError } from './args.js';
import { WorkFailed } from './exit-code.js';
import { usageText } from '../../shared/cli/help/index.js';

/** The core server messages (providers, credits, jobs, files, media…), the same catalog the renderer shows. */
const SERVER_MESSAGES: Record<Language, Record<string, string>> = { en: messagesEn, 'zh-TW': messagesZhTW, 'zh-CN': messagesZhCN };

/**
 * How `kingjam` prints a failure in the user's language: the error's key
 * (`msg.<key>`, and `msg.<key>.hint`) looked up in the texts main may
 * import (each area's shared texts, src/shared/cli for the rest), else the
 * KingJam cloud's code (`cloudErr.<CODE>`, as the studio shows it); an error
 * with neither is one the studio did not expect: its English message is
 * printed under a line that says so in the user's language.
 */
export const CATALOGS: Record<Language, Record<string, string>>[] = [
  cliText.texts,
  cliServiceText.texts,
  farmText.texts,
  batchText.texts,
  lifecycleText.texts,
  outputsText.texts,
  kolLearnText.texts,
  PHOTO_SERVICE_TEXT,
  INK_SERVICE_TEXT,
  MESH_APP_TEXT,
  PUBLISH_TEXTS,
  TRIG_TEXTS,
  SERVER_MESSAGES,
  AREA_MESSAGES,
];

/** The English hint `usage()` gives (src/main/cli/args.ts); said as `cli.line.seeHelp`. */
export const USAGE_HINT = cliText.texts.en['cli.line.seeHelp'];

/** A text of the catalogs in `language`, filled (a platform named by id is said by its name); null when none has it. */
export function lookup(language: Language, id: string, params: ErrorInfo['params']): string | null {
  for (const catalog of CATALOGS) {
    const text = catalog[language][id];
    if (text !== undefined) return fillTemplate(text, withPlatformNames(params ?? {}, language));
  }
  return null;
}

/** The cloud's own code's text (`cloudErr.<CODE>`), the sentence the studio shows for it. */
function cloudText(info: ErrorInfo, language: Language): string | null {
  return info.cloud ? lookup(language, `cloudErr.${info.cloud.code}`, {}) : null;
}

/** Whether an error says what happened in the user's language: a key, a cloud code the catalogs know, or a usage error (the CLI's own words). */
export function isSaid(info: ErrorInfo): boolean {
  return info.hint === USAGE_HINT || (info.key !== undefined && lookup('en', `msg.${info.key}`, info.params) !== null) || cloudText(info, 'en') !== null;
}

/** The error's message and hint in `language`. */
export function localisedError(info: ErrorInfo, language: Language): { message: string; hint: string | null } {
  // English keeps the error's own message, word for word as before (logs and scripts match on it).
  if (language === 'en') return { message: info.message, hint: info.hint ?? (info.key ? lookup('en', `msg.${info.key}.hint`, info.params) : null) };
  const message = (info.key ? lookup(language, `msg.${info.key}`, info.params) : null) ?? cloudText(info, language);
  const keyHint = info.key ? lookup(language, `msg.${info.key}.hint`, info.params) : null;
  const usageHint = info.hint === USAGE_HINT ? cliText.say(language, 'cli.line.seeHelp') : null;
  // A localised message never comes with an English hint: the key's own hint, the usage hint, or none.
  const hint = keyHint ?? usageHint ?? (message === null ? (info.hint ?? null) : null);
  return { message: message ?? info.message, hint };
}

/**
 * A failure already said in the user's language by the command that saw it
 * (a publish failure with what its class asks of the user): printed as it is.
 */
export class SaidFailure extends WorkFailed {
  constructor(
    info: ErrorInfo,
    readonly said: { message: string; hint: string | null },
  ) {
    super(info);
  }
}

/**
 * Prints `error: …` and `what to do: …` on stderr in `language`. An error
 * with nothing to say it by (a bug, a state the code did not expect) keeps
 * its English message, under a line in the user's language that says it is
 * an internal error; English prints the message alone, as it always has.
 */
export function printError(io: CliIo, err: unknown, language: Language): void {
  const info = toErrorInfo(err);
  // A usage block's descriptions are said in the language it is printed in, not the English it was thrown with.
  if (err instanceof UsageError) info.params = { lines: usageText(language, err.entries).join('\n  ') };
  const { message, hint } = err instanceof SaidFailure ? err.said : localisedError(info, language);
  if (language !== 'en' && !(err instanceof SaidFailure) && !isSaid(info)) {
    io.err(cliText.say(language, 'cli.line.error', { message: cliText.say(language, 'cli.line.internal') }));
    io.err(`  ${message}`);
  } else io.err(cliText.say(language, 'cli.line.error', { message }));
  if (hint) io.err(cliText.say(language, 'cli.line.whatToDo', { hint }));
}

/**
 * The language of a failure that came before or without a studio:
 * KINGJAM_LANGUAGE, else the studio's setting when its database exists, else
 * the language a new studio starts in (so `kingjam help` on a fresh data
 * folder speaks as the first command that makes the folder will), else — a
 * database that cannot be read — the system locale (as a farm worker's).
 */
export function languageWithoutStudio(home: string, env: NodeJS.ProcessEnv = process.env): Language {
  const chosen = languageOverride(env);
  if (chosen) return chosen;
  const file = dataPaths(home).database;
  if (!fs.existsSync(file)) return DEFAULT_SETTINGS.language;
  try {
    const store = openStore(file, { skipIntegrityCheck: true });
    try {
      const stored = readSettings(store).language;
      if ((LANGUAGES as readonly string[]).includes(stored)) return stored;
    } finally {
      store.close();
    }
  } catch {
    // A database this app cannot open says so itself when a command opens it; its language falls back below.
  }
  return workerLanguage(env);
}
