import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/shared/errors.js';
import { choosePersonas } from '../../src/main/kol-trig/allocation.js';
import type { ScheduleInput } from '../../src/shared/kol/triggers.js';
import { startFakeFeeds, type FakeFeeds } from './fakes/feeds.js';
import { openTriggerHarness } from './trig-harness.js';
import { until } from '../helpers/studio.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let feeds: FakeFeeds;
beforeAll(async () => {
  feeds = await startFakeFeeds();
});
afterAll(() => feeds.close());

function news(feedPath: string, extra: Partial<Extract<ScheduleInput['trigger'], { type: 'news' }>> = {}): ScheduleInput['trigger'] {
  return { type: 'news', feeds: [`${feeds.url}${feedPath}`], pollMinutes: 15, ...extra };
}

describe('time triggers', () => {
  it('previews the next five cron runs in the schedule’s time zone, across a daylight-saving change', async () => {
    const h = openTriggerHarness({ start: Date.parse('2027-03-01T00:00:00Z') });
    const taipei = await h.service.preview({ trigger: { type: 'time', cron: '0 9 * * 1-5', timeZone: 'Asia/Taipei', topic: '盤前重點' } });
    expect(taipei).toEqual({ type: 'time', nextRuns: ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'].map((d) => Date.parse(`${d}T01:00:00Z`)) });
    h.clock.t = Date.parse('2027-03-12T00:00:00Z');
    const newYork = await h.service.preview({ trigger: { type: 'time', cron: '30 8 * * *', timeZone: 'America/New_York', topic: 'Market open' } });
    // 08:30 in New York is 13:30 UTC until clocks go forward on 14 March, then 12:30 UTC.
    expect(newYork.type === 'time' && newYork.nextRuns.map((t) => new Date(t).toISOString())).toEqual([
      '2027-03-12T13:30:00.000Z',
      '2027-03-13T13:30:00.000Z',
      '2027-03-14T12:30:00.000Z',
      '2027-03-15T12:30:00.000Z',
      '2027-03-16T12:30:00.000Z',
    ]);
  });

  it('refuses an invalid cron expression or time zone with a clear, localized error', async () => {
    const h = openTriggerHarness();
    const writer = h.persona('阿明');
    await expect(h.service.create({ title: 'Bad', trigger: { type: 'time', cron: '61 9 * * *', topic: '盤前重點' }, personaIds: [writer] })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      key: 'kol.trig.badCron',
      params: { cron: '61 9 * * *', detail: expect.stringContaining('minute') },
    });
    await expect(h.service.preview({ trigger: { type: 'time', cron: '0 9 * * *', timeZone: 'Mars/Olympus', topic: '盤前重點' } })).rejects.toMatchObject({ key: 'kol.trig.badTimeZone' });
    expect(h.service.list()).toEqual([]);
  });

  it('fires once at its cron time, with the topic, and counts the run', async () => {
    const h = openTriggerHarness({ start: Date.parse('2027-03-01T00:00:00Z') });
    const writer = h.persona('阿明');
    const { schedule } = await h.service.create({ title: '盤前', trigger: { type: 'time', cron: '0 9 * * *', timeZone: 'Asia/Taipei', topic: '今日盤前重點' }, personaIds: [writer] });
    expect(schedule.nextExecutionAt).toBe(Date.parse('2027-03-01T01:00:00Z'));
    expect(await h.service.runDue()).toEqual([]);
    h.clock.t = Date.parse('2027-03-01T01:00:05Z');
    const [result] = await h.service.runDue();
    expect(result?.fired).toBe(true);
    expect(h.starter.requests).toHaveLength(1);
    expect(h.starter.requests[0]!.items).toEqual([{ personaId: writer, topic: '今日盤前重點', context: '', triggerId: schedule.id, triggerItem: 'time:2027-03-01T01:00:00.000Z' }]);
    expect(await h.service.runDue()).toEqual([]);
    const after = h.service.get(schedule.id).schedule;
    expect(after).toMatchObject({ executionCount: 1, successCount: 1, errorCount: 0, nextExecutionAt: Date.parse('2027-03-02T01:00:00Z'), lastExecutedAt: h.clock.t });
  });
});

describe('news triggers on a loopback feed', () => {
  it('fires a new item once, with its title and link, and not again on the next poll', async () => {
    const h = openTriggerHarness();
    const writer = h.persona('小美');
    feeds.rss = [{ guid: 'news-1', title: '台積電法說會釋出展望', link: 'https://news.example.tw/a/1', description: '第二季營收預估成長', pubDate: new Date('2027-03-01T00:00:00Z') }];
    const before = feeds.hits.get('/rss.xml') ?? 0;
    const { schedule } = await h.service.create({ title: '財經新聞', trigger: news('/rss.xml'), personaIds: [writer] });

    const [first] = await h.service.runDue();
    expect(first?.fired).toBe(true);
    expect(h.starter.requests).toHaveLength(1);
    const [item] = h.starter.requests[0]!.items;
    expect(item).toMatchObject({ personaId: writer, topic: '台積電法說會釋出展望', triggerId: schedule.id, triggerItem: 'news-1' });
    expect(item!.context).toContain('https://news.example.tw/a/1');
    expect(item!.context).toContain('第二季營收預估成長');

    h.clock.advance(15 * 60_000);
    const [second] = await h.service.runDue();
    expect(second).toMatchObject({ fired: false, run: null, reason: { key: 'kol.trig.noNewItems' } });
    expect(feeds.hits.get('/rss.xml')! - before).toBe(2);
    expect(h.starter.requests).toHaveLength(1);

    feeds.rss = [{ guid: 'news-2', title: '外資連三日買超', link: 'https://news.example.tw/a/2', description: '', pubDate: new Date('2027-03-01T00:20:00Z') }, ...feeds.rss];
    h.clock.advance(15 * 60_000);
    await h.service.runDue();
    expect(h.starter.requests).toHaveLength(2);
    expect(h.starter.requests[1]!.items.map((i) => i.triggerItem)).toEqual(['news-2']);
    expect(h.service.get(schedule.id).schedule).toMatchObject({ executionCount: 2, successCount: 2, errorCount: 0 });
    expect(h.service.get(schedule.id).runs.map((r) => r.items)).toEqual([['news-2'], ['news-1']]);
  });

  it('reads an Atom feed', async () => {
    const h = openTriggerHarness();
    const writer = h.persona('小美');
    feeds.atom = [{ guid: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a', title: 'Atom-Powered Robots Run Amok', link: 'http://example.org/2003/12/13/atom03', description: 'Some text.', pubDate: new Date('2027-03-01T00:00:00Z') }];
    await h.service.create({ title: 'Atom', trigger: news('/atom.xml'), personaIds: [writer] });
    await h.service.runDue();
    expect(h.starter.requests).toHaveLength(1);
    expect(h.starter.requests[0]!.items[0]).toMatchObject({ topic: 'Atom-Powered Robots Run Amok', triggerItem: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a' });
    expect(h.starter.requests[0]!.items[0]!.context).toContain('http://example.org/2003/12/13/atom03');
  });

  it('a malformed feed gives an error that names the feed and the line, counts an error and starts nothing', async () => {
    const h = openTriggerHarness();
    const writer = h.persona('小美');
    feeds.rss = [{ guid: 'ok-1', title: '正常的新聞', link: 'https://news.example.tw/ok', description: '', pubDate: new Date('2027-03-01T00:00:00Z') }];
    const { schedule } = await h.service.create({ title: 'Two feeds', trigger: { type: 'news', feeds: [`${feeds.url}/rss.xml`, `${feeds.url}/broken.xml`] }, personaIds: [writer] });
    const [result] = await h.service.runDue();
    expect(result?.fired).toBe(false);
    expect(result?.reason).toMatchObject({ key: 'kol.trig.feedMalformed', params: { url: `${feeds.url}/broken.xml`, line: 4, detail: expect.stringContaining('item') } });
    expect(h.starter.requests).toEqual([]);
    expect(h.service.get(schedule.id)).toMatchObject({ schedule: { executionCount: 1, successCount: 0, errorCount: 1, lastError: { key: 'kol.trig.feedMalformed' } }, runs: [] });
    // The good feed's item was not used up by the failed check: it fires once the broken feed is taken out.
    await h.service.update(schedule.id, { trigger: news('/rss.xml') });
    await h.service.runDue();
    expect(h.starter.requests.map((r) => r.items[0]!.triggerItem)).toEqual(['ok-1']);
    expect(h.service.get(schedule.id).schedule.lastError).toBeNull();
  });

  it('refuses a feed larger than 5 MB', async () => {
    const h = openTriggerHarness();
    const writer = h.persona('小美');
    await h.service.create({ title: 'Huge', trigger: news('/huge.xml'), personaIds: [writer] });
    const [result] = await h.service.runDue();
    expect(result?.reason).toMatchObject({ key: 'kol.trig.tooLarge', params: { url: `${feeds.url}/huge.xml`, limit: '5 MB' } });
    expect(h.starter.requests).toEqual([]);
  });

  it('keyword and exclude filters decide which items fire; the preview shows why', async () => {
    const h = openTriggerHarness();
    const writer = h.persona('小美');
    feeds.rss = [
      { guid: 'k-1', title: '台積電 3 奈米良率提升', link: 'https://n.example/1', description: '', pubDate: new Date('2027-03-01T00:03:00Z') },
      { guid: 'k-2', title: '台積電合作夥伴活動', link: 'https://n.example/2', description: '本文為廣告', pubDate: new Date('2027-03-01T00:02:00Z') },
      { guid: 'k-3', title: 'Apple 發表新機', link: 'https://n.example/3', description: '', pubDate: new Date('2027-03-01T00:01:00Z') },
    ];
    const trigger: ScheduleInput['trigger'] = { type: 'keyword', feeds: [`${feeds.url}/rss.xml`, `${feeds.url}/atom.xml`], keywords: ['台積電'], excludes: ['廣告'] };
    feeds.atom = [];
    const preview = await h.service.preview({ trigger });
    expect(preview.type === 'keyword' && preview.items.map((i) => [i.key, i.matches, i.used])).toEqual([
      ['k-1', true, false],
      ['k-2', false, false],
      ['k-3', false, false],
    ]);
    const { schedule } = await h.service.create({ title: '台積電觀察', trigger, personaIds: [writer] });
    await h.service.runDue();
    expect(h.starter.requests.flatMap((r) => r.items.map((i) => i.triggerItem))).toEqual(['k-1']);
    const after = await h.service.preview({ id: schedule.id });
    expect(after.type === 'keyword' && after.items.find((i) => i.key === 'k-1')?.used).toBe(true);
  });

  it('refuses a feed on a private address unless the test switch is on', async () => {
    const h = openTriggerHarness({ allowPrivate: false });
    const writer = h.persona('小美');
    const before = feeds.hits.get('/rss.xml') ?? 0;
    const { schedule } = await h.service.create({ title: 'Loopback', trigger: news('/rss.xml'), personaIds: [writer] });
    const [result] = await h.service.runDue();
    expect(result?.reason).toMatchObject({ key: 'kol.trig.addressRefused', params: { url: `${feeds.url}/rss.xml` } });
    expect(feeds.hits.get('/rss.xml') ?? 0).toBe(before);
    expect(h.starter.requests).toEqual([]);
    expect(h.service.get(schedule.id).schedule.errorCount).toBe(1);
  });

  it('keeps the items when the batch engine refuses, so the next poll fires them', async () => {
    const h = openTriggerHarness();
    const writer = h.persona('小美');
    feeds.rss = [{ guid: 'retry-1', title: '央行利率決策', link: 'https://n.example/r', description: '', pubDate: new Date('2027-03-01T00:00:00Z') }];
    const { schedule } = await h.service.create({ title: 'Retry', trigger: news('/rss.xml'), personaIds: [writer] });
    h.starter.failWith = new StudioError({ code: 'INSUFFICIENT_CREDITS', message: 'Not enough credits.', key: 'job.noWallet', params: { cost: 12 } });
    const [failed] = await h.service.runDue();
    expect(failed).toMatchObject({ fired: false, run: { outcome: 'failed', items: ['retry-1'], error: { key: 'job.noWallet', params: { cost: 12 } } } });
    expect(h.service.get(schedule.id).schedule).toMatchObject({ executionCount: 1, errorCount: 1, lastError: { key: 'job.noWallet' } });
    h.starter.failWith = null;
    h.clock.advance(15 * 60_000);
    await h.service.runDue();
    expect(h.starter.requests.map((r) => r.items[0]!.triggerItem)).toEqual(['retry-1']);
    expect(h.service.get(schedule.id).schedule).toMatchObject({ executionCount: 2, successCount: 1, errorCount: 1, lastError: null });
  });
});

describe('the timer', () => {
  it('checks due schedules on its own once started, and nothing after it stops', async () => {
    const h = openTriggerHarness();
    const writer = h.persona('小美');
    feeds.rss = [{ guid: 'timer-1', title: '盤後快訊', link: 'https://n.example/t', description: '', pubDate: new Date('2027-03-01T00:00:00Z') }];
    h.service.start();
    try {
      await h.service.create({ title: 'Timer', trigger: news('/rss.xml'), personaIds: [writer] });
      await until(() => h.starter.requests.length === 1, 'the timer to fire the new item', 5_000);
    } finally {
      h.service.stop();
    }
    feeds.rss = [{ guid: 'timer-2', title: '夜盤快訊', link: 'https://n.example/t2', description: '', pubDate: new Date('2027-03-01T01:00:00Z') }, ...feeds.rss];
    h.clock.advance(HOUR);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.starter.requests.map((r) => r.items[0]!.triggerItem)).toEqual(['timer-1']);
  });
});

describe('which personas write', () => {
  it('round-robin carries its turn across runs; expertise picks the persona whose areas the item names', async () => {
    const h = openTriggerHarness();
    const a = h.persona('A');
    const b = h.persona('B');
    const c = h.persona('C');
    const { schedule } = await h.service.create({ title: 'RR', trigger: { type: 'custom', topic: '客戶活動' }, personaIds: [a, b, c], allocation: 'round-robin' });
    for (let i = 0; i < 4; i++) {
      h.clock.advance(1000);
      await h.service.runNow(schedule.id);
    }
    expect(h.starter.requests.map((r) => r.items[0]!.personaId)).toEqual([a, b, c, a]);

    const chip = h.persona('半導體達人', { expertiseAreas: ['半導體', '晶圓'] });
    const food = h.persona('美食家', { expertiseAreas: ['餐廳', '美食'] });
    feeds.rss = [{ guid: 'x-1', title: '晶圓代工價格調漲', link: 'https://n.example/x', description: '半導體供應鏈', pubDate: new Date('2027-03-01T00:00:00Z') }];
    await h.service.create({ title: 'Expertise', trigger: news('/rss.xml'), personaIds: [food, chip], allocation: 'expertise' });
    await h.service.runDue();
    expect(h.starter.requests.at(-1)!.items.map((i) => i.personaId)).toEqual([chip]);
  });

  it('random is a seeded shuffle: the same schedule state picks the same personas, different items spread', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const pick = (seed: string) => choosePersonas({ allocation: 'random', personaIds: ids, count: 2, cursor: 0, seed, text: '', expertise: new Map() }).personaIds;
    expect(pick('s1|0|news-1')).toEqual(pick('s1|0|news-1'));
    const picks = new Set(Array.from({ length: 20 }, (_, i) => pick(`s1|0|news-${i}`).join()));
    expect(picks.size).toBeGreaterThan(3);
    for (const p of picks) expect(new Set(p.split(',')).size).toBe(2);
  });

  it('an edit changes only the fields it gives', async () => {
    const h = openTriggerHarness();
    const [a, b] = [h.persona('A'), h.persona('B')];
    const { schedule } = await h.service.create({ title: 'Before', trigger: { type: 'custom', topic: '活動' }, personaIds: [a, b], allocation: 'expertise', postsPerRun: 2, postTime: { at: '20:00', timeZone: 'Asia/Taipei' } });
    const { schedule: after } = await h.service.update(schedule.id, { title: 'After' });
    expect(after).toMatchObject({ title: 'After', allocation: 'expertise', postsPerRun: 2, postTime: { at: '20:00' }, personaIds: [a, b], status: 'active' });
  });

  it('refuses more posts per item than personas, and personas that do not exist', async () => {
    const h = openTriggerHarness();
    const a = h.persona('A');
    await expect(h.service.create({ title: 'Too many', trigger: { type: 'custom', topic: '活動' }, personaIds: [a], postsPerRun: 2 })).rejects.toMatchObject({ key: 'kol.trig.tooManyPosts', params: { posts: 2, personas: 1 } });
    await expect(h.service.create({ title: 'Ghost', trigger: { type: 'custom', topic: '活動' }, personaIds: ['ghost'] })).rejects.toMatchObject({ key: 'kol.trig.personaMissing', params: { ids: 'ghost' } });
  });
});

describe('threshold triggers on a loopback TWSE quote', () => {
  it('volume > 2× its 20-day average fires once, not again while it stays above, and again after it falls back', async () => {
    const h = openTriggerHarness({ start: Date.parse('2027-03-01T05:00:00Z') });
    const writer = h.persona('股市老王');
    const { schedule } = await h.service.create({
      title: '2330 爆量',
      trigger: {
        type: 'threshold',
        url: `${feeds.url}/stock/api/getStockInfo.jsp?ex_ch=tse_2330.tw`,
        path: '$.msgArray[0].v',
        condition: { kind: 'spike', factor: 2, samples: 20, sampleBy: 'day' },
        timeZone: 'Asia/Taipei',
        pollMinutes: 60,
        topic: '台積電成交量異常',
      },
      personaIds: [writer],
    });
    feeds.quote.price = '1085.0000';
    // Twenty trading days at 20,000 lots: the window fills, nothing fires.
    for (let day = 0; day < 20; day++) {
      feeds.quote.volume = 20_000;
      const [result] = await h.service.runDue();
      expect(result?.fired).toBe(false);
      h.clock.advance(DAY);
    }
    expect(h.starter.requests).toEqual([]);
    // Day 21: 45,000 lots, more than 2 × 20,000.
    feeds.quote.volume = 45_000;
    const [spike] = await h.service.runDue();
    expect(spike?.fired).toBe(true);
    expect(h.starter.requests).toHaveLength(1);
    expect(h.starter.requests[0]!.items[0]).toMatchObject({ topic: '台積電成交量異常', personaId: writer });
    expect(h.starter.requests[0]!.items[0]!.context).toContain('$.msgArray[0].v = 45000');
    // Still above, an hour later and the next day: no second post.
    h.clock.advance(HOUR);
    feeds.quote.volume = 48_000;
    expect((await h.service.runDue())[0]?.fired).toBe(false);
    h.clock.advance(DAY);
    feeds.quote.volume = 60_000;
    expect((await h.service.runDue())[0]?.fired).toBe(false);
    expect(h.starter.requests).toHaveLength(1);
    // Back to normal, then a new spike: a new crossing fires again.
    h.clock.advance(DAY);
    feeds.quote.volume = 20_000;
    expect((await h.service.runDue())[0]?.fired).toBe(false);
    h.clock.advance(DAY);
    feeds.quote.volume = 90_000;
    expect((await h.service.runDue())[0]?.fired).toBe(true);
    expect(h.starter.requests).toHaveLength(2);
    expect(h.service.get(schedule.id).schedule).toMatchObject({ successCount: 2, errorCount: 0 });
  });

  it('crossesAbove needs a value below first; "-" (no trade yet) is a clear error, not a value', async () => {
    const h = openTriggerHarness();
    const writer = h.persona('股市老王');
    const url = `${feeds.url}/stock/api/getStockInfo.jsp?ex_ch=tse_2330.tw`;
    feeds.quote.price = '-';
    const { schedule } = await h.service.create({ title: '站上千元', trigger: { type: 'threshold', url, path: '$.msgArray[0].z', condition: { kind: 'crossesAbove', value: 1000 }, topic: '台積電' }, personaIds: [writer] });
    const [noTrade] = await h.service.runDue();
    expect(noTrade?.reason).toMatchObject({ key: 'kol.trig.noValue', params: { path: '$.msgArray[0].z' } });
    expect(h.service.get(schedule.id).schedule.errorCount).toBe(1);
    const poll = async (price: string) => {
      feeds.quote.price = price;
      h.clock.advance(5 * 60_000);
      return (await h.service.runDue())[0]?.fired;
    };
    // Already above at the first value read: no crossing was seen.
    expect(await poll('1010.0000')).toBe(false);
    expect(await poll('995.0000')).toBe(false);
    expect(await poll('1005.0000')).toBe(true);
    expect(await poll('1020.0000')).toBe(false);
    expect(h.starter.requests).toHaveLength(1);
  });

  it('reads every value of a [*] path (their sum) in a preview, and refuses a path outside the subset', async () => {
    const h = openTriggerHarness();
    const url = `${feeds.url}/stock/api/getStockInfo.jsp?ex_ch=tse_2330.tw`;
    feeds.quote.volume = 1234;
    const preview = await h.service.preview({ trigger: { type: 'threshold', url, path: '$.msgArray[*].v', condition: { kind: 'above', value: 1000 }, topic: '台積電' } });
    expect(preview).toEqual({ type: 'threshold', values: [1234], value: 1234, average: null, samples: 0, wouldFire: true });
    await expect(h.service.preview({ trigger: { type: 'threshold', url, path: '$.msgArray[?(@.v > 1)]', condition: { kind: 'above', value: 1 }, topic: '台積電' } })).rejects.toMatchObject({ key: 'kol.trig.badJsonPath' });
  });
});
