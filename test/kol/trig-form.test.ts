import { describe, expect, it } from 'vitest';
import { scheduleInputSchema, type KolScheduleView } from '../../src/shared/kol/triggers.js';
import { draftOf, EMPTY_DRAFT, inputOf } from '../../src/renderer/pages/kol-triggers/formState.js';

/** The Triggers page's form: what the inputs hold becomes a schedule main accepts, and a saved schedule fills the form back. */
describe('the schedule form', () => {
  it('turns a threshold draft into a valid schedule and back', () => {
    const draft = { ...EMPTY_DRAFT, title: '2330 爆量', type: 'threshold' as const, url: 'https://mis.twse.com.tw/stock/api/getStockInfo.jsp?ex_ch=tse_2330.tw', topic: '台積電成交量異常', personaIds: ['p1', 'p2'], postsPerRun: '2', postAt: '20:00' };
    const input = scheduleInputSchema.parse(inputOf(draft));
    expect(input.trigger).toEqual({ type: 'threshold', url: draft.url, path: '$.msgArray[0].v', condition: { kind: 'spike', factor: 2, samples: 20, sampleBy: 'day' }, timeZone: 'Asia/Taipei', pollMinutes: 15, topic: '台積電成交量異常' });
    expect(input.postTime).toEqual({ at: '20:00', timeZone: 'Asia/Taipei' });
    const view = { ...input, id: 's1', createdAt: 0, updatedAt: 0, lastExecutedAt: null, nextExecutionAt: null, lastCheckedAt: null, executionCount: 0, successCount: 0, errorCount: 0, lastError: null, webhookPath: null } satisfies KolScheduleView;
    expect(inputOf(draftOf(view))).toEqual(inputOf(draft));
  });

  it('reads feeds one per line and keywords split by commas (full-width too)', () => {
    const input = scheduleInputSchema.parse(inputOf({ ...EMPTY_DRAFT, title: 'News', type: 'keyword', feeds: 'https://a.example/rss\n\nhttps://b.example/atom.xml ', keywords: '台積電，TSMC, 半導體', excludes: '廣告', personaIds: ['p1'] }));
    expect(input.trigger).toMatchObject({ type: 'keyword', feeds: ['https://a.example/rss', 'https://b.example/atom.xml'], keywords: ['台積電', 'TSMC', '半導體'], excludes: ['廣告'] });
    expect(input.postTime).toBeNull();
  });
});
