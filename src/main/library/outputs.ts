import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { mediaKindForExtension, type AssetOrigin, type RetentionClass } from '../../shared/library.js';
import { say } from '../../shared/messages.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { DataPaths } from '../paths.js';
import type { Store } from '../store/db.js';

/** What a job's output is, as the library records it. */
export interface OutputInfo {
  /** Shown in the Library; the file's own name when left out. */
  name?: string;
  /** The job that made it. */
  sourceJobId: string | null;
  /** The generation project, batch run or other owner (free text id). */
  projectId: string | null;
  origin: Exclude<AssetOrigin, 'import'>;
  retentionClass: RetentionClass | null;
}

const CHUNK = 1024 * 1024;

/**
 * SHA-256 of a file read synchronously: outputs are registered inside the
 * transaction that settles their job (better-sqlite3 transactions cannot
 * await), so the hash is taken there too.
 */
export function sha256FileSync(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** `abs` as a '/'-separated path inside the library folder, or null when it lies outside. */
export function insideLibrary(library: string, abs: string): string | null {
  const rel = path.relative(library, abs);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/** A content-addressed copy, as imports are stored: written under a temporary name first so a crash leaves no half file. */
function copyIn(library: string, from: string, hash: string, ext: string): string {
  const rel = `${hash.slice(0, 2)}/${hash}.${ext}`;
  const target = path.join(library, rel);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.partial-${process.pid}-${Date.now()}`;
    try {
      fs.copyFileSync(from, tmp);
      fs.renameSync(tmp, target);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }
  return rel;
}

/**
 * Registers a file a job produced as a library item and returns its id:
 * one row per content hash (the same bytes twice give the same item, whose
 * source and project are filled only where unset); a file inside the
 * library folder is referenced where it is, one outside is copied in by
 * hash; a new item is probed by a media.probe job, as an import is.
 * Synchronous, so settled hooks call it inside their transaction.
 */
export function registerOutput(store: Store, queue: SqliteJobQueue, paths: DataPaths, absPath: string, info: OutputInfo): { id: string; added: boolean } {
  const name = info.name ?? path.basename(absPath);
  const ext = path.extname(absPath).slice(1).toLowerCase();
  const kind = mediaKindForExtension(ext);
  if (!kind) {
    throw new StudioError({ code: 'UNSUPPORTED_TYPE', message: `"${name}" is not an image, video or audio file the library keeps (.${ext || '?'}).`, ...say('outputs.notMedia', { name, ext: ext || '?' }) });
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absPath);
  } catch {
    throw new StudioError({ code: 'NOT_FOUND', message: `The output "${name}" is not on disk.`, ...say('outputs.missing', { name }) });
  }
  if (!stat.isFile() || stat.size === 0) throw new StudioError({ code: 'EMPTY_FILE', message: `The output "${name}" is empty.`, ...say('outputs.empty', { name }) });
  const hash = sha256FileSync(absPath);
  return store.transaction(() => {
    const existing = store.first(store.q.selectFrom('assets').select(['id', 'source_job_id', 'project_id']).where('hash', '=', hash));
    if (existing) {
      const fill = {
        ...(existing.source_job_id === null && info.sourceJobId !== null ? { source_job_id: info.sourceJobId } : {}),
        ...(existing.project_id === null && info.projectId !== null ? { project_id: info.projectId } : {}),
      };
      if (Object.keys(fill).length > 0) store.run(store.q.updateTable('assets').set(fill).where('id', '=', existing.id));
      return { id: existing.id, added: false };
    }
    const rel = insideLibrary(paths.library, absPath) ?? copyIn(paths.library, absPath, hash, ext);
    const id = randomUUID();
    store.run(
      store.q.insertInto('assets').values({
        id, hash, kind, name, name_lower: name.toLowerCase(), ext, bytes: stat.size, width: null, height: null,
        duration_sec: null, codecs: '[]', format: null, status: 'processing', file: rel, thumb: null, starred: 0,
        created_at: Date.now(), job_id: null,
        origin: info.origin, source_job_id: info.sourceJobId, project_id: info.projectId, retention_class: info.retentionClass,
      }),
    );
    const probe = queue.enqueueNow('media.probe', {
      assetId: id, source: path.join(paths.library, rel), thumbPath: path.join(paths.library, `thumbs/${hash.slice(0, 2)}/${hash}.webp`), kind, name, output: true,
    });
    store.run(store.q.updateTable('assets').set({ job_id: probe.id }).where('id', '=', id));
    return { id, added: true };
  });
}
