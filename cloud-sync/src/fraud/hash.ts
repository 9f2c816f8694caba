import { createHmac } from 'node:crypto';

/**
 * Keyed hashes of IPs, device fingerprints and national ID numbers: equal inputs can be matched,
 * the raw values are never stored and cannot be brute-forced without the server key.
 */
export class Hasher {
  constructor(private readonly key: string) {}
  hash(kind: string, value: string): string {
    return createHmac('sha256', this.key).update(`${kind}\u0000${value}`).digest('hex');
  }
}
