import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kolTriggersCommand } from '../../src/main/cli/commands/kol-triggers.js';
import type { CliIo } from '../../src/main/cli/context.js';
import { localisedError } from '../../src/main/cli/error-lines.js';
import { toErrorInfo } from '../../src/shared/errors.js';
import { KolStore } from '../../src/main/kol/store.js';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import type { Studio } from '../../src/main/studio.js';
import { personaInputSchema } from '../../src/shared/kol/persona.js';
import type { KolScheduleView } from '../../src/shared/kol/triggers.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { RecordingStarter, TestClock } from './trig-harness.js';

/** `kingjam kol triggers …` on a studio whose batch engine is a recorder. */
let studio: Studio;
let home: string;
let persona: string;
const starter = new RecordingStarter();

const previousLanguage = process.env.KINGJAM_LANGUAGE;
beforeAll(() => {
  // English unless a test says otherwise (the studio's own setting is zh-TW).
  process.env.KINGJAM_LANGUAGE = 'en';
  home = tempHome('kingjam-cli-trig-');
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = openTestStudio(home, {}, false, { secrets, kolTriggers: { starter, clock: new TestClock(Date.parse('2027-03-01T00:00:00Z')) } });
  persona = randomUUID();
  new KolStore(studio.store).insertPersona(persona, personaInputSchema.parse({ nickname: '阿明', persona: '財經 KOL' }), Date.now());
});
afterAll(() => {
  if (previousLanguage === undefined) delete process.env.KINGJAM_LANGUAGE;
  else process.env.KINGJAM_LANGUAGE = previousLanguage;
  return studio.close();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  return { code: await kolTriggersCommand(studio, argv, io), out, err };
}

describe('kingjam kol triggers', () => {
  it('creates a schedule from a file, lists it, previews its cron runs, runs it, pauses it', async () => {
    const file = path.join(home, 'schedule.json');
    fs.writeFileSync(file, JSON.stringify({ title: '盤前', trigger: { type: 'time', cron: '0 9 * * 1-5', timeZone: 'Asia/Taipei', topic: '盤前重點' }, personaIds: [persona] }));
    const created = await cli('create', file, '--json');
    expect(created.code).toBe(0);
    const { schedule } = JSON.parse(created.out[0]!) as { schedule: KolScheduleView };
    const listed = await cli('list', '--json');
    expect((JSON.parse(listed.out[0]!) as KolScheduleView[]).map((s) => s.id)).toEqual([schedule.id]);
    const preview = await cli('preview', schedule.id);
    expect(preview.out).toEqual(['Next runs:', '  2027-03-01T01:00:00Z', '  2027-03-02T01:00:00Z', '  2027-03-03T01:00:00Z', '  2027-03-04T01:00:00Z', '  2027-03-05T01:00:00Z']);
    const run = await cli('run', schedule.id);
    expect(run).toMatchObject({ code: 0, out: ['Fired: 1 item(s), batch batch-1.'] });
    expect(starter.requests).toHaveLength(1);
    expect((await cli('pause', schedule.id)).out[0]).toContain('paused');
    const shown = await cli('show', schedule.id);
    expect(shown.out.join('\n')).toContain('cron "0 9 * * 1-5" (Asia/Taipei)');
  });

  it('says what is wrong with a bad file, and prints a webhook secret once', async () => {
    const bad = path.join(home, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ title: 'x', trigger: { type: 'time', cron: '0 25 * * *', topic: '盤前重點' }, personaIds: [persona] }));
    await expect(cli('create', bad)).rejects.toMatchObject({ code: 'BAD_INPUT', key: 'kol.trig.badCron' });
    const hook = path.join(home, 'hook.json');
    fs.writeFileSync(hook, JSON.stringify({ title: 'CRM', trigger: { type: 'custom', topic: '新品上市' }, personaIds: [persona] }));
    const created = await cli('create', hook);
    expect(created.out[1]).toMatch(/^Webhook: POST \/hooks\/kol\/[\w-]+ on the bridge/);
    expect(created.out[2]).toMatch(/^Secret \(shown this once; keep it in the sender\): whsec_[0-9a-f]{64}$/);
    expect((await cli('list')).out.join('\n')).not.toContain('whsec_');
    await expect(cli('explode')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('kingjam kol triggers list') });
  });

  it('speaks zh-TW when the user does: the lines, the state and type, the preview and a trigger error; ids, times and the cron as written', async () => {
    process.env.KINGJAM_LANGUAGE = 'zh-TW';
    try {
      const file = path.join(home, 'zh.json');
      fs.writeFileSync(file, JSON.stringify({ title: '收盤', trigger: { type: 'time', cron: '30 13 * * 1-5', timeZone: 'Asia/Taipei', topic: '收盤回顧' }, personaIds: [persona] }));
      const created = await cli('create', file);
      // The columns are padded by display width: 啟用中 fills the state's 6 columns, 定時 takes 4 of the type's 9.
      expect(created.out[0]).toMatch(/^\S+ {2}啟用中 {2}定時 {7}收盤 {2}下次 2027-03-01T05:30:00Z {2}執行 0 次，成功 0，錯誤 0$/);
      const id = created.out[0]!.split(' ')[0]!;
      expect((await cli('preview', id)).out.slice(0, 2)).toEqual(['接下來的執行時間：', '  2027-03-01T05:30:00Z']);
      expect((await cli('show', id)).out[1]).toMatch(/^ {2}cron「30 13 \* \* 1-5」（Asia\/Taipei）；輪流，每個項目 \d+ 則貼文，由審核者決定時間$/);
      expect((await cli('run', id)).out).toEqual([expect.stringMatching(/^已觸發：1 個項目，批次 batch-\d+。$/)]);
      const missing = await cli('show', 'nope').catch((err: unknown) => err);
      expect(localisedError(toErrorInfo(missing), 'zh-TW').message).toBe('找不到這個排程。');
      expect(localisedError(toErrorInfo(missing), 'zh-CN').message).toBe('找不到这个排程。');
    } finally {
      process.env.KINGJAM_LANGUAGE = 'en';
    }
  });
});
