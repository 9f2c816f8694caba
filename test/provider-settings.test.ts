import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../src/main/api/dispatch.js';
import { createHandlers } from '../src/main/api/handlers.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import type { ConnectionCheck, ProviderStatus } from '../src/shared/providers.js';
import { openTestStudio, tempHome } from './helpers/studio.js';

let studio: Studio;
const home = tempHome();
beforeAll(async () => {
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = await openTestStudio(home, {}, true, { secrets }).ready();
});
afterAll(async () => {
  await studio.close();
});

describe('provider keys and connection tests', () => {
  it('keeps a key in the secret store, shows only its end, and hands it to workers in memory', async () => {
    const handlers = createHandlers(studio, 'web');
    const r = await dispatchCall(handlers, 'providers.setKey', { provider: 'gemini', key: 'AIzaSyExampleKey1234' });
    const gemini = (r as { value: ProviderStatus[] }).value.find((p) => p.id === 'gemini');
    expect(gemini).toEqual({ id: 'gemini', configured: true, source: 'keychain', detail: '…1234' });
    expect(studio.providers.forWorkers()).toMatchObject({ GEMINI_API_KEY: 'AIzaSyExampleKey1234' });
    // Never in the database.
    const db = fs.readFileSync(studio.store.file);
    expect(db.includes(Buffer.from('AIzaSyExampleKey1234'))).toBe(false);
    await dispatchCall(handlers, 'providers.setUrl', { provider: 'ollama', url: 'http://127.0.0.1:11434' });
    expect(studio.providers.forWorkers()).toMatchObject({ KINGJAM_OLLAMA_URL: 'http://127.0.0.1:11434' });
  });

  it('tests a connection in a worker: offline always answers; an unreachable local server says what to do', async () => {
    const handlers = createHandlers(studio, 'web');
    const offline = (await dispatchCall(handlers, 'providers.test', { provider: 'offline' })) as { value: ConnectionCheck };
    expect(offline.value.ok).toBe(true);
    expect(offline.value.models?.length).toBeGreaterThan(0);
    await dispatchCall(handlers, 'providers.setUrl', { provider: 'comfyui', url: 'http://127.0.0.1:9' });
    const comfy = (await dispatchCall(handlers, 'providers.test', { provider: 'comfyui' })) as { value: ConnectionCheck };
    expect(comfy.value.ok).toBe(false);
    expect(comfy.value.error?.code).toBe('PROVIDER_UNREACHABLE');
  });
});
