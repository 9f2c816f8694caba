import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

/** A byte range, both ends inclusive (HTTP's). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where relayed files live once received. Uploads always arrive in a local
 * folder first (`incoming`), so a refused or broken upload never reaches the
 * store; `put` then moves the finished file in.
 */
export interface RelayStorage {
  readonly kind: 'disk' | 's3';
  /** A local folder for uploads in progress. */
  readonly incoming: string;
  /** Takes the finished file at `file` (and removes it there). */
  put(key: string, file: string, meta: { bytes: number; sha256: string; contentType: string }): Promise<void>;
  /** The stored bytes, or the given range of them. */
  read(key: string, range: ByteRange | null): Promise<Readable>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys are `<user id>/<file id>`: both server-made UUIDs, never a client's name. */
const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;
export function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`not a relay storage key: ${key}`);
  return key;
}

/** The default store: a folder on the server's disk (KINGJAM_RELAY_DIR). */
export class DiskStorage implements RelayStorage {
  readonly kind = 'disk';
  readonly incoming: string;
  private readonly files: string;

  constructor(root: string) {
    this.incoming = join(root, 'incoming');
    this.files = join(root, 'files');
  }

  private path(key: string): string {
    return join(this.files, checkKey(key));
  }

  async put(key: string, file: string): Promise<void> {
    const to = this.path(key);
    await mkdir(dirname(to), { recursive: true });
    await rename(file, to);
  }

  async read(key: string, range: ByteRange | null): Promise<Readable> {
    const path = this.path(key);
    await stat(path);
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

/** Removes uploads left in `incoming` by a crash or a lost connection, older than `olderThanMs`. */
export async function clearIncoming(incoming: string, now: number, olderThanMs: number): Promise<number> {
  let names: string[];
  try {
    names = await readdir(incoming);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(incoming, name);
    const s = await stat(path).catch(() => null);
    if (s && now - s.mtimeMs > olderThanMs) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
