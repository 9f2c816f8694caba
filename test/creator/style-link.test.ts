import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { Studio } from '../../src/main/studio.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { flatStyle } from '../style/fixtures.js';

/**
 * Linking a Style-Locker style to a character through the calls the
 * character page makes (issue 16): a style extracted by the real worker can
 * be linked only once it is locked; a missing one is refused; the link is
 * kept in the database across a reopen and cleared with null; a style
 * unlocked after it was linked stays linked when the rest of the profile is
 * saved (the page shows it is not locked).
 */
let home: string;
let studio: Studio;
let styleId: string;
const api = contractCalls(() => createHandlers(studio, 'web'));
const ROOT = path.resolve(import.meta.dirname, '../..');
const PROFILE = { name: 'Mira', keywords: ['lantern'], language: 'en', world: 'Night market', backstory: 'Sells lanterns.', look: 'red coat' };

beforeAll(async () => {
  home = tempHome('kingjam-character-style-');
  studio = openTestStudio(home);
  const dir = fs.mkdtempSync(path.join(home, 'refs-'));
  const paths = await Promise.all([1, 2, 3].map((s) => flatStyle(dir, `ref-${s}.png`, s, 256)));
  styleId = (await api.call('style.create', { name: 'Picture book', paths })).id;
  await until(async () => {
    const p = await api.call('style.get', { id: styleId });
    if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
    return p.status === 'ready' ? p : null;
  }, 'the extraction', 90_000);
}, 120_000);

afterAll(async () => {
  await studio.close();
});

describe('a character’s locked style', () => {
  it('refuses an unlocked style and a missing one, creating nothing', async () => {
    expect(await api.refused('character.create', { ...PROFILE, styleId })).toMatchObject({ code: 'CONFLICT', key: 'style.notLocked', params: { name: 'Picture book' } });
    expect(await api.refused('character.create', { ...PROFILE, styleId: 'no-such-style' })).toMatchObject({ code: 'NOT_FOUND', key: 'style.notFound' });
    expect(await api.call('character.list', {})).toEqual([]);
    const plain = await api.call('character.create', { ...PROFILE, styleId: null });
    expect(await api.refused('character.update', { id: plain.id, styleId })).toMatchObject({ code: 'CONFLICT', key: 'style.notLocked' });
    expect((await api.call('character.get', { id: plain.id })).styleId).toBeNull();
    await api.call('character.delete', { id: plain.id });
  });

  it('links a locked style, keeps it across a reopen, and clears it with null', async () => {
    await api.call('style.lock', { id: styleId });
    const made = await api.call('character.create', { ...PROFILE, styleId: null });
    expect((await api.call('character.update', { id: made.id, styleId })).styleId).toBe(styleId);
    await studio.close();
    studio = openTestStudio(home);
    expect((await api.call('character.get', { id: made.id })).styleId).toBe(styleId);
    expect(studio.store.sqlite.prepare('SELECT style_id FROM characters WHERE id = ?').get(made.id)).toEqual({ style_id: styleId });

    // Unlocked after linking: saving the profile keeps the link, since the style is not newly chosen.
    await api.call('style.unlock', { id: styleId });
    const saved = await api.call('character.update', { id: made.id, backstory: 'Sells paper lanterns.', styleId });
    expect(saved).toMatchObject({ backstory: 'Sells paper lanterns.', styleId });

    expect((await api.call('character.update', { id: made.id, styleId: null })).styleId).toBeNull();
    expect(studio.store.sqlite.prepare('SELECT style_id FROM characters WHERE id = ?').get(made.id)).toEqual({ style_id: null });
    // Once unlinked, the unlocked style cannot be linked again until it is locked.
    expect(await api.refused('character.update', { id: made.id, styleId })).toMatchObject({ code: 'CONFLICT', key: 'style.notLocked' });
  });

  it('kingjam character style links, shows and unlinks a style in the user’s language, and refuses a missing one', async () => {
    await api.call('style.lock', { id: styleId });
    const made = await api.call('character.create', { ...PROFILE, name: '小燈', styleId: null });
    const cli = (language: string, ...args: string[]) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts'), ...args], {
        cwd: ROOT,
        env: { ...process.env, KINGJAM_HOME: home, KINGJAM_LANGUAGE: language },
        encoding: 'utf8',
        timeout: 120_000,
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const linked = cli('zh-TW', 'character', 'style', made.id, styleId);
    expect([linked.code, linked.stdout.trim()]).toEqual([0, `角色「小燈」已連結風格「Picture book」（${styleId}）。`]);
    expect(studio.store.sqlite.prepare('SELECT style_id FROM characters WHERE id = ?').get(made.id)).toEqual({ style_id: styleId });
    expect(cli('en', 'character', 'show', made.id).stdout).toContain(`Locked style: Picture book (${styleId})`);
    await api.call('style.unlock', { id: styleId });
    expect(cli('zh-CN', 'character', 'show', made.id).stdout).toContain(`锁定风格: Picture book（${styleId}），已解锁：生成不会再套用`);
    const missing = cli('zh-TW', 'character', 'style', made.id, 'no-such-style');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-style');
    expect(missing.stderr).toMatch(/錯誤|沒有/);
    const unlinked = cli('zh-CN', 'character', 'style', made.id, 'none');
    expect([unlinked.code, unlinked.stdout.trim()]).toEqual([0, '角色“小燈”已取消关联风格。']);
    expect(studio.store.sqlite.prepare('SELECT style_id FROM characters WHERE id = ?').get(made.id)).toEqual({ style_id: null });
    expect(cli('en', 'character', 'style').code).toBe(2);
  }, 150_000);
});
