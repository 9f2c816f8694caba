import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for tokens at rest. Each ciphertext names its key id (stored beside it), so keys can
 * rotate: new writes use the current key, old rows stay readable until re-encrypted on refresh.
 * The additional data binds a ciphertext to its row and field, so one cannot be swapped for another.
 */
export class TokenCipher {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    readonly currentKeyId: string,
  ) {
    for (const [id, k] of keys) if (k.length !== 32) throw new Error(`vault key ${id} must be 32 bytes`);
    if (!keys.has(currentKeyId)) throw new Error(`vault key ${currentKeyId} is not configured`);
  }

  /** `KINGJAM_VAULT_KEYS="k1:<base64 32 bytes>,k2:…"` and `KINGJAM_VAULT_KEY_ID=k2` (default: the last one). */
  static fromEnv(env: NodeJS.ProcessEnv): TokenCipher | null {
    const spec = env.KINGJAM_VAULT_KEYS;
    if (!spec) return null;
    const keys = new Map<string, Buffer>();
    for (const part of spec.split(',')) {
      const i = part.indexOf(':');
      if (i <= 0) throw new Error('KINGJAM_VAULT_KEYS: expected id:base64key[,id:base64key]');
      keys.set(part.slice(0, i).trim(), Buffer.from(part.slice(i + 1).trim(), 'base64'));
    }
    return new TokenCipher(keys, env.KINGJAM_VAULT_KEY_ID ?? [...keys.keys()].at(-1) ?? '');
  }

  /** A per-process key for development: tokens do not survive a restart. */
  static ephemeral(): TokenCipher {
    return new TokenCipher(new Map([['ephemeral', randomBytes(32)]]), 'ephemeral');
  }

  encrypt(plain: string, aad: string): { keyId: string; ct: string } {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), iv);
    c.setAAD(Buffer.from(aad));
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return { keyId: this.currentKeyId, ct: Buffer.concat([iv, c.getAuthTag(), body]).toString('base64') };
  }

  decrypt(keyId: string, ct: string, aad: string): string {
    const raw = Buffer.from(ct, 'base64');
    const d = createDecipheriv('aes-256-gcm', this.key(keyId), raw.subarray(0, 12));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }

  private key(id: string): Buffer {
    const k = this.keys.get(id);
    if (!k) throw new Error(`vault key ${id} is not configured`);
    return k;
  }
}
