import fs from 'node:fs';
import path from 'node:path';
import type { CleanupPlan, CleanupTask } from '../../shared/api/lifecycle-contract.js';
import type { Clock } from '../publish/scheduler.js';
import type { LibraryService } from '../library/service.js';
import type { ExpiredItems } from './expired.js';
import type { RemovedEntry, RunStore } from './runs.js';
import { staleTempEntries } from './temp-files.js';

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * One cleanup task, planned or run. Library items go through the library's
 * own delete (row, file and thumbnail together, a probe in flight canceled);
 * the temp task also removes stale entries of the temp and staging folders.
 */
export class Cleanup {
  constructor(
    private readonly expired: ExpiredItems,
    private readonly library: LibraryService,
    private readonly runs: RunStore,
    private readonly libraryRoot: string,
    private readonly tempFolders: string[],
    private readonly clock: Clock,
  ) {}

  plan(task: CleanupTask, at: number): CleanupPlan {
    const items = this.expired.at(task, at);
    const temp = task === 'temp' ? staleTempEntries(this.tempFolders, at) : [];
    return {
      task,
      at,
      items,
      bytes: items.reduce((sum, i) => sum + i.asset.bytes, 0),
      tempFiles: temp.length,
      tempBytes: temp.reduce((sum, e) => sum + e.bytes, 0),
    };
  }

  /**
   * Runs `task` for its slot `dueAt` at `now`, recorded in lifecycle_runs;
   * false when the slot was already taken (another process sharing the
   * database ran it).
   */
  async run(task: CleanupTask, dueAt: number, now: number): Promise<boolean> {
    const id = this.runs.claim(task, dueAt, now);
    if (!id) return false;
    const removed: RemovedEntry[] = [];
    let error: string | null = null;
    try {
      for (const { asset } of this.expired.at(task, now)) {
        // What the disk gets back: the file and its thumbnail as they are now.
        const bytes = sizeOf(path.join(this.libraryRoot, asset.file)) + sizeOf(path.join(this.libraryRoot, `thumbs/${asset.hash.slice(0, 2)}/${asset.hash}.webp`));
        if ((await this.library.delete([asset.id])) > 0) removed.push({ id: asset.id, name: asset.name, file: asset.file, bytes });
      }
      if (task === 'temp') {
        for (const entry of staleTempEntries(this.tempFolders, now)) {
          await fs.promises.rm(entry.path, { recursive: true, force: true });
          removed.push({ file: entry.path, bytes: entry.bytes });
        }
      }
    } catch (err) {
      // Recorded with what did go; the next slot tries the rest again.
      error = err instanceof Error ? err.message : String(err);
    }
    this.runs.finish(id, Math.max(now, this.clock.now()), removed, error);
    return true;
  }
}
