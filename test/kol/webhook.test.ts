import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src/main/bridge/server.js';
import { KolStore } from '../../src/main/kol/store.js';
import { signWebhook } from '../../src/main/kol-trig/webhook.js';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import type { Studio } from '../../src/main/studio.js';
import { personaInputSchema } from '../../src/shared/kol/persona.js';
import type { ScheduleSaved } from '../../src/shared/kol/triggers.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { RecordingStarter, TestClock } from './trig-harness.js';

/** The custom trigger's webhook through the real web bridge: `POST /hooks/kol/<id>`, signed with the schedule's secret. */
let studio: Studio;
let bridge: Bridge;
let base: string;
let home: string;
const starter = new RecordingStarter();
const clock = new TestClock(Date.parse('2027-03-01T02:00:00Z'));
let saved: ScheduleSaved;

beforeAll(async () => {
  home = tempHome('kingjam-hook-');
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = openTestStudio(home, {}, false, { secrets, kolTriggers: { starter, clock } });
  const renderer = tempHome('kingjam-renderer-');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>KingJam</title>');
  bridge = await startBridge(studio, { host: '127.0.0.1', port: 0, rendererDir: renderer });
  base = `http://127.0.0.1:${bridge.port}`;
  const persona = randomUUID();
  new KolStore(studio.store).insertPersona(persona, personaInputSchema.parse({ nickname: '活動小編', persona: '寫品牌活動的小編' }), clock.now());
  const created = await fetch(`${base}/api/kol.triggers.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}` },
    body: JSON.stringify({ title: 'CRM 事件', trigger: { type: 'custom', topic: '新品上市' }, personaIds: [persona] }),
  });
  expect(created.status).toBe(200);
  saved = (await created.json()) as ScheduleSaved;
});
afterAll(async () => {
  await bridge.close();
  await studio.close();
});

function post(scheduleId: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${base}/hooks/kol/${scheduleId}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

function signed(body: string, at = clock.now(), secret = saved.webhook!.secret): Record<string, string> {
  const timestamp = String(Math.floor(at / 1000));
  return { 'X-KingJam-Timestamp': timestamp, 'X-KingJam-Signature': signWebhook(secret, timestamp, body) };
}

describe('the custom trigger’s webhook on the bridge', () => {
  it('shows the secret once, at creation, and keeps it out of the database', async () => {
    expect(saved.webhook).toEqual({ path: `/hooks/kol/${saved.schedule.id}`, secret: expect.stringMatching(/^whsec_[0-9a-f]{64}$/) });
    expect(saved.schedule.webhookPath).toBe(saved.webhook!.path);
    const got = await fetch(`${base}/api/kol.triggers.get`, { method: 'POST', headers: { authorization: `Bearer ${bridge.token}` }, body: JSON.stringify({ id: saved.schedule.id }) });
    expect(JSON.stringify(await got.json())).not.toContain(saved.webhook!.secret);
    for (const file of [studio.paths.database, `${studio.paths.database}-wal`].filter((f) => fs.existsSync(f))) {
      expect(fs.readFileSync(file).includes(Buffer.from(saved.webhook!.secret))).toBe(false);
    }
  });

  it('refuses a bad signature with 401 and runs nothing', async () => {
    const body = JSON.stringify({ topic: '偽造的事件', id: 'evt-forged' });
    const wrongSecret = await post(saved.schedule.id, body, signed(body, clock.now(), `whsec_${'0'.repeat(64)}`));
    expect(wrongSecret.status).toBe(401);
    expect(((await wrongSecret.json()) as { error: { key: string } }).error.key).toBe('kol.trig.badSignature');
    // The body changed after signing.
    const tampered = await post(saved.schedule.id, body.replace('偽造', '改過'), signed(body));
    expect(tampered.status).toBe(401);
    expect((await post(saved.schedule.id, body, {})).status).toBe(401);
    expect(starter.requests).toEqual([]);
    expect(studio.kolTriggers.get(saved.schedule.id).schedule.executionCount).toBe(0);
  });

  it('fires on a good signature, without the bridge token, with the event’s topic and context', async () => {
    const body = JSON.stringify({ topic: '春季新品發表', context: '3 月 5 日上市，售價 NT$1,990', id: 'evt-1' });
    const res = await post(saved.schedule.id, body, signed(body));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ fired: true, runId: expect.any(String), batchId: 'batch-1' });
    expect(starter.requests).toHaveLength(1);
    expect(starter.requests[0]!.items).toEqual([
      { personaId: expect.any(String), topic: '春季新品發表', context: '3 月 5 日上市，售價 NT$1,990', triggerId: saved.schedule.id, triggerItem: 'event:evt-1' },
    ]);
    expect(studio.kolTriggers.get(saved.schedule.id).schedule).toMatchObject({ executionCount: 1, successCount: 1 });
  });

  it('refuses a replayed event and a timestamp outside the 5-minute window', async () => {
    const body = JSON.stringify({ topic: '春季新品發表', id: 'evt-1' });
    const replay = await post(saved.schedule.id, body, signed(body));
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { key: string } }).error.key).toBe('kol.trig.eventReplayed');
    // The exact same signed request again (no id): its signature is the event's key.
    const noId = JSON.stringify({ topic: '限時折扣' });
    const headers = signed(noId);
    expect((await post(saved.schedule.id, noId, headers)).status).toBe(202);
    expect((await post(saved.schedule.id, noId, headers)).status).toBe(409);
    const late = JSON.stringify({ topic: '過期的事件', id: 'evt-late' });
    const expired = await post(saved.schedule.id, late, signed(late, clock.now() - 6 * 60_000));
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { key: string } }).error.key).toBe('kol.trig.staleEvent');
    expect((await post(saved.schedule.id, late, signed(late, clock.now() + 6 * 60_000))).status).toBe(401);
    expect(starter.requests).toHaveLength(2);
  });

  it('answers 404 for an unknown schedule, and the old secret stops working after a rotation', async () => {
    const body = JSON.stringify({ id: 'evt-x' });
    expect((await post('no-such-schedule', body, signed(body))).status).toBe(404);
    const rotated = await fetch(`${base}/api/kol.triggers.rotateSecret`, { method: 'POST', headers: { authorization: `Bearer ${bridge.token}` }, body: JSON.stringify({ id: saved.schedule.id }) });
    const { secret } = (await rotated.json()) as { secret: string };
    expect(secret).not.toBe(saved.webhook!.secret);
    expect((await post(saved.schedule.id, body, signed(body))).status).toBe(401);
    expect((await post(saved.schedule.id, body, signed(body, clock.now(), secret))).status).toBe(202);
  });
});
