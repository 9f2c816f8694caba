import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { checkStoreKey, type SharedFileStore } from './file-store.js';

/** The default shared store: a folder every farm machine mounts at its own path (NFS, SMB, a bind mount). */
export class FolderFileStore implements SharedFileStore {
  readonly description: string;

  constructor(private readonly root: string) {
    this.description = `folder ${root}`;
  }

  private at(key: string): string {
    return path.join(this.root, ...checkStoreKey(key).split('/'));
  }

  async put(key: string, localPath: string): Promise<void> {
    const target = this.at(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Copy then rename, so a reader on another machine never sees half a file.
    const partial = `${target}.partial-${process.pid}`;
    await fs.copyFile(localPath, partial);
    await fs.rename(partial, target);
  }

  async get(key: string, localPath: string): Promise<void> {
    await fs.mkdir(path.dirname(localPath), { recursive: true });
    try {
      await fs.copyFile(this.at(key), localPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError({ code: 'NOT_FOUND', message: `The shared store has no file ${key}.` });
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return fs.access(this.at(key)).then(
      () => true,
      () => false,
    );
  }

  async deletePrefix(prefix: string): Promise<void> {
    await fs.rm(this.at(prefix.replace(/\/+$/, '')), { recursive: true, force: true });
  }
}
