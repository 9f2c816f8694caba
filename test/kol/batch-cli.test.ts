import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kolCommand } from '../../src/main/cli/commands/kol.js';
import { KolStore } from '../../src/main/kol/store.js';
import type { Studio } from '../../src/main/studio.js';
import type { BatchEvent } from '../../src/shared/kol/batch.js';
import { personaInputSchema } from '../../src/shared/kol/persona.js';
import { FAST_JOBS, openTestStudio, tempHome } from '../helpers/studio.js';

let studio: Studio;
let home: string;

const previousLanguage = process.env.KINGJAM_LANGUAGE;
beforeAll(() => {
  // English unless a test says otherwise (the studio's own setting is zh-TW).
  process.env.KINGJAM_LANGUAGE = 'en';
  home = tempHome('kingjam-kolbatch-cli-');
  studio = openTestStudio(home, { ...FAST_JOBS, rateLimits: {} });
  const kol = new KolStore(studio.store);
  for (const [nickname, language] of [['Mia', 'zh-TW'], ['Leo', 'en']] as const) {
    kol.insertPersona(randomUUID(), personaInputSchema.parse({ nickname, persona: `${nickname} writes about food`, tone: { language } }), Date.now());
  }
});

afterAll(async () => {
  if (previousLanguage === undefined) delete process.env.KINGJAM_LANGUAGE;
  else process.env.KINGJAM_LANGUAGE = previousLanguage;
  await studio.close();
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('kingjam kol batch', () => {
  it('start --json streams the seed’s events, one JSON object per line, for each persona × each topic on the offline provider', async () => {
    const topics = path.join(home, 'topics.txt');
    fs.writeFileSync(topics, '牛肉麵\n\nNight markets\n');
    const run = io();
    const code = await kolCommand(studio, ['batch', 'start', '--personas', 'Mia,Leo', '--topics-file', topics, '--json'], run.io);
    expect(code).toBe(0);
    const events = run.out.map((l) => JSON.parse(l) as BatchEvent);
    expect(events.map((e) => e.type)).toEqual(['batch.start', 'item.done', 'item.done', 'item.done', 'item.done', 'batch.end']);
    expect(events.at(-1)).toMatchObject({ batch: { state: 'finished', totals: { items: 4, succeeded: 4, failed: 0, percent: 100 } } });

    const show = io();
    const id = (events[0] as { batch: { id: string } }).batch.id;
    await kolCommand(studio, ['batch', 'show', id], show.io);
    expect(show.out[0]).toContain('4/4 (100%)');
    expect(show.out.slice(1).every((l) => l.includes('succeeded'))).toBe(true);
    expect(show.out.some((l) => l.includes('Mia: 牛肉麵'))).toBe(true);
  }, 120_000);

  it('refuses a topics file without topics, and a persona that does not exist, before anything is written', async () => {
    const empty = path.join(home, 'empty.txt');
    fs.writeFileSync(empty, '\n  \n');
    await expect(kolCommand(studio, ['batch', 'start', '--personas', 'Mia', '--topics-file', empty], io().io)).rejects.toMatchObject({ key: 'kol.batch.noTopics' });
    const topics = path.join(home, 'one.txt');
    fs.writeFileSync(topics, 'Tea\n');
    const before = studio.kolBatches.list().length;
    await expect(kolCommand(studio, ['batch', 'start', '--personas', 'Nobody', '--topics-file', topics], io().io)).rejects.toMatchObject({ key: 'cli.personaUnknown', params: { flag: '--personas', value: 'Nobody' } });
    expect(studio.kolBatches.list()).toHaveLength(before);
  });

  it('speaks the user’s language: the estimate, each event and the list in zh-CN and zh-TW', async () => {
    const topics = path.join(home, 'topics-zh.txt');
    fs.writeFileSync(topics, '夜市\n');
    process.env.KINGJAM_LANGUAGE = 'zh-CN';
    try {
      const run = io();
      expect(await kolCommand(studio, ['batch', 'start', '--personas', 'Mia', '--topics-file', topics, '--title', '夜市批次'], run.io)).toBe(0);
      expect(run.out).toContainEqual(expect.stringMatching(/^费用：0 点；同时 \d+ 条$/));
      expect(run.out).toContainEqual(expect.stringMatching(/^批次 \S+ 已开始：1 条帖子，同时 \d+ 条$/));
      expect(run.out).toContainEqual(expect.stringMatching(/^✓ \[1\/1 100%\] #1 Mia：“.*”（帖子 \S+）$/));
      expect(run.out.at(-1)).toBe('批次已完成：共 1 条，已写 1 条，失败 0 条');
      process.env.KINGJAM_LANGUAGE = 'zh-TW';
      const list = io();
      await kolCommand(studio, ['batch', 'list'], list.io);
      expect(list.out.find((l) => l.endsWith('夜市批次'))).toMatch(/ {2}已完成 {4}1\/1（100%） {2}已寫 1 則，失敗 0 則 {2}夜市批次$/);
    } finally {
      process.env.KINGJAM_LANGUAGE = 'en';
    }
  });
});
