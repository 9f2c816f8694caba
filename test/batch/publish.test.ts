import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../src/main/studio.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { seedAccount } from '../kol/kol-fixtures.js';
import { jobFolder, readManifest, recordingIo, runJobFile, writeJobFile } from './fixtures.js';
import { TextReporter } from '../../src/main/batch/progress.js';
import { StudioError, toErrorInfo } from '../../src/shared/errors.js';
import { say } from '../../src/shared/messages.js';

interface PostRow {
  id: string;
  state: string;
  scheduled_at: number | null;
  payload: string;
}

/**
 * A publish item puts its posts on the calendar; run again unchanged it adds
 * none; edited, its earlier post is withdrawn before the new one is made; and
 * once its post is out, an edit fails the item instead of posting twice.
 */
describe('kingjam batch run: publish items never post twice', () => {
  let studio: Studio;
  let dir: string;
  let account: string;

  beforeAll(async () => {
    // Nothing is due before 2030: the queue need not be worked.
    studio = openTestStudio(tempHome(), {}, false);
    dir = await jobFolder(tempHome('kingjam-batch-publish-'));
    account = seedAccount(studio.store, { platform: 'facebook', connectionId: 'conn-meta', platformAccountId: '1', targetId: 'page-1', timeZone: 'Asia/Taipei' });
  });
  afterAll(async () => {
    await studio.close();
  });

  const posts = () => studio.store.sqlite.prepare('SELECT id, state, scheduled_at, payload FROM outbox_posts ORDER BY created_at, id').all() as PostRow[];
  const item = (text: string) => ({ id: 'launch', kind: 'publish', accounts: [account], text, at: '2030-01-31 09:00' });
  const file = () => path.join(dir, 'publish.json');

  it('schedules the post in the first account’s zone; run again unchanged, nothing new is made', async () => {
    writeJobFile(file(), [item('新品上市！')]);
    const first = await runJobFile(studio, dir, file());
    expect(first.code).toBe(0);
    const made = posts();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ state: 'scheduled', scheduled_at: Date.UTC(2030, 0, 31, 1, 0) });
    expect(JSON.parse(made[0]!.payload).text).toBe('新品上市！');
    expect(readManifest(first.outDir).items[0]).toMatchObject({ id: 'launch', status: 'succeeded' });

    const again = await runJobFile(studio, dir, file());
    expect(again.code).toBe(0);
    expect(posts()).toEqual(made);
  });

  it('edited, withdraws the earlier post before scheduling the new text', async () => {
    writeJobFile(file(), [item('新品上市，週末限定！')]);
    const edited = await runJobFile(studio, dir, file());
    expect(edited.code).toBe(0);
    const rows = posts();
    expect(rows.map((r) => r.state)).toEqual(['canceled', 'scheduled']);
    expect(JSON.parse(rows[1]!.payload).text).toBe('新品上市，週末限定！');
  });

  it('once its post went out, an edit fails the item with the reason and makes no new post', async () => {
    const live = posts().find((r) => r.state === 'scheduled')!;
    studio.store.sqlite.prepare("UPDATE outbox_posts SET state = 'published', platform_post_id = 'page-1_99', published_at = ? WHERE id = ?").run(Date.now(), live.id);
    writeJobFile(file(), [item('再改一次')]);
    const refused = await runJobFile(studio, dir, file());
    expect(refused.code).toBe(1);
    const failed = refused.events.find((e) => e.event === 'item-failed') as { error?: { code: string; message: string; hint: string | null } } | undefined;
    expect(failed?.error).toMatchObject({ code: 'CONFLICT', message: '1 post(s) this item made on an earlier run already went out; doing it again would post twice.' });
    expect(failed?.error?.hint).toContain('new id');
    expect(posts().map((r) => r.state)).toEqual(['canceled', 'published']);

    // The text report says it in the user's language.
    const io = recordingIo();
    new TextReporter('zh-TW', io).itemFailed('launch', toErrorInfo(new StudioError({ code: 'CONFLICT', message: 'x', ...say('batch.publishedBefore', { count: 1 }) })));
    expect(io.errors.join('\n')).toContain('這個項目在先前執行時建立的 1 則貼文已經發出；再做一次會重複發文。');
    expect(io.errors.join('\n')).toContain('請給這個項目新的 id');
  });
});
