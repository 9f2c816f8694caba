import { describe, expect, it } from 'vitest';
import { readPostsCsv, writePostsCsv, type CsvPostOut } from '../../src/shared/publish/csv-posts.js';
import { inEnglish } from '../../src/shared/publish/english.js';

const english = (r: ReturnType<typeof readPostsCsv>) => r.problems.map((p) => `${p.line} ${p.field}: ${inEnglish(p.message).text}`);

describe('reading a posts CSV', () => {
  it('reads each line into a draft: media ids and paths, options for their platform, a guarded formula cell', () => {
    const csv = [
      'Account,time,text,title,media,tiktok_privacy,youtube_short,youtube_tags,missed_policy,',
      `tiktok:Mei,2026-12-05 09:00,"'=1+1, said Mei",,0f8fad5b-d9cb-469f-a165-70867728950e | /home/mei/clip.mp4,self_only,,,mark-missed,`,
      'yt,2026-12-05T09:00+08:00,Body,Title,,,yes,a|b c,,',
    ].join('\r\n');
    const r = readPostsCsv(csv);
    expect(r.problems).toEqual([]);
    expect(r.drafts[0]).toMatchObject({
      line: 2,
      account: 'tiktok:Mei',
      text: '=1+1, said Mei',
      title: undefined,
      media: [{ assetId: '0f8fad5b-d9cb-469f-a165-70867728950e' }, { path: '/home/mei/clip.mp4' }],
      options: { tiktok: { privacy: 'SELF_ONLY', mode: 'direct' } },
      missedPolicy: 'mark-missed',
    });
    expect(r.drafts[1]).toMatchObject({ line: 3, title: 'Title', options: { youtube: { short: true, tags: ['a', 'b c'], privacy: 'private' } } });
  });

  it('lists every problem of every line at once, with its line and column', () => {
    const csv = ['account,time,text,tiktok_privacy,facebook_link,youtube_short', ',,hi,everyone,ftp://x,maybe', 'a,2026-12-05 09:00,"x",,,,extra'].join('\n');
    expect(english(readPostsCsv(csv))).toEqual([
      '2 account: The "account" column is empty.',
      '2 time: The "time" column is empty.',
      '2 tiktok_privacy: "everyone" is not a valid tiktok_privacy; it takes PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR, SELF_ONLY.',
      '2 youtube_short: "maybe" is not a valid youtube_short; it takes yes, no.',
      '2 facebook_link: "ftp://x" is not a valid facebook_link; it takes https://….',
      '3 file: This line has 7 fields but the header has 6 columns.',
    ]);
  });

  it('refuses a header without the required columns or with an unknown one, before reading any line', () => {
    expect(english(readPostsCsv('acount,time,text\nx,y,z\n'))).toEqual([
      expect.stringMatching(/^1 acount: "acount" is not a column the import reads \(account, time, text, title, media/),
      '1 account: The header has no "account" column.',
    ]);
    expect(english(readPostsCsv('account,time,text\r\n\r\n'))).toEqual(['1 file: The file has a header but no posts.']);
    expect(english(readPostsCsv('account,time,text\nx,"open\n'))).toEqual(['2 file: A quoted field that starts on line 2 never ends.']);
  });

  it('an export reads back as the same drafts (export-only columns are skipped)', () => {
    const post: CsvPostOut = {
      id: 'p1',
      accountId: 'acc-1',
      accountName: '@brand',
      platform: 'tiktok',
      time: '2026-12-05T09:00:00+08:00',
      timeZone: 'Asia/Taipei',
      timeUtc: '2026-12-05T01:00:00Z',
      state: 'failed',
      payload: {
        text: '-50% today, "quoted"\nsecond line',
        media: [{ path: '/lib/ab/abc.mp4', kind: 'video', mime: 'video/mp4', bytes: 1, width: null, height: null, durationSeconds: null }],
        options: { tiktok: { mode: 'inbox', privacy: 'SELF_ONLY', disableComment: false, disableDuet: false, disableStitch: false } },
      },
      missedPolicy: 'publish',
      publishedAt: '',
      url: '',
      failure: 'TikTok refused the post',
      whatToDo: 'Edit it',
    };
    const back = readPostsCsv(writePostsCsv([post]));
    expect(back.problems).toEqual([]);
    expect(back.drafts).toEqual([
      {
        line: 2,
        account: 'acc-1',
        time: '2026-12-05T09:00:00+08:00',
        text: post.payload.text,
        title: undefined,
        media: [{ path: '/lib/ab/abc.mp4' }],
        options: { tiktok: { mode: 'inbox', privacy: 'SELF_ONLY', disableComment: false, disableDuet: false, disableStitch: false } },
        missedPolicy: 'publish',
      },
    ]);
  });
});

describe('docs/examples/posts.csv', () => {
  it('reads without a problem (the documented example stays true)', async () => {
    const fs = await import('node:fs');
    const r = readPostsCsv(fs.readFileSync(new URL('../../docs/examples/posts.csv', import.meta.url), 'utf8'));
    expect(r.problems).toEqual([]);
    expect(r.drafts.map((d) => d.account)).toEqual([
      'instagram:Lin Bakery',
      'facebook:Lin Bakery',
      'threads:linbakery',
      'tiktok:linbakery',
      'youtube:Lin Bakery',
      'wordpress:blog.linbakery.tw',
      'line:林家麵包',
    ]);
    expect(r.drafts[4]!.text).toBe('Full recipe in the video.\nIngredients: flour, milk, butter.');
  });
});
