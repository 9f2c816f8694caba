import fs from 'node:fs';
import type { DiskUsage, UsageLine } from '../../shared/api/lifecycle-contract.js';
import { RETENTION_CLASSES, type RetentionClass } from '../../shared/library.js';
import type { Store } from '../store/db.js';
import { tempEntries } from './temp-files.js';

/** Bytes of the library by retention class, of the temp folders, and the disk's free space. */
export async function diskUsage(store: Store, dataDir: string, tempFolders: string[]): Promise<DiskUsage> {
  const byClass = Object.fromEntries([...RETENTION_CLASSES, 'kept'].map((c) => [c, { count: 0, bytes: 0 }])) as Record<RetentionClass | 'kept', UsageLine>;
  const rows = store.all(
    store.q
      .selectFrom('assets')
      .select((eb) => ['retention_class', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('bytes').as('bytes')])
      .groupBy('retention_class'),
  );
  for (const r of rows) {
    const key = r.retention_class ?? 'kept';
    byClass[key] = { count: r.n, bytes: r.bytes ?? 0 };
  }
  const star = store.first(
    store.q
      .selectFrom('assets')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('bytes').as('bytes')])
      .where('starred', '=', 1),
  );
  const temp = tempEntries(tempFolders);
  const tempFolderLine = { count: temp.length, bytes: temp.reduce((sum, e) => sum + e.bytes, 0) };
  const libraryBytes = Object.values(byClass).reduce((sum, l) => sum + l.bytes, 0);
  return {
    byClass,
    starred: { count: star?.n ?? 0, bytes: star?.bytes ?? 0 },
    tempFolders: tempFolderLine,
    totalBytes: libraryBytes + tempFolderLine.bytes,
    disk: await freeSpace(dataDir),
  };
}

async function freeSpace(dir: string): Promise<DiskUsage['disk']> {
  try {
    const s = await fs.promises.statfs(dir);
    return { freeBytes: s.bavail * s.bsize, sizeBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}
