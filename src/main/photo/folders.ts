import fs from 'node:fs';
import path from 'node:path';

/**
 * Deletes a run's folder but the files in `keep` (absolute paths): the
 * library items that outlive the run (handed to a post, starred) are
 * referenced where the run wrote them. With nothing to keep it is one rm.
 */
export async function removeFolderExcept(dir: string, keep: string[]): Promise<void> {
  const kept = new Set(keep.map((f) => path.resolve(f)));
  if (kept.size === 0) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    return;
  }
  const entries = await fs.promises.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    const file = path.join(e.parentPath, e.name);
    if (!e.isDirectory() && !kept.has(file)) await fs.promises.rm(file, { force: true });
  }
}
