import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../src/main/api/handlers.js';
import { scoreWithRules } from '../../src/main/kol/risk-rules.js';
import type { Studio } from '../../src/main/studio.js';
import { BUNDLED_RULES } from '../../src/shared/kol/score/index.js';
import type { RiskRule } from '../../src/shared/kol/scores.js';
import { en } from '../../src/renderer/i18n/locales/en.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../../src/renderer/i18n/locales/zh-TW.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';

/** The agency's risk rules through the contract, on a real SQLite store (migration 7). */
const home = tempHome('kol-rules-');
let studio: Studio;
let handlers: Handlers;
const { call, refused } = contractCalls(() => handlers);

beforeAll(() => {
  studio = openTestStudio(home, {}, false);
  handlers = createHandlers(studio, 'web');
});
afterAll(async () => {
  await studio?.close();
});

const GUARANTEE = 'builtin.investment.all.保證獲利';

async function matchedRules(text: string, regions: ('TW' | 'CN' | 'all')[] = ['TW']): Promise<string[]> {
  const scores = await call('kol.rules.test', { text, platform: 'facebook', language: 'zh-TW', regions });
  return scores.risk.matches.map((m) => `${m.ruleId}:${m.phrase}`);
}

const rows = () => studio.store.sqlite.prepare('SELECT id, builtin, pattern, enabled FROM kol_risk_rules ORDER BY created_at, id').all();

describe('the risk rule set', () => {
  it('lists the bundled rules, all on, and stores nothing for them', async () => {
    const rules = await call('kol.rules.list', {});
    expect(rules).toHaveLength(BUNDLED_RULES.length);
    expect(rules.every((r) => r.builtin && r.enabled)).toBe(true);
    expect(rows()).toEqual([]);
  });

  it('adds an agency rule that then matches, in either writing and any letter case', async () => {
    const saved = await call('kol.rules.save', { region: 'all', category: 'competitor', match: 'phrase', pattern: 'Acme咖啡', level: 'high' });
    expect(saved).toMatchObject({ category: 'competitor', pattern: 'Acme咖啡', level: 'high', enabled: true, builtin: false });
    expect(await matchedRules('其實 ACME咖啡 也不錯')).toEqual([`${saved.id}:ACME咖啡`]);
    const scores = await call('kol.rules.test', { text: '其實 ACME咖啡 也不錯', language: 'zh-TW' });
    expect(scores.risk.level).toBe('high');
    expect(scores.risk.reasons).toEqual([{ key: 'kol.score.risk.competitor', params: { phrases: 'ACME咖啡' } }]);
    expect(rows()).toEqual([{ id: saved.id, builtin: 0, pattern: 'Acme咖啡', enabled: 1 }]);

    const regex = await call('kol.rules.save', { region: 'TW', category: 'custom', match: 'regex', pattern: 'line\\s*id[:：]?\\s*[\\w.]+', level: 'medium' });
    expect(await matchedRules('有問題加 LINE ID：kol.tw 問我')).toEqual([`${regex.id}:LINE ID：kol.tw`]);
    // Regions apply to agency rules too.
    expect(await matchedRules('有問題加 LINE ID：kol.tw 問我', ['CN'])).toEqual([]);

    // What post-record creation calls: the same rules, regions from the language (zh-TW: Taiwan).
    const scored = scoreWithRules(studio.store, { text: '其實 ACME咖啡 也不錯，有問題加 LINE ID：kol.tw', platform: 'threads', language: 'zh-TW', recentTexts: [] });
    expect(scored.risk.matches.map((m) => m.ruleId)).toEqual([saved.id, regex.id]);
    expect(scoreWithRules(studio.store, { text: '有問題加 LINE ID：kol.tw', platform: null, language: 'zh-CN', recentTexts: [] }).risk.matches).toEqual([]);

    const edited = await call('kol.rules.save', { id: saved.id, region: 'all', category: 'competitor', match: 'phrase', pattern: '艾克咖啡', level: 'medium' });
    expect(edited).toMatchObject({ id: saved.id, pattern: '艾克咖啡', level: 'medium' });
    expect(await matchedRules('其實 ACME咖啡 也不錯')).toEqual([]);
    expect(await matchedRules('其實艾克咖啡也不錯')).toEqual([`${saved.id}:艾克咖啡`]);
  });

  it('switches a bundled rule off (it stops matching) and on again, storing only the switch', async () => {
    const text = '跟著我買保證獲利';
    expect(await matchedRules(text)).toEqual([`${GUARANTEE}:保證獲利`]);
    const off = await call('kol.rules.toggle', { id: GUARANTEE, enabled: false });
    expect(off).toMatchObject({ id: GUARANTEE, builtin: true, enabled: false });
    expect(await matchedRules(text)).toEqual([]);
    expect(rows()).toContainEqual({ id: GUARANTEE, builtin: 1, pattern: null, enabled: 0 });
    expect((await call('kol.rules.list', {})).find((r) => r.id === GUARANTEE)?.enabled).toBe(false);
    await call('kol.rules.toggle', { id: GUARANTEE, enabled: true });
    expect(await matchedRules(text)).toEqual([`${GUARANTEE}:保證獲利`]);
  });

  it('refuses a pattern that does not compile, is too long, could backtrack forever or matches nothing — saying why, saving nothing', async () => {
    const before = (await call('kol.rules.list', {})).length;
    const rule = { region: 'all', category: 'custom', match: 'regex', level: 'medium' } as const;

    const bad = await refused('kol.rules.save', { ...rule, pattern: '(保證|穩賺' });
    expect(bad).toMatchObject({ code: 'BAD_INPUT', field: 'pattern', key: 'kol.score.rules.badRegex' });
    expect(String(bad.params?.detail)).toMatch(/Unterminated group/);

    for (const [pattern, part] of [
      ['(a+)+$', '(a+)+'],
      ['^(\\w+\\s?)*$', '(\\w+\\s?)*'],
      ['(賺|賺錢)+', '(賺|賺錢)+'],
      ['x(?:\\d{1,5}){2,}', '(?:\\d{1,5}){2,}'],
      ['((ab)*c)+', '((ab)*c)+'],
    ]) {
      const nested = await refused('kol.rules.save', { ...rule, pattern });
      expect(nested, pattern).toMatchObject({ code: 'BAD_INPUT', field: 'pattern', key: 'kol.score.rules.nestedQuantifier', params: { part } });
    }

    const long = await refused('kol.rules.save', { ...rule, match: 'phrase', pattern: '長'.repeat(201) });
    expect(long).toMatchObject({ code: 'BAD_INPUT', key: 'kol.score.rules.patternTooLong', params: { length: 201, limit: 200 } });
    expect(await refused('kol.rules.save', { ...rule, pattern: '(?:保證)?' })).toMatchObject({ key: 'kol.score.rules.matchesEmpty' });

    // Safe shapes with quantifiers are fine.
    const ok = await call('kol.rules.save', { ...rule, pattern: '\\d+\\s*%\\s*(?:報酬|收益)' });
    expect(await matchedRules('年化 12 % 報酬')).toContain(`${ok.id}:12 % 報酬`);
    await call('kol.rules.delete', { id: ok.id });

    expect((await call('kol.rules.list', {})).length).toBe(before);
    // Every refusal reads in each language, from its key.
    for (const key of ['badRegex', 'nestedQuantifier', 'patternTooLong', 'matchesEmpty']) {
      for (const catalog of [en, zhTW, zhCN] as Record<string, string>[]) {
        expect(catalog[`msg.kol.score.rules.${key}`]).toBeTruthy();
        expect(catalog[`msg.kol.score.rules.${key}.hint`]).toBeTruthy();
      }
    }
  });

  it('refuses to edit or delete a bundled rule, and names an unknown one', async () => {
    expect(await refused('kol.rules.save', { id: GUARANTEE, region: 'all', category: 'investment', match: 'phrase', pattern: '保證', level: 'low' })).toMatchObject({ code: 'BAD_INPUT', key: 'kol.score.rules.builtinFixed' });
    expect(await refused('kol.rules.delete', { id: GUARANTEE })).toMatchObject({ code: 'BAD_INPUT', key: 'kol.score.rules.builtinFixed' });
    expect(await refused('kol.rules.delete', { id: 'no-such-rule' })).toMatchObject({ code: 'NOT_FOUND', key: 'kol.score.rules.notFound', params: { id: 'no-such-rule' } });
    expect(await refused('kol.rules.toggle', { id: 'no-such-rule', enabled: false })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await matchedRules('跟著我買保證獲利')).toEqual([`${GUARANTEE}:保證獲利`]);
  });

  it('keeps the rules across a restart, and resets: switches only, or everything', async () => {
    await call('kol.rules.toggle', { id: GUARANTEE, enabled: false });
    const agency = (await call('kol.rules.list', {})).filter((r: RiskRule) => !r.builtin);
    expect(agency.map((r) => r.pattern)).toEqual(['艾克咖啡', 'line\\s*id[:：]?\\s*[\\w.]+']);

    await studio.close();
    studio = openTestStudio(home, {}, false);
    handlers = createHandlers(studio, 'web');
    expect((await call('kol.rules.list', {})).filter((r) => !r.builtin)).toEqual(agency);
    expect(await matchedRules('跟著我買保證獲利')).toEqual([]);

    const switches = await call('kol.rules.reset', {});
    expect(switches.find((r) => r.id === GUARANTEE)?.enabled).toBe(true);
    expect(switches.filter((r) => !r.builtin)).toEqual(agency);
    await call('kol.rules.toggle', { id: GUARANTEE, enabled: false });

    const all = await call('kol.rules.reset', { scope: 'all' });
    expect(all).toHaveLength(BUNDLED_RULES.length);
    expect(all.every((r) => r.builtin && r.enabled)).toBe(true);
    expect(rows()).toEqual([]);
    expect(await matchedRules('跟著我買保證獲利')).toEqual([`${GUARANTEE}:保證獲利`]);
  });
});
