import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SEED_BYTES, type Hmac } from '../../../src/shared/boxes/fair.js';
import type { TokenCipher } from '../vault/cipher.js';

/**
 * The server seeds of provably fair openings: 32 random bytes each, committed by their SHA-256
 * before the first sale and revealed when the series closes or the seed rotates. Until then the
 * seed is stored only sealed (AES-256-GCM with the vault's keys, bound to the seed's row), so a
 * copy of the database does not let anyone predict a draw.
 */
export class SeedKeeper {
  /** Unsealed seeds by id: a seed never changes, and unsealing costs a decrypt per opening otherwise. */
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly cipher: TokenCipher) {}

  /** A new seed: its bytes (for the caller's cache only), commitment and sealed form (`keyId:ciphertext`). */
  create(seedId: string): { bytes: Buffer; commitment: string; sealed: string } {
    const bytes = randomBytes(SEED_BYTES);
    const { keyId, ct } = this.cipher.encrypt(bytes.toString('hex'), aad(seedId));
    this.cache.set(seedId, bytes);
    return { bytes, commitment: commitmentOf(bytes), sealed: `${keyId}:${ct}` };
  }

  unseal(seedId: string, sealed: string): Buffer {
    const hit = this.cache.get(seedId);
    if (hit) return hit;
    const i = sealed.indexOf(':');
    const bytes = Buffer.from(this.cipher.decrypt(sealed.slice(0, i), sealed.slice(i + 1), aad(seedId)), 'hex');
    if (bytes.length !== SEED_BYTES) throw new Error(`seed ${seedId} does not unseal to ${SEED_BYTES} bytes`);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(seedId, bytes);
    return bytes;
  }
}

const aad = (seedId: string): string => `box-seed:${seedId}`;

/** SHA-256 (hex) of the seed's 32 bytes: what is published before the first sale. */
export function commitmentOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The HMAC fairDraw draws with: keyed by the seed's bytes (not its hex), as the published method says. */
export function seedHmac(bytes: Buffer): Hmac {
  return (message) => createHmac('sha256', bytes).update(message, 'utf8').digest();
}
