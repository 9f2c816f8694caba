import { describe, expect, it } from 'vitest';
import { BUNDLED_RULES, fold, patternProblem, scoreDraft, scoredText, type ScoreInput } from '../../src/shared/kol/score/index.js';
import { knownTraditional } from '../../src/shared/kol/score/variants.js';
import type { RiskMatch, RiskRegion, ScoreCheck } from '../../src/shared/kol/scores.js';
import { HUMAN_EN, HUMAN_ZH, TEMPLATED_EN, TEMPLATED_ZH } from './score-samples.js';

/** The draft scores on the bundled rules: what each finds, where, and why (issue 14). */

function score(text: string, extra: Partial<ScoreInput> = {}) {
  return scoreDraft({ text, platform: 'instagram', language: 'zh-TW', recentTexts: [], rules: BUNDLED_RULES, regions: ['TW', 'CN'], now: 1_700_000_000_000, ...extra });
}

/** Each match as [the words in the text at its offsets, category, level], checking the offsets give back what the match says. */
function found(text: string, regions: RiskRegion[]): [string, string, string][] {
  const { risk } = score(text, { regions });
  return risk.matches.map((m: RiskMatch) => {
    expect(text.slice(m.start, m.end)).toBe(m.phrase);
    return [m.phrase, m.category, m.level];
  });
}

/** Each bundled Chinese phrase in the other writing (written by hand, so a character missing from the fold map fails here). */
const OTHER_FORM: Record<string, string> = {
  保證獲利: '保证获利', 穩賺不賠: '稳赚不赔', 穩賺: '稳赚', 保證收益: '保证收益', 保證報酬: '保证报酬', 保本保息: '保本保息', 零風險: '零风险',
  必漲: '必涨', 必賺: '必赚', 包賺: '包赚', 內線: '内线', 內幕消息: '内幕消息', 翻倍: '翻倍', 目標價: '目标价', 明牌: '明牌', 飆股: '飙股',
  报单: '報單', 喊单: '喊單', 荐股: '薦股', 带单: '帶單', 内部消息: '內部消息',
  根治: '根治', 治癒: '治愈', 痊癒: '痊愈', 包治百病: '包治百病', 藥到病除: '药到病除', 降血糖: '降血糖', 降血壓: '降血压', 降膽固醇: '降胆固醇',
  抗癌: '抗癌', 防癌: '防癌', 無副作用: '无副作用', 增強免疫力: '增强免疫力', 排毒: '排毒', 療效: '疗效', 醫生推薦: '医生推荐', 減肥: '减肥',
  祖传秘方: '祖傳秘方', 治愈率: '治癒率',
  選舉: '选举', 罷免: '罢免', 公投: '公投', 投票給: '投票给', 統獨: '统独',
  台独: '台獨', 港独: '港獨', 藏独: '藏獨', 疆独: '疆獨', 法轮功: '法輪功', 天安门事件: '天安門事件', 翻墙: '翻牆',
  合作: '合作', 業配: '业配', 優惠碼: '优惠码', 折扣碼: '折扣码', 團購: '团购', 贊助: '赞助', 工商: '工商', 推薦碼: '推荐码',
};

const check = (checks: ScoreCheck[], id: string): ScoreCheck => checks.find((c) => c.id === id)!;

describe('risk: the bundled Chinese phrases, in Traditional and Simplified writing', () => {
  it('investment promises and tips', () => {
    expect(found('跟著我操作保證獲利，這檔明牌下週必漲！', ['TW'])).toEqual([
      ['保證獲利', 'investment', 'high'],
      ['明牌', 'investment', 'high'],
      ['必漲', 'investment', 'high'],
    ]);
    expect(found('跟着我操作保证获利，这档明牌下周必涨！', ['TW'])).toEqual([
      ['保证获利', 'investment', 'high'],
      ['明牌', 'investment', 'high'],
      ['必涨', 'investment', 'high'],
    ]);
    // The mainland's words, written in either form; 穩賺 inside 穩賺不賠 is highlighted once.
    expect(found('老師每天報單，穩賺不賠', ['CN'])).toEqual([
      ['報單', 'investment', 'high'],
      ['穩賺不賠', 'investment', 'high'],
    ]);
    expect(found('老师每天报单，稳赚不赔', ['CN'])).toEqual([
      ['报单', 'investment', 'high'],
      ['稳赚不赔', 'investment', 'high'],
    ]);
  });

  it('medical claims', () => {
    expect(found('這款茶飲能降血壓、根治失眠，還能抗癌。', ['TW'])).toEqual([
      ['降血壓', 'medical', 'high'],
      ['根治', 'medical', 'high'],
      ['抗癌', 'medical', 'high'],
    ]);
    expect(found('这款茶饮能降血压、根治失眠，还能抗癌。', ['TW'])).toEqual([
      ['降血压', 'medical', 'high'],
      ['根治', 'medical', 'high'],
      ['抗癌', 'medical', 'high'],
    ]);
  });

  it('political words, each region its own list', () => {
    expect(found('這次選舉大家記得去投票給自己支持的人', ['TW'])).toEqual([
      ['選舉', 'political', 'medium'],
      ['投票給', 'political', 'medium'],
    ]);
    expect(found('这次选举大家记得去投票给自己支持的人', ['TW'])).toEqual([
      ['选举', 'political', 'medium'],
      ['投票给', 'political', 'medium'],
    ]);
    expect(found('他公開支持台獨的言論', ['CN'])).toEqual([['台獨', 'political', 'high']]);
    expect(found('他公开支持台独的言论', ['CN'])).toEqual([['台独', 'political', 'high']]);
    // A rule of another region is not applied: 明牌 is Taiwan's, 台独 the mainland's.
    expect(found('今天的明牌', ['CN'])).toEqual([]);
    expect(found('支持台独', ['TW'])).toEqual([]);
  });

  it('a sponsored post without #廣告 is flagged for disclosure, and with it is not', () => {
    const zhTW = '這次跟品牌合作，輸入優惠碼 KOL88 享八折';
    expect(found(zhTW, ['TW'])).toEqual([
      ['合作', 'disclosure', 'medium'],
      ['優惠碼', 'disclosure', 'medium'],
    ]);
    expect(score(zhTW).risk.level).toBe('medium');
    expect(found(`${zhTW} #廣告`, ['TW'])).toEqual([]);
    expect(score(`${zhTW} #廣告`).risk.level).toBe('low');

    const zhCN = '这次跟品牌合作，输入优惠码 KOL88 享八折';
    expect(found(zhCN, ['CN'])).toEqual([
      ['合作', 'disclosure', 'medium'],
      ['优惠码', 'disclosure', 'medium'],
    ]);
    expect(found(`${zhCN} #广告`, ['CN'])).toEqual([]);
    expect(found(`${zhCN} #合作`, ['CN'])).toEqual([]);
    // A longer tag that starts with a disclosure word counts; an English tag only whole (#adidas is not #ad).
    expect(found(`${zhTW} #業配文`, ['TW'])).toEqual([]);
    expect(found(`${zhTW} #adidas`, ['TW'])).toHaveLength(2);
    expect(found(`${zhTW} #ad`, ['TW'])).toEqual([]);
  });

  it('a link to a shop is a sponsorship signal too', () => {
    const text = '我每天都用這支洗面乳 https://shopee.tw/product/123?ref=kol 真的好用';
    expect(found(text, ['TW'])).toEqual([['https://shopee.tw/product/123?ref=kol', 'disclosure', 'medium']]);
    expect(found(`${text} #合作`, ['TW'])).toEqual([]);
  });

  it('three different medium rules together make a post high risk, and the reasons say so', () => {
    const { risk } = score('團購開跑！這款排毒茶跟品牌合作，揪團一起買', { regions: ['TW'] });
    expect(new Set(risk.matches.map((m) => m.ruleId)).size).toBe(3);
    expect(risk.matches.every((m) => m.level === 'medium')).toBe(true);
    expect(risk.level).toBe('high');
    expect(risk.reasons).toContainEqual({ key: 'kol.score.risk.escalated', params: { count: 3 } });
    expect(risk.reasons).toContainEqual({ key: 'kol.score.risk.medical', params: { phrases: '排毒' } });
    expect(risk.reasons).toContainEqual({ key: 'kol.score.risk.disclosure', params: { phrases: '團購、合作' } });
  });

  it('clean text is low risk, with a reason that says nothing was found', () => {
    for (const text of [HUMAN_ZH, HUMAN_EN]) {
      const { risk } = score(text);
      expect(risk).toEqual({ level: 'low', matches: [], reasons: [{ key: 'kol.score.risk.none' }] });
    }
  });

  it('the shipped rules meet the standard agency rules are held to (length, a safe expression)', () => {
    expect(BUNDLED_RULES.map((r) => patternProblem(r.match, r.pattern)).filter((p) => p !== null)).toEqual([]);
    expect(new Set(BUNDLED_RULES.map((r) => r.id)).size).toBe(BUNDLED_RULES.length);
  });

  it('a title is scored with the text: offsets index scoredText()', () => {
    const input = { title: '穩賺不賠的秘密', text: '今天來聊聊理財' };
    const { risk } = score(input.text, { title: input.title });
    const whole = scoredText(input);
    expect(risk.matches.map((m) => whole.slice(m.start, m.end))).toEqual(['穩賺不賠']);
  });

  it('every bundled Chinese phrase is found written in Traditional and in Simplified, at its offsets', () => {
    const chinese = BUNDLED_RULES.filter((r) => r.match === 'phrase' && /\p{Script=Han}/u.test(r.pattern));
    expect(chinese.map((r) => r.pattern).filter((p) => !(p in OTHER_FORM))).toEqual([]);
    for (const rule of chinese) {
      for (const form of [rule.pattern, OTHER_FORM[rule.pattern]!]) {
        const text = `她說「${form}」。`;
        const hit = score(text, { regions: ['all'] }).risk.matches.find((m) => m.ruleId === rule.id);
        expect(hit, `${rule.pattern} written ${form}`).toMatchObject({ phrase: form, start: 3, end: 3 + form.length, category: rule.category, level: rule.level });
      }
    }
    // Folding keeps every offset: one unit for one.
    const traditional = new Set(knownTraditional());
    for (const rule of chinese) expect([...fold(rule.pattern)].filter((c) => traditional.has(c)), rule.pattern).toEqual([]);
  });
});

describe('quality', () => {
  it('an over-long Threads post fails the length check with Threads’ limit', () => {
    const text = `${'今天分享一個超實用的收納技巧，'.repeat(40)}留言告訴我你的做法！`;
    const length = check(score(text, { platform: 'threads' }).quality.checks, 'length');
    expect(length.passed).toBe(false);
    expect(length.reason).toEqual({ key: 'kol.score.quality.length.tooLong', params: { platform: 'Threads', count: [...text].length, limit: 500 } });
  });

  it('counts length as the platform counts it (TikTok: UTF-16 units, so an emoji is two)', () => {
    const text = `${'😀'.repeat(5)}今天的影片超好笑`;
    const length = check(score(text, { platform: 'tiktok' }).quality.checks, 'length');
    expect(length.reason.params).toMatchObject({ count: text.length });
    expect(text.length).not.toBe([...text].length);
  });

  it('a near-duplicate of a recent post fails duplication and names that post', () => {
    const earlier = [
      '週末去了陽明山看海芋，人超多但花真的很美，建議早上七點前到。你們今年去了嗎？留言分享一下！',
      '新開的咖啡廳在中山站附近，拿鐵很順口，甜點偏甜。適合下午來坐坐，插座也很多。',
    ];
    const draft = '新開的咖啡廳就在中山站附近，拿鐵很順口，甜點有點偏甜。很適合下午來坐坐，插座也很多喔。';
    const dup = check(score(draft, { recentTexts: earlier }).quality.checks, 'duplication');
    expect(dup.passed).toBe(false);
    expect(dup.reason.key).toBe('kol.score.quality.duplication.similar');
    expect(dup.reason.params).toMatchObject({ index: 2, limit: 50 });
    expect(Number(dup.reason.params!.similarity)).toBeGreaterThanOrEqual(50);
    // A different post passes, naming its closest one and how close.
    const fresh = check(score(HUMAN_ZH, { recentTexts: earlier }).quality.checks, 'duplication');
    expect(fresh.passed).toBe(true);
    expect(Number(fresh.reason.params!.similarity)).toBeLessThan(20);
  });

  it('a good Instagram post passes every check; each failure says which and why', () => {
    const good = score(HUMAN_ZH);
    expect(good.quality.checks.map((c) => [c.id, c.passed])).toEqual([
      ['length', true],
      ['readability', true],
      ['hashtags', true],
      ['cta', true],
      ['duplication', true],
    ]);
    expect(good.quality.score).toBe(100);
    expect(check(good.quality.checks, 'cta').reason).toEqual({ key: 'kol.score.quality.cta.found', params: { phrase: '留言' } });

    const wall = `${'這是一個非常非常長而且完全沒有停頓的句子它一直說一直說讓人在手機上讀起來非常吃力而且沒有任何標點'.repeat(3)}。`;
    const hard = score(wall, { platform: 'facebook' });
    const readability = check(hard.quality.checks, 'readability');
    expect(readability.passed).toBe(false);
    expect(readability.reason.key).toBe('kol.score.quality.readability.zhHard');
    expect(check(hard.quality.checks, 'cta').reason).toEqual({ key: 'kol.score.quality.cta.missing' });
    // Facebook's sweet spot starts at 0 tags, so no tags passes there but not on Instagram.
    expect(check(hard.quality.checks, 'hashtags').passed).toBe(true);
    expect(check(score(wall).quality.checks, 'hashtags').reason).toEqual({ key: 'kol.score.quality.hashtags.few', params: { count: 0, min: 3, max: 10 } });
    expect(hard.quality.score).toBeLessThan(good.quality.score);
  });

  it('English text is measured with reading ease; a Simplified call to action is quoted as written', () => {
    const en = check(score(HUMAN_EN, { language: 'en' }).quality.checks, 'readability');
    expect(en.reason.key).toBe('kol.score.quality.readability.enOk');
    const cta = check(score('这家店的牛肉面真的很好吃，欢迎大家点赞关注我！').quality.checks, 'cta');
    expect(cta.reason).toEqual({ key: 'kol.score.quality.cta.found', params: { phrase: '点赞' } });
  });
});

describe('AI-likeness (an estimate)', () => {
  it('a templated, repetitive text scores well above a varied human one, in Chinese and in English', () => {
    const humanZh = score(HUMAN_ZH).aiLikeness;
    const templatedZh = score(TEMPLATED_ZH).aiLikeness;
    expect(templatedZh.score - humanZh.score).toBeGreaterThanOrEqual(40);
    const humanEn = score(HUMAN_EN, { language: 'en' }).aiLikeness;
    const templatedEn = score(TEMPLATED_EN, { language: 'en' }).aiLikeness;
    expect(templatedEn.score - humanEn.score).toBeGreaterThanOrEqual(40);
  });

  it('each signal carries what it measured', () => {
    const { signals } = score(TEMPLATED_ZH).aiLikeness;
    expect(signals.map((s) => s.id)).toEqual(['repetition', 'openings', 'burstiness', 'templates', 'diversity']);
    const templates = check(signals, 'templates');
    expect(templates.passed).toBe(false);
    expect(templates.reason.key).toBe('kol.score.ai.templates');
    expect(String(templates.reason.params!.phrases)).toContain('總而言之');
    // 快節奏的 inside 在當今快節奏的時代 counts once.
    expect(templates.reason.params!.count).toBe(6);
    const burst = check(signals, 'burstiness');
    expect(burst.passed).toBe(false);
    expect(Number(burst.reason.params!.variation)).toBeLessThan(0.4);
    expect(check(signals, 'repetition').passed).toBe(false);
  });

  it('a signal that needs more text is reported as not measured and does not count', () => {
    const { signals } = score('好吃！').aiLikeness;
    const burst = check(signals, 'burstiness');
    expect(burst).toMatchObject({ passed: true, weight: 0, reason: { key: 'kol.score.ai.fewSentences', params: { found: 1, needed: 4 } } });
  });
});
