import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKS, PLANS } from '../cloud-sync/src/billing/catalog.js';
import { CLOUD_ERROR_CODES } from '../cloud-sync/src/error-codes.js';
import type { JournalKind } from '../cloud-sync/src/db/schema.js';
import { LEDGER_REASONS } from '../cloud-sync/src/ledger/reasons.js';
import { ERROR_CODES, StudioError, toErrorInfo } from '../src/shared/errors.js';
import { GEN_PURPOSES } from '../src/shared/gateway.js';
import { TONE_IDS } from '../src/shared/generate/tones.js';
import { LEDGER_REASON_KEYS, PACK_IDS, PLAN_IDS, offlineAllowanceReason, readLedgerReason } from '../src/shared/ledger-reasons.js';
import { MESSAGES, messageHasHint, say, type MessageId } from '../src/shared/messages.js';
import { PROGRESS_LABELS, describeProgress, progressLabel, type ProgressKey } from '../src/shared/progress-labels.js';
import type { Language } from '../src/shared/settings.js';
import { en } from '../src/renderer/i18n/locales/en.js';
import { zhCN } from '../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../src/renderer/i18n/locales/zh-TW.js';
import type { Translate } from '../src/renderer/i18n/index.js';
import { errorDetail, errorHint, ledgerReasonText, offerName, progressText } from '../src/renderer/lib/serverText.js';
import { notConfigured, quotaExceeded } from '../src/workers/generation/providers/errors.js';

/**
 * Every message main, a worker or the cloud can show a user has a text in
 * each UI language, with the parameters its key declares. New codes and keys
 * are picked up from their registries (ERROR_CODES, MESSAGES,
 * PROGRESS_LABELS, CLOUD_ERROR_CODES, the billing catalog, TONES); only a new
 * LEDGER_REASONS builder or JournalKind must be added to its list below (the
 * test and the type checker say so).
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const CATALOGS: Record<Language, Record<string, string>> = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };

/** Each problem as "<language> <key>: <what>", so a failure lists everything missing at once. */
function problems(key: string, params: readonly string[] = [], options: { allParams?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const [language, catalog] of Object.entries(CATALOGS)) {
    const text = catalog[key];
    if (typeof text !== 'string' || text.trim() === '') {
      out.push(`${language} ${key}: no text`);
      continue;
    }
    const used = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    for (const name of used) if (!params.includes(name)) out.push(`${language} ${key}: {${name}} is not a parameter it is given`);
    if (options.allParams !== false) for (const name of params) if (!used.includes(name)) out.push(`${language} ${key}: misses {${name}}`);
    // A Chinese text that is the English one was not translated.
    if (language !== 'en' && text === CATALOGS.en[key] && /[a-z]{3,} [a-z]{2,} [a-z]{2,}/i.test(text.replace(/\{\w+\}/g, ''))) {
      out.push(`${language} ${key}: still English`);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Source without comments (which show how to add a key with made-up ones). */
const SRC = sourceFiles(path.join(ROOT, 'src')).map((f) =>
  fs
    .readFileSync(f, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
    .join('\n'),
);
const CLOUD_SRC = sourceFiles(path.join(ROOT, 'cloud-sync', 'src')).map((f) => fs.readFileSync(f, 'utf8'));

/** Keys a call names literally (`fn('a.b'`), and the prefixes of keys it builds (`fn(\`a.${x}\``). */
function calledKeys(fn: string): { literal: Set<string>; prefixes: Set<string> } {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  // Only files that import the function: the CLI has a say() of its own.
  for (const text of SRC.filter((t) => new RegExp(`import \\{[^}]*\\b${fn}\\b[^}]*\\} from '[./]+(shared/)?(messages|progress-labels)\\.js'`).test(t))) {
    for (const m of text.matchAll(new RegExp(`\\b${fn}\\(\\s*'([^']+)'`, 'g'))) literal.add(m[1]!);
    for (const m of text.matchAll(new RegExp(`\\b${fn}\\(\\s*\`([^\`$]*)\\$\\{`, 'g'))) prefixes.add(m[1]!);
    // A key chosen by a condition: fn(x ? 'a' : 'b', …).
    for (const m of text.matchAll(new RegExp(`\\b${fn}\\(([^(),\`]*\\?\\s*'[^']+'\\s*:\\s*'[^']+')`, 'g'))) {
      const [, yes, no] = /\?\s*'([^']+)'\s*:\s*'([^']+)'$/.exec(m[1]!)!;
      literal.add(yes!).add(no!);
    }
  }
  return { literal, prefixes };
}

function fakeT(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, vars) => (catalog[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
}

describe('every message a user can be shown is translated', () => {
  it('every error code has a title in zh-TW, zh-CN and en', () => {
    expect(ERROR_CODES.flatMap((code) => problems(`error.${code}`))).toEqual([]);
  });

  it('every message key has its text (and its hint) with exactly the parameters it declares', () => {
    const keys = Object.keys(MESSAGES) as MessageId[];
    expect(keys.length).toBeGreaterThan(80);
    const found = keys.flatMap((key) => {
      const params = MESSAGES[key].params;
      return [...problems(`msg.${key}`, params), ...(messageHasHint(key) ? problems(`msg.${key}.hint`, params, { allParams: false }) : [])];
    });
    expect(found).toEqual([]);
  });

  it('every key a throw site names is registered, and every registered key is used', () => {
    const { literal, prefixes } = calledKeys('say');
    expect([...literal].filter((k) => !(k in MESSAGES))).toEqual([]);
    const unused = Object.keys(MESSAGES).filter((k) => !literal.has(k) && ![...prefixes].some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it('every error code the cloud answers has a text', () => {
    // ApiError takes only listed codes (a type error otherwise); this catches a listed code with no text.
    const thrown = new Set(CLOUD_SRC.flatMap((text) => [...text.matchAll(/new ApiError\(\s*\d+\s*,\s*'([A-Z_]+)'/g)].map((m) => m[1]!)));
    expect([...thrown].filter((c) => !(CLOUD_ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(CLOUD_ERROR_CODES.flatMap((code) => problems(`cloudErr.${code}`))).toEqual([]);
  });

  it('every progress label has a text, and every label a worker reports is registered', () => {
    const keys = Object.keys(PROGRESS_LABELS) as ProgressKey[];
    expect(keys.flatMap((key) => problems(`progress.${key}`, [...PROGRESS_LABELS[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)))).toEqual([]);
    const { literal } = calledKeys('progressLabel');
    expect([...literal].filter((k) => !(k in PROGRESS_LABELS))).toEqual([]);
    expect(keys.filter((k) => !literal.has(k))).toEqual([]);
  });

  it('every credit-history reason the cloud or the desktop writes is read back and has a text', () => {
    const written = [
      LEDGER_REASONS.signupCredits(),
      ...(['signup', 'payment', 'monthly'] as const).flatMap((kind) => (['bronze', 'silver', 'gold'] as const).map((tier) => LEDGER_REASONS.referralBonus(kind, tier))),
      LEDGER_REASONS.lotsExpired(),
      LEDGER_REASONS.holdExpired(),
      ...PACKS.map((p) => LEDGER_REASONS.packPurchase(p.id)),
      ...PLANS.map((p) => LEDGER_REASONS.planMonth(p.id)),
      LEDGER_REASONS.withdrawalRequested(),
      LEDGER_REASONS.marketPurchase(),
      LEDGER_REASONS.marketSale(),
      LEDGER_REASONS.withdrawalRejected('document unreadable'),
      offlineAllowanceReason('studio-pc'),
      ...GEN_PURPOSES.map((purpose) => LEDGER_REASONS.generation(purpose, 'gemini-3.1-pro-preview')),
      LEDGER_REASONS.boxOpening(),
    ];
    expect(Object.keys(LEDGER_REASONS).length).toBe(12); // a new builder must be added to the list above
    expect(written.filter((r) => readLedgerReason(r) === null)).toEqual([]);
    expect(new Set(written.map((r) => readLedgerReason(r)!.key))).toEqual(new Set(LEDGER_REASON_KEYS));
    const params: Record<string, readonly string[]> = { 'referralBonus.signup': ['tier'], 'referralBonus.payment': ['tier'], 'referralBonus.monthly': ['tier'], packPurchase: ['pack'], planMonth: ['plan'], withdrawalRejected: ['note'], offlineAllowance: ['device'], generation: ['purpose', 'model'] };
    expect(LEDGER_REASON_KEYS.flatMap((key) => problems(`ledger.${key}`, params[key] ?? []))).toEqual([]);
  });

  it('every kind of credit-history entry the cloud records has a name', () => {
    // A Record over the cloud's JournalKind: a kind added there is a type error here until it is listed.
    const kinds: Record<JournalKind, true> = { grant: true, hold: true, capture: true, release: true, expire: true, refund: true, withdraw: true, adjust: true };
    expect(Object.keys(kinds).flatMap((kind) => problems(`entry.${kind}`))).toEqual([]);
  });

  it('every plan and pack the cloud sells, and every tone, has a name or guide in each language', () => {
    expect(PLANS.map((p) => p.id)).toEqual([...PLAN_IDS]);
    expect(PACKS.map((p) => p.id)).toEqual([...PACK_IDS]);
    expect([...PLAN_IDS.map((id) => `plan.${id}`), ...PACK_IDS.map((id) => `pack.${id}`), ...TONE_IDS.map((id) => `tone.${id}.guide`)].flatMap((key) => problems(key))).toEqual([]);
  });
});

describe('the renderer says a server message in the user language, never the English sentence', () => {
  it('a provider that is not set up, through the worker boundary (plain data), in each language', () => {
    const info = toErrorInfo(JSON.parse(JSON.stringify(notConfigured('gemini', 'key').toInfo())));
    expect(info).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED', key: 'provider.notConfigured.key', params: { provider: 'Gemini' } });
    expect(errorDetail(info, fakeT('zh-TW'), 'zh-TW')).toBe('Gemini 尚未設定：沒有 API 金鑰。');
    expect(errorDetail(info, fakeT('zh-CN'), 'zh-CN')).toBe('Gemini 尚未设置：没有 API 密钥。');
    expect(errorHint(info, fakeT('zh-TW'), 'zh-TW')).toContain('設定 → AI 服務');
    expect(errorDetail(info, fakeT('en'), 'en')).toBe('Gemini is not set up: there is no API key.');
  });

  it('a rate-limit wait carries its seconds', () => {
    const info = quotaExceeded('replicate', 'Request was throttled.', 12_000).toInfo();
    expect(errorDetail(info, fakeT('zh-TW'), 'zh-TW')).toBe('Replicate 的速率限制或配額已用完：Request was throttled. 服務要求等待 12 秒。');
  });

  it('an error without a key shows only its title in Chinese, the English message only in English', () => {
    const info = new StudioError({ code: 'CONFLICT', message: 'Some English sentence from main.', hint: 'An English hint.' }).toInfo();
    expect(errorDetail(info, fakeT('zh-TW'), 'zh-TW')).toBeNull();
    expect(errorHint(info, fakeT('zh-CN'), 'zh-CN')).toBeNull();
    expect(errorDetail(info, fakeT('en'), 'en')).toBe('Some English sentence from main.');
  });

  it('a cloud refusal is said by its code, with the wait that came with it', () => {
    const info = new StudioError({ code: 'CONFLICT', message: 'too many attempts', cloud: { code: 'RATE_LIMITED', retryAfterSeconds: 30 } }).toInfo();
    const text = errorDetail(info, fakeT('zh-TW'), 'zh-TW');
    expect(text).toContain('嘗試次數過多。');
    expect(text).toContain('30');
    expect(text).not.toContain('too many attempts');
  });

  it('progress labels, held reasons, credit-history reasons and pack names', () => {
    const t = fakeT('zh-TW');
    expect(progressText(progressLabel('encoded', { seconds: '3.0', total: '10.0' }), t, 'zh-TW')).toBe('已編碼 3.0 / 10.0 秒');
    expect(progressText(progressLabel('rateLimited', { max: 10, queue: 'video', window: 60, wait: 7 }), t, 'zh-TW')).toContain('7 秒後');
    expect(progressText('an old free-text label', t, 'zh-TW')).toBeNull();
    // The CLI prints the same label in English.
    expect(describeProgress(progressLabel('rateLimited', { max: 10, queue: 'video', window: 60, wait: 7 }))).toBe('Rate limit: at most 10 video jobs per 60 s; next start in 7 s');
    expect(ledgerReasonText(LEDGER_REASONS.packPurchase('pack_500'), t)).toBe('購買入門點數包');
    expect(ledgerReasonText(LEDGER_REASONS.referralBonus('signup', 'gold'), fakeT('zh-CN'))).toContain('推荐注册奖励');
    // A generation through the cloud: its purpose and the model's label, in the user's language.
    expect(ledgerReasonText(LEDGER_REASONS.generation('blog', 'gemini-3.1-pro-preview'), t)).toBe('部落格文章 · Gemini 3.1 Pro');
    expect(ledgerReasonText(LEDGER_REASONS.generation('voice-over', 'gemini-3.1-flash-tts-preview'), fakeT('en'))).toBe('Voice-over · Gemini 3.1 Flash TTS');
    expect(GEN_PURPOSES.flatMap((p) => problems(`genPurpose.${p}`))).toEqual([]);
    expect(offerName({ id: 'pack_3000', kind: 'pack', name: 'Advanced pack' }, fakeT('zh-CN'))).toBe('高级点数包');
  });

  it('say() takes exactly the parameters a key declares (checked by the type checker)', () => {
    // @ts-expect-error a missing parameter
    expect(say('import.empty', {})).toEqual({ key: 'import.empty' });
    // @ts-expect-error an unknown key
    expect(say('import.nothing')).toEqual({ key: 'import.nothing' });
    expect(say('import.empty', { name: 'a.png' })).toEqual({ key: 'import.empty', params: { name: 'a.png' } });
  });
});
