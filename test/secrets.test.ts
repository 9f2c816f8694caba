import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aesGcmCipher, keychainStore, keyFromEnv, openHeadlessSecrets, sealedFileStore } from '../src/main/secrets/store.js';
import { tempHome } from './helpers/studio.js';

describe('secrets at rest', () => {
  it('keeps a secret encrypted on disk and reads it back', async () => {
    const dir = tempHome();
    const store = sealedFileStore(dir, aesGcmCipher(randomBytes(32)), 'encrypted-file');
    await store.set('gemini-api-key', 'AIzaSy-very-secret');
    const onDisk = fs.readFileSync(path.join(dir, 'gemini-api-key.sealed'));
    expect(onDisk.includes(Buffer.from('very-secret'))).toBe(false);
    expect((fs.statSync(path.join(dir, 'gemini-api-key.sealed')).mode & 0o777).toString(8)).toBe('600');
    expect(await store.get('gemini-api-key')).toBe('AIzaSy-very-secret');
    await store.delete('gemini-api-key');
    expect(await store.get('gemini-api-key')).toBeNull();
  });

  it('says clearly when the key is not the one the secret was saved with', async () => {
    const dir = tempHome();
    await sealedFileStore(dir, aesGcmCipher(randomBytes(32)), 'encrypted-file').set('token', 'x');
    await expect(sealedFileStore(dir, aesGcmCipher(randomBytes(32)), 'encrypted-file').get('token')).rejects.toThrow(/not the key it was saved with/);
  });

  it('takes the key from KINGJAM_SECRET_KEY (hex or base64) and refuses a short one', () => {
    const key = randomBytes(32);
    expect(keyFromEnv({ KINGJAM_SECRET_KEY: key.toString('hex') })).toEqual(key);
    expect(keyFromEnv({ KINGJAM_SECRET_KEY: key.toString('base64') })).toEqual(key);
    expect(keyFromEnv({})).toBeNull();
    expect(() => aesGcmCipher(Buffer.alloc(16))).toThrow(/must be 32 bytes/);
    expect(() => aesGcmCipher(Buffer.alloc(16))).toThrow(expect.objectContaining({ code: 'BAD_INPUT', key: 'secrets.badKeyLength' }));
  });

  it('prefers the keychain, else an encrypted file when a key is set, else none', async () => {
    const home = tempHome();
    const keychain = await keychainStore(); // null where keytar is not built or no keychain service runs
    expect((await openHeadlessSecrets(home, {}))?.kind ?? null).toBe(keychain ? 'keychain' : null);
    const store = await openHeadlessSecrets(home, { KINGJAM_SECRET_KEY: randomBytes(32).toString('hex') });
    expect(store?.kind).toBe(keychain ? 'keychain' : 'encrypted-file');
  });
});
