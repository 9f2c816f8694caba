import { describe, expect, it } from 'vitest';
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
