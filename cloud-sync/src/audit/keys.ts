import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Ed25519 key that signs the audit log's daily digests. Like the vault's keys it comes from
 * configuration first (`KINGJAM_AUDIT_SIGNING_KEY`: PKCS#8 PEM, or the PKCS#8 DER in base64); a
 * server without one makes a key once and keeps it in its data folder, readable by its owner only,
 * so the published key stays the same across restarts. Only the public half is ever served.
 */

export const AUDIT_KEY_FILE = 'audit-signing-key.pem';

export interface AuditKeyOptions {
  /** PKCS#8 PEM or base64 DER; else KINGJAM_AUDIT_SIGNING_KEY; else the data folder's key file. */
  signingKey?: string | undefined;
  dataDir: string;
}

export interface AuditKeys {
  privateKey: KeyObject;
  /** SPKI DER, base64: what GET /v1/audit/key and every digest publish. */
  publicKeyB64: string;
}

export function parseSigningKey(text: string): KeyObject {
  const t = text.trim();
  const key = t.includes('-----BEGIN') ? createPrivateKey(t) : createPrivateKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the audit signing key must be Ed25519 (got ${key.asymmetricKeyType ?? 'unknown'})`);
  return key;
}

function keyFromFile(dataDir: string): KeyObject {
  const file = join(dataDir, AUDIT_KEY_FILE);
  try {
    return parseSigningKey(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  try {
    // 'wx': a second process starting at the same moment keeps the first one's key.
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return parseSigningKey(readFileSync(file, 'utf8'));
}

export function loadAuditKeys(opts: AuditKeyOptions, env: NodeJS.ProcessEnv = process.env): AuditKeys {
  const given = opts.signingKey ?? env.KINGJAM_AUDIT_SIGNING_KEY;
  const privateKey = given ? parseSigningKey(given) : keyFromFile(opts.dataDir);
  const publicKeyB64 = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  return { privateKey, publicKeyB64 };
}
