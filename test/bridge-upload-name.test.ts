import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Bridge } from '../src/main/bridge/server.js';
import type { Studio } from '../src/main/studio.js';
import { startTestBridge } from './helpers/bridge.js';

let studio: Studio;
let bridge: Bridge;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ studio, bridge, close } = await startTestBridge());
});
afterAll(() => close());

it('refuses an over-long upload file name with a 400 and a plain message that names no path (issue 11 §2.11)', async () => {
  const upload = (name: string) =>
    fetch(`http://127.0.0.1:${bridge.port}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${bridge.token}`, 'X-File-Name': encodeURIComponent(name) }, body: 'hello' });
  const res = await upload(`${'長'.repeat(120)}.png`); // 360 bytes of UTF-8
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('BAD_INPUT');
  expect(body.error.message).toMatch(/too long/);
  // The UI says it in the user's language from the key, with the limit.
  expect(body.error).toMatchObject({ key: 'upload.fileNameTooLong', params: { limit: 255 } });
  expect(body.error.message).not.toContain(studio.paths.staging);
  expect(body.error.message).not.toMatch(/[/\\]/);
  // Nothing was staged for it; a name of 255 bytes is still fine.
  const ok = await upload(`${'a'.repeat(251)}.png`);
  expect(ok.status).toBe(200);
});

it('an upload without a file name and a call whose body is not JSON are refused with message keys', async () => {
  const headers = { Authorization: `Bearer ${bridge.token}` };
  const noName = await fetch(`http://127.0.0.1:${bridge.port}/upload`, { method: 'POST', headers, body: 'hello' });
  expect(noName.status).toBe(400);
  expect(((await noName.json()) as { error: object }).error).toMatchObject({ code: 'BAD_INPUT', key: 'upload.noFileName' });
  const notJson = await fetch(`http://127.0.0.1:${bridge.port}/api/library.list`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{not json' });
  expect(notJson.status).toBe(400);
  expect(((await notJson.json()) as { error: object }).error).toMatchObject({ code: 'BAD_INPUT', key: 'request.notJson' });
});
