import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main/cli/index.js';
import { CATALOGS, printError } from '../src/main/cli/error-lines.js';
import { StudioError } from '../src/shared/errors.js';
import { MESSAGES, say } from '../src/shared/messages.js';
import { HELP_TEXTS, helpSay } from '../src/shared/cli/help/index.js';
import { DEFAULT_SETTINGS, type Language } from '../src/shared/settings.js';
import { tempHome } from './helpers/studio.js';

/**
 * `kingjam help` and the usage blocks of usage errors speak the user's
 * language (issue 15: every word a user sees in zh-TW, zh-CN and en): the
 * headings and each command's description come from the three-language
 * tables in src/shared/cli/help; the command syntax is printed as written.
 */
const CJK = /[\u3400-\u9fff]/;
/** Three English words in a row: a description left untranslated. */
const ENGLISH_RUN = /\b[a-z]{3,} [a-z]{2,} [a-z]{2,}\b/i;
/** Where a description starts on a line of `kingjam help` (2 of indent + the syntax column). */
const COLUMN = 37;

const previous = { home: process.env.KINGJAM_HOME, language: process.env.KINGJAM_LANGUAGE };
beforeAll(() => {
  // A fresh data folder: KINGJAM_LANGUAGE decides.
  process.env.KINGJAM_HOME = path.join(tempHome('kingjam-help-'), 'none');
});
afterAll(() => {
  for (const [name, value] of [['KINGJAM_HOME', previous.home], ['KINGJAM_LANGUAGE', previous.language]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function kingjam(language: Language, ...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  process.env.KINGJAM_LANGUAGE = language;
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(...l.split('\n')) });
  return { code, out, err };
}

/** A help line split into its syntax (`kingjam …`, or a continuation of flags) and its description. */
function split(line: string): { syntax: string; description: string } {
  const body = line.trimStart();
  if (body.startsWith('kingjam ') && line.startsWith('  ')) {
    // The syntax never holds two spaces in a row: two before the column mean a description follows on this line.
    return line.length > COLUMN && line.slice(COLUMN - 2, COLUMN) === '  '
      ? { syntax: line.slice(0, COLUMN).trim(), description: line.slice(COLUMN).trim() }
      : { syntax: body, description: '' };
  }
  if (/^ {8}--/.test(line)) return { syntax: body, description: '' };
  return { syntax: '', description: body };
}

const ENGINE_COMMANDS = ['demo', 'serve', 'import', 'compose', 'motion', 'generate', 'account', 'jobs', 'publish', 'doctor', 'batch', 'worker', 'photo', 'kol', 'character', 'style', '3d', 'ink', 'boxes'];

describe('kingjam help in three languages', () => {
  it('zh-TW and zh-CN: every heading and description line is Chinese; the syntax is the English one, command for command', async () => {
    const english = await kingjam('en', 'help');
    expect(english.code).toBe(0);
    const syntax = (lines: string[]) => lines.map((l) => split(l).syntax).filter(Boolean);
    const englishSyntax = syntax(english.out);
    for (const command of ENGINE_COMMANDS) expect(englishSyntax.some((s) => s.startsWith(`kingjam ${command} `) || s === `kingjam ${command}`)).toBe(true);
    expect(english.out[0]).toBe('kingjam — KingJam Studio without a window');
    expect(english.out).toContain('  kingjam publish import FILE.csv [--dry-run] [--json]');
    expect(english.out.join('\n')).toContain('schedule posts from a CSV (docs/publish-csv.md)');

    for (const language of ['zh-TW', 'zh-CN'] as const) {
      const { code, out } = await kingjam(language, 'help');
      expect(code).toBe(0);
      expect(syntax(out)).toEqual(englishSyntax);
      const descriptions = out.map((l) => split(l).description).filter(Boolean);
      // Every non-syntax line: title, headings, descriptions, footer.
      expect(descriptions.length).toBeGreaterThan(60);
      expect(descriptions.filter((d) => !CJK.test(d))).toEqual([]);
      expect(descriptions.filter((d) => ENGLISH_RUN.test(d.replace(/`[^`]*`|\([^)]*\.md[^)]*\)|\$\w+|--[\w-]+/g, '')))).toEqual([]);
      // Each described command keeps its description on its own line or the next, in this language.
      expect(out).toContain('  kingjam publish import FILE.csv [--dry-run] [--json]');
      expect(out.join('\n')).toContain(HELP_TEXTS[language]['help.publish.import'].split('\n')[0]);
    }
    expect((await kingjam('zh-TW', 'help')).out[0]).toBe('kingjam — 不開視窗的 KingJam Studio');
    expect((await kingjam('zh-CN', 'help')).out[0]).toBe('kingjam — 不开窗口的 KingJam Studio');
  });

  it('the three tables have the same keys, none empty, and the Chinese ones are Chinese', () => {
    const keys = Object.keys(HELP_TEXTS.en).sort();
    for (const language of ['zh-TW', 'zh-CN'] as const) {
      expect(Object.keys(HELP_TEXTS[language]).sort()).toEqual(keys);
      for (const key of keys) {
        const text = HELP_TEXTS[language][key as keyof (typeof HELP_TEXTS)['en']];
        for (const line of text.split('\n')) expect(CJK.test(line), `${language} ${key}: ${line}`).toBe(true);
      }
    }
    for (const key of keys) expect(HELP_TEXTS.en[key as keyof (typeof HELP_TEXTS)['en']].trim()).not.toBe('');
  });
});

describe('usage errors show the usage block in the user’s language', () => {
  it('kingjam publish (no subcommand): zh-TW descriptions under the syntax, exit 2', async () => {
    const { code, err } = await kingjam('zh-TW', 'publish', 'frob');
    expect(code).toBe(2);
    expect(err[0]).toBe('錯誤：用法：');
    expect(err).toContain('  kingjam publish import FILE.csv [--dry-run] [--json]');
    expect(err.join('\n')).toContain('從 CSV 排程貼文（docs/publish-csv.md）');
    expect(err.at(-1)).toBe('怎麼做：執行 `kingjam help` 查看用法。');
  });

  it('kingjam kol personas (bad action) in zh-CN, and the same block in English', async () => {
    const zh = await kingjam('zh-CN', 'kol', 'personas', 'frob');
    expect(zh.code).toBe(2);
    expect(zh.err.join('\n')).toContain('修改人设的设置；SETTINGS：');
    expect(zh.err).toContain('        --time-zone Asia/Taipei --auto-approve on|off --learning on|off');
    const en = await kingjam('en', 'kol', 'personas', 'frob');
    expect(en.err[0]).toBe('error: Usage:');
    expect(en.err.join('\n')).toContain('change a persona’s settings; SETTINGS:');
    expect(en.err.join('\n')).not.toMatch(CJK);
  });
});

describe('the engine commands’ plain lines follow the language too', () => {
  it('jobs list and account status in zh-TW, zh-CN and en', async () => {
    expect((await kingjam('zh-TW', 'jobs', 'list')).out).toEqual(['還沒有任何工作。']);
    expect((await kingjam('zh-CN', 'jobs', 'list')).out).toEqual(['还没有任何任务。']);
    expect((await kingjam('en', 'jobs', 'list')).out).toEqual(['No jobs yet.']);
    expect((await kingjam('zh-TW', 'account', 'status')).out[0]).toMatch(/^尚未登入（雲端：\S+）。$/);
    expect((await kingjam('en', 'account', 'status')).out[0]).toMatch(/^Not signed in \(cloud: \S+\)\.$/);
  });
});

describe('a service error the CLI prints: the core server messages are said in the user’s language', () => {
  it('credits and providers in zh-TW and zh-CN, the English message word for word in en', () => {
    const err = new StudioError({ code: 'INSUFFICIENT_CREDITS', message: 'This needs 30 credits; 12 are available.', ...say('credits.insufficient', { needed: 30, available: 12 }) });
    const lines = (language: 'en' | 'zh-TW' | 'zh-CN') => {
      const out: string[] = [];
      printError({ out: () => undefined, err: (l) => out.push(l) }, err, language);
      return out;
    };
    expect(lines('zh-TW')[0]).toBe('錯誤：這需要 30 點，您的錢包目前可用 12 點。');
    expect(lines('zh-TW')[1]).toMatch(/^怎麼做：.*[\u4e00-\u9fff]/);
    expect(lines('zh-CN')[0]).toBe('错误：这需要 30 点，您的钱包目前可用 12 点。');
    expect(lines('en')[0]).toBe('error: This needs 30 credits; 12 are available.');
    const provider = new StudioError({ code: 'PROVIDER_NOT_CONFIGURED', message: 'Gemini is not set up.', ...say('provider.notConfigured.key', { provider: 'Gemini' }) });
    const out: string[] = [];
    printError({ out: () => undefined, err: (l) => out.push(l) }, provider, 'zh-CN');
    expect(out[0]).toBe('错误：Gemini 尚未设置：没有 API 密钥。');
  });
});

describe('every message key main or a worker can throw has its text where the CLI looks', () => {
  it('in zh-TW, zh-CN and en (the renderer and `kingjam` read the same shared catalogs)', () => {
    const missing = (['en', 'zh-TW', 'zh-CN'] as const).flatMap((language) =>
      Object.keys(MESSAGES)
        .filter((key) => !CATALOGS.some((catalog) => catalog[language][`msg.${key}`] !== undefined))
        .map((key) => `${language} msg.${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('a data folder not made yet: help speaks the language a new studio starts in, as the next command will', async () => {
    delete process.env.KINGJAM_LANGUAGE;
    const out: string[] = [];
    expect(await runCli(['help'], { out: (l) => out.push(...l.split('\n')), err: () => undefined })).toBe(0);
    expect(out[0]).toBe(helpSay(DEFAULT_SETTINGS.language, 'help.title'));
    expect(DEFAULT_SETTINGS.language).toBe('zh-TW');
  });
});
