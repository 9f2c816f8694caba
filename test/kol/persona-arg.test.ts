import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kolCommand } from '../../src/main/cli/commands/kol.js';
import { localisedError } from '../../src/main/cli/error-lines.js';
import { exitCode } from '../../src/main/cli/exit-code.js';
import { KolStore } from '../../src/main/kol/store.js';
import type { Studio } from '../../src/main/studio.js';
import { StudioError } from '../../src/shared/errors.js';
import { personaInputSchema } from '../../src/shared/kol/persona.js';
import type { KolPostView } from '../../src/shared/kol/post-record.js';
import { FAST_JOBS, openTestStudio, tempHome } from '../helpers/studio.js';

let studio: Studio;
let home: string;
const ids = { mia: 'persona-mia', twinA: 'persona-twin-a', twinB: 'persona-twin-b', old: 'persona-old' };
const previousLanguage = process.env.KINGJAM_LANGUAGE;

beforeAll(() => {
  process.env.KINGJAM_LANGUAGE = 'en';
  home = tempHome('kingjam-persona-arg-');
  studio = openTestStudio(home, { ...FAST_JOBS, rateLimits: {} });
  const kol = new KolStore(studio.store);
  const add = (id: string, nickname: string) => kol.insertPersona(id, personaInputSchema.parse({ nickname, persona: `${nickname} writes about food` }), Date.now());
  add(ids.mia, '林小美');
  add(ids.twinA, 'Twin');
  add(ids.twinB, 'Twin');
  add(ids.old, 'Oldie');
  kol.archivePersona(ids.old, Date.now());
});

afterAll(async () => {
  if (previousLanguage === undefined) delete process.env.KINGJAM_LANGUAGE;
  else process.env.KINGJAM_LANGUAGE = previousLanguage;
  await studio.close();
});

async function run(...argv: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await kolCommand(studio, argv, { out: (l) => out.push(l), err: (l) => out.push(l) });
  return { code, out };
}

async function refusal(...argv: string[]): Promise<StudioError> {
  try {
    await run(...argv);
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error(`kingjam kol ${argv.join(' ')} was not refused`);
}

function personaOfPost(id: string): string {
  return (studio.store.sqlite.prepare('SELECT persona_id FROM kol_posts WHERE id = ?').get(id) as { persona_id: string }).persona_id;
}

describe('a persona named by id or nickname, the same in every kol command', () => {
  it('posts create takes a nickname (any case for Latin letters) or an id, and the post belongs to that persona', async () => {
    const byName = await run('posts', 'create', '--persona', '林小美', '--topic', '牛肉麵', '--content', '今天吃牛肉麵', '--json');
    expect(byName.code).toBe(0);
    expect(personaOfPost((JSON.parse(byName.out.at(-1)!) as KolPostView).id)).toBe(ids.mia);
    const byId = await run('posts', 'create', '--persona', ids.twinA, '--topic', 'Tea', '--content', 'Tea time', '--json');
    expect(personaOfPost((JSON.parse(byId.out.at(-1)!) as KolPostView).id)).toBe(ids.twinA);
  });

  it('an ambiguous nickname is refused with exit 2, listing the matches, in en and zh-TW; nothing is written', async () => {
    const before = (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM kol_posts').get() as { n: number }).n;
    const err = await refusal('posts', 'create', '--persona', 'twin', '--topic', 'Tea', '--content', 'Tea');
    expect(exitCode(err)).toBe(2);
    expect(err.key).toBe('cli.personaAmbiguous');
    expect(err.message).toBe(`--persona: 2 personas are called "twin"; give the id of the one you mean: ${ids.twinA} (Twin), ${ids.twinB} (Twin).`);
    expect(localisedError(err.toInfo(), 'zh-TW').message).toBe(`--persona：有 2 個人設叫「twin」；請改給你要的那個的 ID：${ids.twinA} (Twin), ${ids.twinB} (Twin)。`);
    expect((studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM kol_posts').get() as { n: number }).n).toBe(before);
  });

  it('an unknown name, and the nickname of an archived persona, are refused in the user’s language; the archived one still answers to its id', async () => {
    const unknown = await refusal('posts', 'create', '--persona', 'Nobody', '--topic', 'Tea', '--content', 'Tea');
    expect(unknown.key).toBe('cli.personaUnknown');
    // Not there is exit 1, as a wrong id always was; only an ambiguous nickname is the usage's to fix (exit 2).
    expect(exitCode(unknown)).toBe(1);
    expect(localisedError(unknown.toInfo(), 'zh-CN').message).toContain('--persona：没有“Nobody”这个人设');
    expect((await refusal('personas', 'show', 'Oldie')).key).toBe('cli.personaUnknown');
    const shown = await run('personas', 'show', ids.old, '--json');
    expect(JSON.parse(shown.out.at(-1)!)).toMatchObject({ id: ids.old, nickname: 'Oldie' });
  });

  it('posts list, review approve-low-risk, learn, batch start and personas show/export read nicknames too', async () => {
    const listed = await run('posts', 'list', '--persona', '林小美', '--json');
    const items = (JSON.parse(listed.out.at(-1)!) as { items: KolPostView[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((p) => p.personaId))).toEqual(new Set([ids.mia]));

    const approved = await run('review', 'approve-low-risk', '--persona', '林小美', '--json');
    expect(approved.code).toBe(0);
    const touched = (JSON.parse(approved.out.at(-1)!) as { posts: KolPostView[] }).posts;
    expect(touched.every((p) => p.personaId === ids.mia)).toBe(true);

    expect((await run('learn', '--persona', '林小美', '--json')).code).toBe(0);
    expect((await refusal('learn', '--persona', 'Twin')).key).toBe('cli.personaAmbiguous');

    const shown = await run('personas', 'show', '林小美', '--json');
    expect(JSON.parse(shown.out.at(-1)!)).toMatchObject({ id: ids.mia });

    const target = path.join(home, 'export.json');
    await run('personas', 'export', target, '--id', `林小美,${ids.twinB}`);
    const exported = JSON.parse(fs.readFileSync(target, 'utf8')) as { personas: { nickname: string }[] };
    expect(exported.personas.map((p) => p.nickname).sort()).toEqual(['Twin', '林小美']);

    const topics = path.join(home, 'topics.txt');
    fs.writeFileSync(topics, 'Tea\n');
    const batch = await refusal('batch', 'start', '--personas', '林小美,Twin', '--topics-file', topics);
    expect(batch).toMatchObject({ key: 'cli.personaAmbiguous', params: { flag: '--personas', value: 'Twin' } });
  });
});
