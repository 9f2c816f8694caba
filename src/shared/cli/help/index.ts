import type { Language } from '../../settings.js';
import { CORE_HELP, type CoreHelpKey } from './core.js';
import { CREATOR_HELP, type CreatorHelpKey } from './creator.js';
import { KOL_HELP, type KolHelpKey } from './kol.js';
import { PUBLISH_HELP, type PublishHelpKey } from './publish.js';
import { TOOLS_HELP, type ToolsHelpKey } from './tools.js';

/**
 * What `kingjam help` and a command's usage error say, in the three
 * languages: each area's descriptions live in their own table here; the
 * command syntax (`kingjam publish import FILE.csv [--dry-run]`) lives in the
 * command's file and is printed as written in every language.
 */
export type HelpKey = CoreHelpKey | PublishHelpKey | ToolsHelpKey | KolHelpKey | CreatorHelpKey;

const TABLES = [CORE_HELP, PUBLISH_HELP, TOOLS_HELP, KOL_HELP, CREATOR_HELP] as const;

export const HELP_TEXTS = Object.fromEntries(
  (['en', 'zh-TW', 'zh-CN'] as const).map((language) => [language, Object.assign({}, ...TABLES.map((table) => table[language])) as Record<HelpKey, string>]),
) as Record<Language, Record<HelpKey, string>>;

/** One line of a command's usage: its syntax, and what it does (absent on a line that continues the syntax above). */
export interface UsageEntry {
  readonly syntax: string;
  readonly about?: HelpKey;
}

/** Where a description starts: after the syntax when that is short, else on the next line at this column. */
const DESCRIPTION_COLUMN = 35;

export function helpSay(language: Language, key: HelpKey): string {
  return HELP_TEXTS[language][key];
}

/** The entries as lines (without the block's indent): the syntax as written, the description in `language`. */
export function usageText(language: Language, entries: readonly UsageEntry[]): string[] {
  const pad = ' '.repeat(DESCRIPTION_COLUMN);
  return entries.flatMap(({ syntax, about }) => {
    if (!about) return [syntax];
    const [first = '', ...more] = helpSay(language, about).split('\n');
    const head = syntax.length < DESCRIPTION_COLUMN - 1 ? [`${syntax.padEnd(DESCRIPTION_COLUMN)}${first}`] : [syntax, `${pad}${first}`];
    return [...head, ...more.map((line) => `${pad}${line}`)];
  });
}
