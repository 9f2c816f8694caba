import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learningReport, promptAdditions } from '../../src/main/kol/learning/index.js';
import { openStore, type Store } from '../../src/main/store/db.js';
import { tempHome } from '../helpers/studio.js';
import type { Translate } from '../../src/renderer/i18n/index.js';
import { en } from '../../src/renderer/i18n/locales/en.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../../src/renderer/i18n/locales/zh-TW.js';
import { localized, valueLabel } from '../../src/renderer/pages/kol-learning/labels.js';
import { seedAccount, seedPersona, seedPost } from './kol-fixtures.js';
import { analyze, MIN_POSTS_FOR_SUGGESTIONS } from '../../src/shared/kol/learning/index.js';
import { engagementScore } from '../../src/shared/kol/post-record.js';
import { FIXTURE_NOW, plantedPosts } from './learning-fixtures.js';

describe('learning on 200 posts with planted features', () => {
  const { posts, planted } = plantedPosts();

  it('finds exactly the planted posts as the top 20 %', () => {
    const report = analyze(posts, { periodDays: 30, now: FIXTURE_NOW });
    expect(report.posts).toBe(200);
    expect(report.top).toHaveLength(40);
    expect(report.top.map((p) => p.id).sort()).toEqual([...planted].sort());
    // The seed's formula: likes + 1.5 comments + 2 shares + 2 saves.
    expect(report.top[0]!.score).toBe(engagementScore({ likes: 205, comments: 40, shares: 20, saves: 20 }));
    expect(report.meanTop / report.meanRest).toBeGreaterThan(2.8);
  });

  it('puts the planted features first, each in the right direction and with its size', () => {
    const report = analyze(posts, { periodDays: 30, now: FIXTURE_NOW });
    const first = report.differences.slice(0, 3).map((d) => `${d.feature}=${d.value}`);
    expect(first).toEqual(['hour=20', 'media=video', 'hashtagCount=3-5']);
    const [hour, video, tags] = report.differences;
    // All 40 top posts have each; the rest have them 1 in 8, 1 in 4 and 3 in 8 times.
    expect(hour).toMatchObject({ topCount: 40, topShare: 1, restCount: 20, restShare: 0.125, diffPp: 87.5, withCount: 60, withoutCount: 140 });
    expect(video).toMatchObject({ topCount: 40, restCount: 40, diffPp: 75 });
    expect(tags).toMatchObject({ topCount: 40, restCount: 60, diffPp: 62.5 });
    for (const d of [hour!, video!, tags!]) {
      expect(d.diffPp).toBeGreaterThan(0);
      expect(d.lift).toBeGreaterThan(1.8);
      expect(d.meanWith).toBeGreaterThan(d.meanWithout);
    }
    // The hashtag count's numeric difference says the same: about 4 in the top against 3.5 in the rest.
    const count = report.numeric.find((n) => n.feature === 'hashtags')!;
    expect(count.topMean).toBeCloseTo(4, 1);
    expect(count.diff).toBeGreaterThan(0);
    // Features that were not planted stay small.
    for (const d of report.differences.slice(3)) expect(Math.abs(d.diffPp)).toBeLessThan(30);
  });

  it('turns the findings into suggestions with their size and post counts', () => {
    const report = analyze(posts, { periodDays: 30, now: FIXTURE_NOW });
    const [first] = report.suggestions;
    expect(first?.text).toEqual({ key: 'kol.learn.suggest.hour', params: { from: '20:00', to: '22:00', lift: report.differences[0]!.lift!.toFixed(1), with: 60, without: 140 } });
    expect(first?.prompt).toBeNull();
    expect(report.suggestions.map((s) => `${s.feature}=${s.value}`).slice(0, 3)).toEqual(['hour=20', 'media=video', 'hashtagCount=3-5']);
    expect(report.suggestions[2]!.prompt).toBe('Use 3 to 5 hashtags.');
  });

  it('reads the hour in the account’s time zone', () => {
    const inUtc = posts.map((p) => ({ ...p, timeZone: 'UTC' }));
    const report = analyze(inUtc, { periodDays: 30, now: FIXTURE_NOW });
    // 20:15 in Taipei is 12:15 UTC: the planted window moves with the zone.
    expect(report.differences[0]).toMatchObject({ feature: 'hour', value: '12' });
  });

  it('scopes to one persona and one client', () => {
    const a = analyze(posts, { periodDays: 30, now: FIXTURE_NOW, personaId: 'persona-a' });
    expect(a.posts).toBe(100);
    expect(a.top.map((p) => p.id).sort()).toEqual(planted.filter((id) => Number(id.slice(5)) % 2 === 0).sort());
    expect(a.differences.some((d) => d.feature === 'persona' || d.feature === 'style')).toBe(false);
    const client = analyze(posts, { periodDays: 30, now: FIXTURE_NOW, clientId: 'client-2' });
    expect(client.top.every((p) => p.personaId === 'persona-b')).toBe(true);
    const all = analyze(posts, { periodDays: 30, now: FIXTURE_NOW });
    expect(all.byPersona.map((g) => [g.id, g.posts, g.inTop]).sort()).toEqual([
      ['persona-a', 100, 20],
      ['persona-b', 100, 20],
    ]);
  });

  it('counts only the chosen period', () => {
    const week = analyze(posts, { periodDays: 7, now: FIXTURE_NOW });
    expect(week.posts).toBeLessThan(200);
    expect(week.posts).toBe(posts.filter((p) => p.publishedAt >= FIXTURE_NOW - 7 * 86_400_000).length);
  });

  it('suggests nothing from fewer than 10 posts, and says why', () => {
    const few = posts.slice(0, MIN_POSTS_FOR_SUGGESTIONS - 1);
    const report = analyze(few, { periodDays: 90, now: FIXTURE_NOW });
    expect(report.posts).toBe(9);
    expect(report.enough).toBe(false);
    expect(report.suggestions).toEqual([]);
    expect(report.differences).toEqual([]);
    expect(report.reason).toEqual({ key: 'kol.learn.tooFew', params: { count: 9, min: 10 } });
    const ten = analyze(posts.slice(0, 10), { periodDays: 90, now: FIXTURE_NOW });
    expect(ten.enough).toBe(true);
    expect(ten.reason).toBeNull();
  });
});

describe('learning from the post records in SQLite', () => {
  const { posts, planted } = plantedPosts();
  let store: Store;
  const dbId = new Map<string, string>();

  beforeAll(() => {
    store = openStore(path.join(tempHome('kingjam-kol-learn-'), 'studio.db'));
    seedPersona(store, { id: 'persona-a', nickname: '股市阿明', contentStyle: '輕鬆', learningEnabled: false });
    seedPersona(store, { id: 'persona-b', nickname: '理財小美', contentStyle: '專業', learningEnabled: false });
    seedPersona(store, { id: 'persona-new', nickname: '新人', learningEnabled: true });
    const account = seedAccount(store, { platform: 'instagram', connectionId: 'conn-meta', platformAccountId: '1', targetId: '17841400000001', timeZone: 'Asia/Taipei' });
    for (const p of posts) {
      const id = seedPost(store, { personaId: p.personaId, accountId: account, platform: 'instagram', platformPostId: p.id, url: p.url, publishedAt: p.publishedAt, content: p.content, topic: p.topic, tags: p.tags, metrics: { ...p.metrics, at: p.publishedAt + 3_600_000 } });
      dbId.set(p.id, id);
    }
    // Five posts of a new persona: too few to learn from.
    for (const p of posts.slice(0, 5)) seedPost(store, { personaId: 'persona-new', accountId: account, platform: 'instagram', publishedAt: p.publishedAt, content: p.content, metrics: { ...p.metrics, at: p.publishedAt } });
    // A published post without numbers yet is not counted.
    seedPost(store, { personaId: 'persona-a', accountId: account, platform: 'instagram', publishedAt: posts[0]!.publishedAt });
  });
  afterAll(() => store?.close());

  it('finds the planted posts as the top 20 % of the stored records', () => {
    const report = learningReport(store, { periodDays: 30, personaId: 'persona-a' }, FIXTURE_NOW);
    expect(report.posts).toBe(100);
    const expected = planted.filter((id) => Number(id.slice(5)) % 2 === 0).map((id) => dbId.get(id)!);
    expect(report.top.map((p) => p.id).sort()).toEqual(expected.sort());
    // Hours are read in the account's zone (Asia/Taipei) from what SQLite holds.
    expect(report.differences[0]).toMatchObject({ feature: 'hour', value: '20' });
    expect(report.differences[0]!.diffPp).toBeGreaterThan(50);
  });

  it('adds nothing to the prompts of a persona with learning off', () => {
    expect(promptAdditions(store, 'persona-a', FIXTURE_NOW)).toEqual([]);
  });

  it('adds the writing findings, each with why, once learning is on', () => {
    store.sqlite.prepare('UPDATE kol_personas SET learning_enabled = 1 WHERE id = ?').run('persona-a');
    const lines = promptAdditions(store, 'persona-a', FIXTURE_NOW);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toEqual({
      text: 'Use 3 to 5 hashtags.',
      why: { key: 'kol.learn.suggest.hashtagCount', params: { range: '3–5', lift: expect.stringMatching(/^\d\.\d$/), with: expect.any(Number), without: expect.any(Number) } },
    });
    for (const line of lines) {
      expect(line.text.length).toBeGreaterThan(0);
      expect(line.why.key).toMatch(/^kol\.learn\.suggest\./);
    }
    // When to post and which media are not prompt lines.
    expect(lines.some((l) => l.why.key === 'kol.learn.suggest.hour')).toBe(false);
  });

  it('adds nothing when a persona with learning on has fewer than 10 posts with metrics', () => {
    expect(learningReport(store, { periodDays: 90, personaId: 'persona-new' }, FIXTURE_NOW)).toMatchObject({ posts: 5, enough: false, reason: { key: 'kol.learn.tooFew' } });
    expect(promptAdditions(store, 'persona-new', FIXTURE_NOW)).toEqual([]);
  });
});

describe('the Learning page says findings in each language', () => {
  const CATALOGS = { en, 'zh-TW': zhTW, 'zh-CN': zhCN } as const;
  const tFor = (language: keyof typeof CATALOGS): Translate => (key, vars) => (CATALOGS[language][key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  const report = analyze(plantedPosts().posts, { periodDays: 30, now: FIXTURE_NOW });
  const [hour] = report.suggestions;

  it('a suggestion with its size and post counts', () => {
    const lift = report.differences[0]!.lift!.toFixed(1);
    expect(localized(hour!.text, tFor('en'))).toBe(`Posts at 20:00–22:00 get ${lift}× the engagement (60 vs 140 posts).`);
    expect(localized(hour!.text, tFor('zh-TW'))).toBe(`在 20:00–22:00 發布的貼文，互動是其他貼文的 ${lift} 倍（60 則對 140 則）。`);
    expect(localized(hour!.text, tFor('zh-CN'))).toBe(`在 20:00–22:00 发布的帖子，互动是其他帖子的 ${lift} 倍（60 条对 140 条）。`);
  });

  it('feature values (hours, weekdays, media, lengths) by name, and why nothing is suggested', () => {
    const t = tFor('zh-TW');
    expect(valueLabel({ feature: 'hour', value: '22' }, t, new Map())).toBe('22:00–00:00');
    expect(valueLabel({ feature: 'weekday', value: '0' }, t, new Map())).toBe('週日');
    expect(valueLabel({ feature: 'media', value: 'carousel' }, t, new Map())).toBe('多張圖片或影片');
    expect(valueLabel({ feature: 'length', value: 'short' }, tFor('zh-CN'), new Map())).toBe('少于 100 字');
    expect(valueLabel({ feature: 'persona', value: 'persona-a' }, t, new Map([['persona-a', '股市阿明']]))).toBe('股市阿明');
    const few = analyze(plantedPosts().posts.slice(0, 3), { periodDays: 90, now: FIXTURE_NOW });
    expect(localized(few.reason!, tFor('zh-CN'))).toBe('这段期间只有 3 条有互动数据的已发布帖子：至少需要 10 条才会给出建议。');
  });
});
