import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/db.js';
import { readKv, writeKv } from '../store/kv.js';

const SALT_KEY = 'device_salt';
const ID_KEY = 'device_id';

/**
 * This install's device id for the cloud's fraud rules (seed §7.3). The UI measures the machine
 * (screen, timezone, language, canvas, WebGL, fonts, audio) and hashes it with this install's
 * salt (src/renderer/device/); the cloud hashes it again before storing it. The salt keeps the id
 * from being matched across services; the host name is never sent.
 */
export class DeviceIdentity {
  constructor(private readonly store: Store) {}

  /** Created once per install, on first ask. */
  salt(): string {
    const existing = readKv<string>(this.store, SALT_KEY);
    if (existing) return existing;
    const salt = randomBytes(32).toString('hex');
    writeKv(this.store, SALT_KEY, salt);
    return salt;
  }

  report(id: string): void {
    if (readKv<string>(this.store, ID_KEY) !== id) writeKv(this.store, ID_KEY, id);
  }

  /**
   * What the cloud is told. Before any UI has measured this machine (the headless CLI, or a sign-in
   * before the first window), the install is known by its salt alone: still stable, still no host name.
   */
  id(): string {
    return readKv<string>(this.store, ID_KEY) ?? createHash('sha256').update(`kingjam-install\u0000${this.salt()}`).digest('hex');
  }
}
