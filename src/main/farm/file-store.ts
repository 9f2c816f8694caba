import type { StorePlace } from '../../shared/farm/store-place.js';

/**
 * Where a render farm's files move between the machine that dispatches a job
 * and the worker that runs it (issue 17). Keys are '/'-separated relative
 * names (`jobs/<jobId>/in/cover.png`); a store never sees absolute paths of
 * either machine. Two back ends: a folder every machine mounts (the default),
 * and an S3-compatible bucket by URL.
 */
export interface SharedFileStore {
  /** What the store is, in English, for logs and error messages (never a secret). */
  readonly description: string;
  /** Where it is, for the lines a user reads in their language (storePlaceIn). */
  readonly place: StorePlace;
  /** Copies a local file into the store under `key` (replacing what was there). */
  put(key: string, localPath: string): Promise<void>;
  /** Copies the bytes under `key` to `localPath` (its folder is made); NOT_FOUND when there are none. */
  get(key: string, localPath: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Removes every key under `prefix` (a job's files once the dispatcher has them). */
  deletePrefix(prefix: string): Promise<void>;
}

/** A key is relative, '/'-separated and never climbs out of the store. */
export function checkStoreKey(key: string): string {
  const parts = key.split('/');
  if (key.length === 0 || key.length > 1024 || key.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) {
    throw new Error(`not a store key: ${JSON.stringify(key)}`);
  }
  return key;
}
