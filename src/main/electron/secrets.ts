import path from 'node:path';
import { safeStorage } from 'electron';
import { keychainStore, sealedFileStore, type SecretStore } from '../secrets/store.js';

/** In the desktop app: the OS keychain through keytar, else files sealed by Electron's safeStorage (OS-backed key). */
export async function openDesktopSecrets(home: string): Promise<SecretStore | null> {
  const keychain = await keychainStore();
  if (keychain) return keychain;
  if (!safeStorage.isEncryptionAvailable()) return null;
  return sealedFileStore(
    path.join(home, 'secrets'),
    { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (sealed) => safeStorage.decryptString(sealed) },
    'safe-storage',
  );
}
