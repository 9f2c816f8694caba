import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { Studio } from '../../src/main/studio.js';
import type { CharacterSummary, CharacterView } from '../../src/shared/api/character-contract.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { swatch } from './support.js';

/**
 * Characters' rows (migration 12) through the area service, read back after
 * the studio is closed and opened again; and the real `kingjam character` in
 * its own process: create from keywords on the offline Prompt-Board, list, show.
 */
describe('characters in the database', () => {
  let home: string;
  let studio: Studio;

  beforeAll(() => {
    home = tempHome('kingjam-characters-db-');
    studio = openTestStudio(home, {}, false);
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('applies migration 12 and keeps a character, its references and variants across a reopen', async () => {
    const version = studio.store.sqlite.prepare('SELECT version FROM schema_version WHERE version = 12').get();
    expect(version).toEqual({ version: 12 });
    const tables = (studio.store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'character%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['character_references', 'character_variants', 'characters']);

    const area = studio.creator.characters;
    const made = area.create({ name: '林小燈', keywords: ['燈籠', '貓咪'], language: 'zh-TW', world: '燈籠城', backstory: '夜市長大。', look: '紅外套', styleId: null });
    const file = path.join(home, 'ref.png');
    fs.writeFileSync(file, await swatch(300, 400, [10, 200, 90]));
    const withRef = await area.addReferenceFiles(made.id, [file], { allows: () => true });
    const assetId = withRef.references[0]!.assetId;
    area.store.insertVariant({ id: 'v1', character_id: made.id, kind: 'expression', instruction: 'laughing', backend: 'seedream', via: 'own-key', slot: 0, created_at: 5 });
    area.store.made('v1', { file: path.join(home, 'library', 'x.png'), prompt: 'p', model: 'bytedance/seedream-4' });
    area.store.setAsset('v1', assetId);
    area.markVariant('v1', 'discarded');
    area.update({ id: made.id, backstory: '她在夜市長大，會和貓說話。' });
    await studio.close();

    studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs: false });
    const back = studio.creator.characters.get(made.id);
    expect(back).toMatchObject({ name: '林小燈', keywords: ['燈籠', '貓咪'], language: 'zh-TW', world: '燈籠城', backstory: '她在夜市長大，會和貓說話。', look: '紅外套', styleId: null });
    expect(back.references).toMatchObject([{ assetId, origin: 'upload', position: 0 }]);
    expect(back.variants).toMatchObject([{ id: 'v1', kind: 'expression', instruction: 'laughing', backend: 'seedream', model: 'bytedance/seedream-4', state: 'discarded', status: 'ready', assetId }]);
    expect(studio.creator.characters.list()).toMatchObject([{ id: made.id, name: '林小燈', variants: 0 }]);

    // Deleting the character takes its rows, not the library's pictures.
    expect(studio.creator.characters.delete(made.id)).toEqual({ deleted: true });
    expect(studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM character_variants').get()).toEqual({ n: 0 });
    expect(studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM character_references').get()).toEqual({ n: 0 });
    expect(studio.library.get(assetId).id).toBe(assetId);
  });
});

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

function kingjam(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, KINGJAM_HOME: home }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kingjam character', () => {
  it('creates a character from keywords offline, lists it and shows it, as JSON and for people', () => {
    const home = tempHome('kingjam-characters-cli-');
    const created = kingjam(home, 'character', 'create', '--keywords', '機器人,海邊', '--language', 'zh-TW', '--pick', '2', '--json');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const c = JSON.parse(created.stdout) as CharacterView;
    expect(c).toMatchObject({ language: 'zh-TW', keywords: ['機器人', '海邊'], references: [], variants: [] });
    expect(c.name).toContain('旅人');
    expect(`${c.world}${c.backstory}`).toMatch(/機器人|海邊/);

    const list = kingjam(home, 'character', 'list', '--json');
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as CharacterSummary[]).map((s) => [s.id, s.name])).toEqual([[c.id, c.name]]);

    const shown = kingjam(home, 'character', 'show', c.id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(c.name);
    // The studio speaks zh-TW by default: the labels are its.
    expect(shown.stdout).toContain(`世界觀: ${c.world}`);
    expect(shown.stdout).toContain('參考圖：0 張');

  }, 150_000);
});
