import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';

/**
 * Where API keys and session tokens live: the OS keychain (keytar) when it
 * answers, Electron's safeStorage in the desktop app, else a file encrypted
 * with AES-256-GCM under a key from KINGJAM_SECRET_KEY (headless servers).
 * Never in SQLite in clear, never in logs.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'safe-storage' | 'encrypted-file';
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

const SERVICE = 'KingJam Studio';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<unknown[]>;
}

/** keytar, if the optional module is installed and the keychain answers within a few seconds. */
export async function keychainStore(): Promise<SecretStore | null> {
  let keytar: Keytar;
  try {
    keytar = createRequire(import.meta.url)('keytar') as Keytar;
    await Promise.race([
      keytar.findCredentials(SERVICE),
      new Promise((_, reject) => setTimeout(() => reject(new Error('keychain timeout')), 3000).unref()),
    ]);
  } catch {
    return null;
  }
  return {
    kind: 'keychain',
    get: (name) => keytar.getPassword(SERVICE, name),
    set: (name, value) => keytar.setPassword(SERVICE, name, value),
    delete: async (name) => {
      await keytar.deletePassword(SERVICE, name);
    },
  };
}

/** A cipher for one secret value: Electron's safeStorage, or AES-256-GCM with a key from the environment. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export function aesGcmCipher(key: Buffer): SecretCipher {
  if (key.length !== 32) {
    throw new StudioError({
      code: 'BAD_INPUT',
      message: 'KINGJAM_SECRET_KEY must be 32 bytes (64 hex characters or 44 base64 characters).',
      hint: 'Generate one with `openssl rand -hex 32`.',
      ...say('secrets.badKeyLength'),
    });
  }
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new StudioError({
          code: 'FORBIDDEN',
          message: 'A stored secret could not be decrypted: KINGJAM_SECRET_KEY is not the key it was saved with.',
          hint: 'Set the original KINGJAM_SECRET_KEY, or enter the API keys and sign in again.',
          ...say('secrets.wrongKey'),
        });
      }
    },
  };
}

export function keyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const raw = env.KINGJAM_SECRET_KEY?.trim();
  if (!raw) return null;
  return Buffer.from(raw, /^[0-9a-f]{64}$/i.test(raw) ? 'hex' : 'base64');
}

/** Secrets as one sealed file per name under `dir` (0600), sealed by `cipher`. */
export function sealedFileStore(dir: string, cipher: SecretCipher, kind: SecretStore['kind']): SecretStore {
  const fileOf = (name: string) => {
    if (!/^[a-z0-9._-]{1,100}$/i.test(name)) throw new StudioError({ code: 'BAD_INPUT', message: `Invalid secret name "${name}".` });
    return path.join(dir, `${name}.sealed`);
  };
  return {
    kind,
    async get(name) {
      try {
        return cipher.decrypt(await fs.promises.readFile(fileOf(name)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async set(name, value) {
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
      const file = fileOf(name);
      const tmp = `${file}.tmp-${process.pid}`;
      await fs.promises.writeFile(tmp, cipher.encrypt(value), { mode: 0o600 });
      await fs.promises.rename(tmp, file);
    },
    async delete(name) {
      await fs.promises.rm(fileOf(name), { force: true });
    },
  };
}

/**
 * The store a headless process uses: the keychain when it answers, else an
 * encrypted file when KINGJAM_SECRET_KEY is set, else none (keys then come
 * from environment variables only, and saving one says what to do).
 */
export async function openHeadlessSecrets(home: string, env: NodeJS.ProcessEnv = process.env): Promise<SecretStore | null> {
  const keychain = await keychainStore();
  if (keychain) return keychain;
  const key = keyFromEnv(env);
  return key ? sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(key), 'encrypted-file') : null;
}

export function noSecretStoreError(): StudioError {
  return new StudioError({
    code: 'FORBIDDEN',
    message: 'There is nowhere safe to keep secrets on this machine: no OS keychain answers and KINGJAM_SECRET_KEY is not set.',
    hint: 'Install a keychain (Linux: gnome-keyring or KWallet with libsecret), or set KINGJAM_SECRET_KEY to 32 random bytes (e.g. `openssl rand -hex 32`), or pass API keys as environment variables.',
    ...say('secrets.noStore'),
  });
}
