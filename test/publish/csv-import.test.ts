import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_PATH } from '../../src/main/client-files.js';
import type { Studio } from '../../src/main/studio.js';
import type { CsvImportResult } from '../../src/shared/api/publish-contract.js';
import { readPostsCsv } from '../../src/shared/publish/csv-posts.js';
import { inEnglish } from '../../src/shared/publish/english.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../../src/renderer/i18n/locales/zh-TW.js';
import { makePng } from '../helpers/media.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { seedAccounts } from './bulk-fixtures.js';

// The studio's clock for publishing: 1 December 2026, 00:00 UTC.
const NOW = Date.parse('2026-12-01T00:00:00Z');

let studio: Studio;
let home: string;
let ids: Record<string, string>;
let jpegId: string;
let jpegPath: string;
let pngId: string;

async function importAsset(file: string): Promise<string> {
  const [outcome] = await studio.library.import([file], ANY_PATH);
  await studio.jobs.waitFor(outcome!.jobId!);
  return outcome!.assetId!;
}

beforeAll(async () => {
  home = tempHome();
  studio = openTestStudio(home, {}, true, { publishing: { clock: { now: () => NOW } } });
  ids = seedAccounts(studio.store, [
    { platform: 'instagram', displayName: 'Lin Bakery' },
    { platform: 'facebook', displayName: 'Lin Bakery' },
    { platform: 'youtube', displayName: 'Lin NY', timeZone: 'America/New_York' },
    { platform: 'tiktok', displayName: 'Lin' },
    { platform: 'line', displayName: 'Lin' },
  ]);
  const jpeg = path.join(home, 'in', 'bread.jpg');
  fs.mkdirSync(path.dirname(jpeg), { recursive: true });
  await sharp({ create: { width: 800, height: 1000, channels: 3, background: '#f5deb3' } }).jpeg().toFile(jpeg);
  jpegId = await importAsset(jpeg);
  jpegPath = path.join(studio.paths.library, ...studio.library.get(jpegId).file.split('/'));
  pngId = await importAsset(await makePng(path.join(home, 'in', 'logo.png'), 600, 600));
}, 60_000);

afterAll(async () => {
  await studio.close();
});

const problemsOf = (r: CsvImportResult) => r.rows.flatMap((row) => row.problems.map((p) => `${row.line} ${p.field}: ${inEnglish(p.message).text}`));

describe('CSV import', () => {
  const mixed = () =>
    [
      'account,time,text,title,media',
      'nobody,2026-12-05 09:00,hi,,',
      'Lin,2026-12-05 09:00,hi,,',
      'instagram:Lin Bakery,next friday,hi,,' + jpegId,
      'instagram:Lin Bakery,2026-11-30 09:00,hi,,' + jpegId,
      `facebook:Lin Bakery,2026-12-05 09:00,hi,,${path.join(home, 'nope.jpg')}`,
      'facebook:Lin Bakery,2026-12-05 09:00,hi,,0f8fad5b-d9cb-469f-a165-70867728950e',
      `instagram:Lin Bakery,2026-12-05 09:00,hi,,${pngId}`,
      'instagram:Lin Bakery,2026-12-05 09:00,no picture,,',
      'youtube:Lin NY,2027-03-14 02:30,,,',
      'facebook:Lin Bakery,2026-12-05 09:00,"fine, this one",,',
      // Without its account the zone is unknown, but this time has passed on every clock.
      'nobody,2026-11-30 09:00,hi,,',
    ].join('\r\n');

  it('a dry run lists every problem of every line at once, in three languages, and schedules nothing', async () => {
    const r = await studio.publishing.bulk.importCsv(mixed(), true);
    expect(r.created).toBe(0);
    expect(problemsOf(r)).toEqual([
      '2 account: No account "nobody".',
      `3 account: "Lin" could be line:Lin (${ids['line:Lin']}), tiktok:Lin (${ids['tiktok:Lin']}).`,
      '4 time: "next friday" is not a time the import reads.',
      '5 time: 2026-11-30 09:00 has already passed.',
      `6 media: No file at ${path.join(home, 'nope.jpg')}.`,
      '7 media: No library item with id 0f8fad5b-d9cb-469f-a165-70867728950e.',
      // The library keeps files by content hash: that is the name the check sees.
      `8 media: ${path.basename(studio.library.get(pngId).file)} is png; Instagram takes jpeg.`,
      '9 media: Instagram needs an image or a video.',
      '10 time: 2027-03-14 02:30 does not exist in America/New_York: the clocks jump forward over it.',
      '10 title: YouTube needs a title.',
      '10 media: YouTube needs an image or a video.',
      '12 account: No account "nobody".',
      '12 time: 2026-11-30 09:00 has already passed.',
    ]);
    // The good line is listed too, with its account and instant (09:00 in Taipei is 01:00 UTC).
    expect(r.rows.find((row) => row.line === 11)).toEqual({ line: 11, problems: [], accountId: ids['facebook:Lin Bakery'], scheduledAt: Date.parse('2026-12-05T01:00:00Z') });
    for (const p of r.rows.flatMap((row) => row.problems)) {
      expect(zhTW[`msg.${p.message.key}` as keyof typeof zhTW], p.message.key).toBeTruthy();
      expect(zhCN[`msg.${p.message.key}` as keyof typeof zhCN], p.message.key).toBeTruthy();
    }
    expect(studio.publishing.service.list({ limit: 100 })).toEqual([]);
  });

  it('a real import with any problem schedules none of the lines', async () => {
    const r = await studio.publishing.bulk.importCsv(mixed(), false);
    expect(r).toMatchObject({ dryRun: false, created: 0 });
    expect(problemsOf(r)).toHaveLength(13);
    expect(studio.publishing.service.list({ limit: 100 })).toEqual([]);
  });

  it("a clean file schedules every line at its account's time, with the media as the library knows them", async () => {
    const csv = [
      '\uFEFFaccount,time,text,title,media,youtube_privacy,instagram_kind,tiktok_privacy',
      `instagram:lin bakery,2026-12-05 09:00,"早安 ☀️, #taipei",,${jpegId},public,feed,PUBLIC_TO_EVERYONE`,
      `${ids['facebook:Lin Bakery']},2026-12-05T09:00:00Z,"Two
lines",,${jpegPath}|${pngId},,,`,
      `youtube:Lin NY,2026-12-06 01:30,Desc,My title,${jpegPath},unlisted,,`,
      '',
    ].join('\r\n');
    const dry = await studio.publishing.bulk.importCsv(csv, true);
    // The quoted line break makes the Facebook post lines 3–4: the YouTube post is line 5.
    expect(problemsOf(dry)).toEqual(['5 media: YouTube does not take images here.']);
    const fixed = csv.replace(`My title,${jpegPath}`, `My title,`).replace('youtube:Lin NY,2026-12-06 01:30,Desc,My title,', 'facebook:Lin Bakery,2027-11-07 01:30,Desc,,');
    const r = await studio.publishing.bulk.importCsv(fixed, false);
    expect(problemsOf(r)).toEqual([]);
    expect(r.created).toBe(3);
    const posts = studio.publishing.service.list({ limit: 100 });
    expect(posts.map((p) => [p.accountId, p.state, new Date(p.scheduledAt!).toISOString()])).toEqual([
      [ids['instagram:Lin Bakery'], 'scheduled', '2026-12-05T01:00:00.000Z'],
      [ids['facebook:Lin Bakery'], 'scheduled', '2026-12-05T09:00:00.000Z'],
      [ids['facebook:Lin Bakery'], 'scheduled', '2027-11-06T17:30:00.000Z'],
    ]);
    expect(posts[0]!.payload).toEqual({
      text: '早安 ☀️, #taipei',
      media: [{ path: jpegPath, kind: 'image', mime: 'image/jpeg', bytes: fs.statSync(jpegPath).size, width: 800, height: 1000, durationSeconds: null }],
      // Only the account's own platform's options are kept.
      options: { instagram: { kind: 'feed' } },
    });
    expect(posts[1]!.payload.text).toBe('Two\nlines');
    expect(posts[1]!.payload.media.map((m) => [m.mime, m.width])).toEqual([['image/jpeg', 800], ['image/png', 600]]);
  });

  it('says when a fall-back time happened twice and the first was taken', async () => {
    const r = await studio.publishing.bulk.importCsv(`account,time,text,title,media\nyoutube:Lin NY,2027-11-07 01:30,d,t,${path.join(home, 'in', 'clip.mp4')}\n`, true);
    const row = r.rows[0]!;
    expect(row.scheduledAt).toBe(Date.parse('2027-11-07T05:30:00Z'));
    expect(row.notes?.map((n) => inEnglish(n.message).text)).toEqual([
      '2027-11-07 01:30 happens twice in America/New_York (the clocks go back); the first one, 2027-11-07T01:30:00-04:00, was taken.',
    ]);
  });

  it('schedules all lines in one transaction: when one insert fails, none is left', () => {
    const before = studio.publishing.service.list({ limit: 1000 }).length;
    const payload = { text: 'x', media: [], options: {} };
    const good = { line: 2, accountId: ids['facebook:Lin Bakery']!, platform: 'facebook' as const, payload, scheduledAt: NOW + 86_400_000, missedPolicy: undefined };
    expect(() => studio.publishing.bulk.scheduleAll([good, { ...good, line: 3, accountId: 'deleted-meanwhile' }])).toThrow();
    expect(studio.publishing.service.list({ limit: 1000 })).toHaveLength(before);
  });
});

describe('CSV export', () => {
  it("writes each account's clock with its offset, UTC, state and failure, and imports again as the same posts", async () => {
    const posts = studio.publishing.service.list({ limit: 1000 });
    expect(posts.length).toBeGreaterThanOrEqual(3);
    const failed = posts[1]!;
    studio.publishing.service.outbox.failed(failed.id, 'bad-post', { code: 'PUBLISH_BAD_POST', message: 'Facebook refused the post: duplicate', hint: 'Change the text.' }, NOW);

    const csv = studio.publishing.bulk.exportCsv({ limit: 1000, accountIds: [ids['instagram:Lin Bakery']!, ids['facebook:Lin Bakery']!] });
    expect(csv.startsWith('\uFEFFid,account,account_name,platform,time,time_zone,time_utc,state,text,')).toBe(true);
    const lines = readPostsCsv(csv);
    expect(lines.problems).toEqual([]);
    expect(csv).toContain(`${posts[0]!.id},${ids['instagram:Lin Bakery']},Lin Bakery,instagram,2026-12-05T09:00:00+08:00,Asia/Taipei,2026-12-05T01:00:00Z,scheduled,`);
    expect(csv).toContain(',failed,"Two\nlines"');
    expect(csv).toContain('Facebook refused the post: duplicate,Change the text.\r\n');

    // The export, imported again, makes the same posts (new ids).
    const again = await studio.publishing.bulk.importCsv(csv, false);
    expect(problemsOf(again)).toEqual([]);
    expect(again.created).toBe(3);
    const all = studio.publishing.service.list({ limit: 1000 });
    const copies = all.filter((p) => !posts.some((o) => o.id === p.id));
    const shape = (p: (typeof posts)[number]) => ({ accountId: p.accountId, scheduledAt: p.scheduledAt, payload: p.payload, missedPolicy: p.missedPolicy });
    expect(copies.map(shape)).toEqual(posts.filter((p) => p.platform !== 'youtube').map(shape));
  });
});
