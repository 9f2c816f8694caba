import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { checkStoreKey, type SharedFileStore } from './file-store.js';
import { storePlaceIn, type StorePlace } from '../../shared/farm/store-place.js';

/** The default shared store: a folder every farm machine mounts at its own path (NFS, SMB, a bind mount). */
export class FolderFileStore implements SharedFileStore {
  readonly description: string;
  readonly place: StorePlace;

  constructor(private readonly root: string) {
    this.place = { kind: 'folder', root };
    this.description = storePlaceIn(this.place, 'en');
  }

  private at(key: string): string {
    return path.join(this.root, ...checkStoreKey(key).split('/'));
  }

  async put(key: string, localPath: string): Promise<void> {
    const target = this.at(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Copy then rename, so a reader on another machine never sees half a file.
    await copyWhole(localPath, target);
  }

  async get(key: string, localPath: string): Promise<void> {
    const source = this.at(key);
    await fs.mkdir(path.dirname(localPath), { recursive: true });
    try {
      await copyWhole(source, localPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !(await exists(source))) {
        throw new StudioError({ code: 'NOT_FOUND', message: `The shared store (${this.description}) has no file ${key}.`, ...say('farm.store.notFound', { key, store: this.description }) });
      }
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return exists(this.at(key));
  }

  async deletePrefix(prefix: string): Promise<void> {
    await fs.rm(this.at(prefix.replace(/\/+$/, '')), { recursive: true, force: true });
  }
}

/** Copies to a unique temporary name beside `target`, then renames: readers see the old file or the whole new one, never a part. */
async function copyWhole(source: string, target: string): Promise<void> {
  const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.copyFile(source, partial);
    await fs.rename(partial, target);
  } catch (err) {
    await fs.rm(partial, { force: true });
    throw err;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
