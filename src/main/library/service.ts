import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Selectable } from 'kysely';
import { StudioError, toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import type { MediaKind, ProbeResult } from '../../shared/jobs/kinds.js';
import type { JobView } from '../../shared/jobs/model.js';
import {
  mediaKindForExtension,
  type AssetPage,
  type AssetSort,
  type AssetOrigin,
  type AssetView,
  type ImportOutcome,
  type LibraryStats,
} from '../../shared/library.js';
import type { EventBus } from '../events.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { DataPaths } from '../paths.js';
import type { Store } from '../store/db.js';
import type { AssetsTable } from '../store/schema.js';
import { openClientFile, type PathScope } from '../client-files.js';
import { copyAtomically, expandPaths, sha256File } from './files.js';
import { say } from '../../shared/messages.js';
import { insideLibrary, registerOutput, type OutputInfo } from './outputs.js';

/** Largest file the library takes (long 4K videos fit; anything bigger is almost certainly a mistake). */
export const MAX_IMPORT_BYTES = 8 * 1024 ** 3;

export interface ListQuery {
  kind?: MediaKind;
  origin?: AssetOrigin;
  search?: string;
  starred?: boolean;
  sort: AssetSort;
  limit: number;
  offset: number;
}

/**
 * The media library: files stored once by content hash beside the
 * database, rows describing them, and a probe job per import that checks
 * the file really is the media it claims and makes its thumbnail.
 */
export class LibraryService {
  constructor(
    private readonly store: Store,
    private readonly queue: SqliteJobQueue,
    private readonly events: EventBus,
    private readonly paths: DataPaths,
  ) {
    queue.onSettled('media.probe', {
      onSuccess: (job, result) => this.applyProbe(job, result as ProbeResult),
      onFailure: (job, error) => this.dropFailedImport(job, error),
    });
  }

  /** `scope`: which paths the caller may make the studio read (a client's, or ANY_PATH for the CLI). */
  async import(paths: string[], scope: PathScope): Promise<ImportOutcome[]> {
    const accept = (file: string) => mediaKindForExtension(path.extname(file)) !== null;
    const files = await expandPaths(paths, accept, scope, this.paths.library);
    const outcomes: ImportOutcome[] = [];
    for (const file of files) {
      try {
        outcomes.push(await this.importOne(file, scope));
      } catch (err) {
        const info = toErrorInfo(err);
        outcomes.push({ path: file, status: 'rejected', error: info });
      } finally {
        await this.dropStagedUpload(file);
      }
    }
    const added = outcomes.filter((o) => o.status === 'added').map((o) => o.assetId!);
    if (added.length > 0) this.events.emit('library.changed', { reason: 'added', ids: added });
    return outcomes;
  }

  /** An upload staged by the web bridge is a temporary copy: once imported (or refused) it goes. */
  private async dropStagedUpload(file: string): Promise<void> {
    const rel = path.relative(this.paths.staging, file);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return;
    await fs.promises.rm(path.join(this.paths.staging, rel.split(path.sep)[0]!), { recursive: true, force: true });
  }

  private async importOne(file: string, scope: PathScope): Promise<ImportOutcome> {
    const name = path.basename(file);
    const ext = path.extname(file).slice(1).toLowerCase();
    const kind = mediaKindForExtension(ext);
    // Hashed and copied from the one descriptor that was checked: a FIFO or device swapped in afterwards is never read.
    const source = await openClientFile(file, { scope, maxBytes: MAX_IMPORT_BYTES });
    let hash: string;
    let rel: string;
    try {
      if (!kind) {
        throw new StudioError({
          code: 'UNSUPPORTED_TYPE',
          message: `"${name}" is not an image, video or audio file the studio can use (.${ext || '?'}).`,
          hint: 'Import images (PNG, JPEG, WebP…), videos (MP4, MOV, WebM…) or audio (MP3, WAV, M4A…).',
          ...say('import.unsupportedType', { name, ext: ext || '?' }),
        });
      }
      if (source.size === 0) throw new StudioError({ code: 'EMPTY_FILE', message: `"${name}" is empty (0 bytes).`, ...say('import.empty', { name }) });
      hash = await sha256File(source.handle);
      const existing = this.store.first(this.store.q.selectFrom('assets').select('id').where('hash', '=', hash));
      if (existing) return { path: file, status: 'duplicate', assetId: existing.id };
      rel = `${hash.slice(0, 2)}/${hash}.${ext}`;
      const target = path.join(this.paths.library, rel);
      if (!fs.existsSync(target)) await copyAtomically(source.handle, target);
    } finally {
      await source.handle.close();
    }
    const abs = path.join(this.paths.library, rel);
    const thumbRel = `thumbs/${hash.slice(0, 2)}/${hash}.webp`;
    const id = randomUUID();
    try {
      const job = this.store.transaction(() => {
        this.store.run(
          this.store.q.insertInto('assets').values({
            id, hash, kind, name, name_lower: name.toLowerCase(), ext, bytes: source.size, width: null, height: null,
            duration_sec: null, codecs: '[]', format: null, status: 'processing', file: rel, thumb: null, starred: 0,
            created_at: Date.now(), job_id: null,
          }),
        );
        const queued = this.queue.enqueueNow('media.probe', {
          assetId: id, source: abs, thumbPath: path.join(this.paths.library, thumbRel), kind, name,
        });
        this.store.run(this.store.q.updateTable('assets').set({ job_id: queued.id }).where('id', '=', id));
        return queued;
      });
      return { path: file, status: 'added', assetId: id, jobId: job.id };
    } catch (err) {
      // Two imports of one file at once: the hash is unique, the other one won.
      const other = this.store.first(this.store.q.selectFrom('assets').select('id').where('hash', '=', hash));
      if (other) return { path: file, status: 'duplicate', assetId: other.id };
      throw err;
    }
  }

  /**
   * A file a job produced, as a library item (see ./outputs.ts): the same
   * bytes always give the same item. Synchronous, for settled hooks.
   */
  addOutput(absPath: string, info: OutputInfo): AssetView {
    const { id, added } = registerOutput(this.store, this.queue, this.paths, absPath, info);
    this.events.emit('library.changed', { reason: added ? 'added' : 'updated', ids: [id] });
    return this.get(id);
  }

  /**
   * addOutput for each file a settled job wrote, inside its settling transaction: a file it did not write (null, or
   * not on disk) is left out, and one that cannot be registered is logged, never failing the job that made it.
   */
  addOutputs(files: (string | null | undefined)[], info: OutputInfo): AssetView[] {
    const out: AssetView[] = [];
    for (const file of files) {
      if (!file || !fs.existsSync(file)) continue;
      try {
        out.push(this.addOutput(file, info));
      } catch (err) {
        console.warn(`Output ${file} of job ${info.sourceJobId ?? '-'} was not added to the library: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return out;
  }

  /**
   * A re-render replaced a project's earlier outputs in `dir` (a folder inside the library): their rows go (the caller
   * removes the files) except starred ones, whose absolute paths come back for the caller to keep.
   */
  dropSuperseded(projectId: string, keepJobId: string, dir: string): string[] {
    const folder = insideLibrary(this.paths.library, dir);
    if (folder === null) return [];
    const rows = this.store.all(
      this.store.q.selectFrom('assets').select(['id', 'file', 'starred']).where('project_id', '=', projectId).where('source_job_id', '!=', keepJobId),
    ).filter((r) => path.posix.dirname(r.file) === folder);
    const drop = rows.filter((r) => r.starred === 0).map((r) => r.id);
    if (drop.length > 0) {
      this.store.run(this.store.q.deleteFrom('assets').where('id', 'in', drop));
      this.events.emit('library.changed', { reason: 'deleted', ids: drop });
    }
    return rows.filter((r) => r.starred === 1).map((r) => path.join(this.paths.library, ...r.file.split('/')));
  }

  /**
   * Items a scheduled post will publish (files as '/'-separated library paths) fall under the scheduled-media
   * retention: only items that had a class (outputs), so the user's imports stay kept until they delete them.
   */
  holdForPost(files: string[]): number {
    if (files.length === 0) return 0;
    const { changes } = this.store.run(
      this.store.q.updateTable('assets').set({ retention_class: 'scheduledMedia' }).where('file', 'in', files).where('retention_class', 'is not', null),
    );
    return changes;
  }

  /** Re-tags items as a batch's (or a generator's) outputs, under `projectId` when given; imports stay imports. Returns how many changed. */
  setOrigin(ids: string[], origin: Exclude<AssetOrigin, 'import'>, projectId?: string | null): number {
    if (ids.length === 0) return 0;
    const { changes } = this.store.run(
      this.store.q
        .updateTable('assets')
        .set({ origin, ...(projectId !== undefined ? { project_id: projectId } : {}) })
        .where('id', 'in', ids)
        .where('origin', '!=', 'import'),
    );
    if (changes > 0) this.events.emit('library.changed', { reason: 'updated', ids });
    return changes;
  }

  /** The items a job made, oldest first (History shows them under the job). */
  outputsOf(jobId: string): AssetView[] {
    return this.store
      .all(this.store.q.selectFrom('assets').selectAll().where('source_job_id', '=', jobId).orderBy('created_at', 'asc').orderBy('id', 'asc'))
      .map(toAssetView);
  }

  private applyProbe(job: JobView, result: ProbeResult): void {
    const { assetId } = this.payloadOf(job);
    const row = this.store.first(this.store.q.selectFrom('assets').select(['id', 'hash']).where('id', '=', assetId));
    if (!row) return; // deleted while it was being probed
    const thumbRel = `thumbs/${row.hash.slice(0, 2)}/${row.hash}.webp`;
    const hasThumb = fs.existsSync(path.join(this.paths.library, thumbRel));
    this.store.run(
      this.store.q
        .updateTable('assets')
        .set({
          status: 'ready',
          width: result.width,
          height: result.height,
          duration_sec: result.durationSec,
          codecs: JSON.stringify(result.codecs),
          format: result.format,
          thumb: hasThumb ? thumbRel : null,
        })
        .where('id', '=', assetId),
    );
    this.events.emit('library.changed', { reason: 'updated', ids: [assetId] });
  }

  /**
   * A file that turned out not to be valid media leaves the library again; the user's original is untouched,
   * and so is an output referenced where its job wrote it (its project still points at it).
   */
  private dropFailedImport(job: JobView, _error: ErrorInfo): void {
    const { assetId } = this.payloadOf(job);
    if (this.removeAssets([assetId], true) > 0) this.events.emit('library.changed', { reason: 'deleted', ids: [assetId] });
  }

  private payloadOf(job: JobView): { assetId: string } {
    const row = this.queue.jobs.get(job.id);
    return JSON.parse(row?.payload ?? '{}') as { assetId: string };
  }

  list(query: ListQuery): AssetPage {
    let base = this.store.q.selectFrom('assets');
    if (query.kind) base = base.where('kind', '=', query.kind);
    if (query.starred !== undefined) base = base.where('starred', '=', query.starred ? 1 : 0);
    if (query.origin) base = base.where('origin', '=', query.origin);
    const term = query.search?.trim().toLowerCase();
    if (term) {
      const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where(sql<boolean>`name_lower LIKE ${pattern} ESCAPE '\\'`);
    }
    const order = {
      newest: [['created_at', 'desc'], ['id', 'desc']],
      oldest: [['created_at', 'asc'], ['id', 'asc']],
      name: [['name_lower', 'asc'], ['id', 'asc']],
      size: [['bytes', 'desc'], ['id', 'asc']],
    } as const;
    let items = base.selectAll();
    for (const [column, direction] of order[query.sort]) items = items.orderBy(column, direction);
    const rows = this.store.all(items.limit(query.limit).offset(query.offset));
    const total = this.store.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
    return { items: rows.map(toAssetView), total };
  }

  get(id: string): AssetView {
    const row = this.store.first(this.store.q.selectFrom('assets').selectAll().where('id', '=', id));
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: 'That item is no longer in the library.', ...say('library.itemGone') });
    return toAssetView(row);
  }

  /** The asset stored at `file` (a '/'-separated path inside the library folder), if any. */
  byFile(file: string): AssetView | null {
    const row = this.store.first(this.store.q.selectFrom('assets').selectAll().where('file', '=', file));
    return row ? toAssetView(row) : null;
  }

  recent(limit: number): AssetView[] {
    return this.store
      .all(this.store.q.selectFrom('assets').selectAll().where('status', '=', 'ready').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit))
      .map(toAssetView);
  }

  stats(): LibraryStats {
    const rows = this.store.all(
      this.store.q
        .selectFrom('assets')
        .select((eb) => ['kind', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('bytes').as('bytes')])
        .groupBy('kind'),
    );
    const byKind: Record<MediaKind, number> = { image: 0, video: 0, audio: 0 };
    let count = 0;
    let bytes = 0;
    for (const r of rows) {
      byKind[r.kind as MediaKind] = r.n;
      count += r.n;
      bytes += r.bytes ?? 0;
    }
    return { count, bytes, byKind };
  }

  async delete(ids: string[]): Promise<number> {
    const jobs = this.store
      .all(this.store.q.selectFrom('assets').select(['job_id']).where('id', 'in', ids).where('status', '=', 'processing'))
      .map((r) => r.job_id)
      .filter((j): j is string => j !== null);
    const deleted = this.removeAssets(ids);
    for (const jobId of jobs) await this.queue.cancel(jobId).catch(() => undefined);
    if (deleted > 0) this.events.emit('library.changed', { reason: 'deleted', ids });
    return deleted;
  }

  /** Deletes rows, then their files (a file shared by no other row); `keepInPlace`: files not stored by hash stay. */
  private removeAssets(ids: string[], keepInPlace = false): number {
    const rows = this.store.all(this.store.q.selectFrom('assets').select(['file', 'thumb', 'hash', 'ext']).where('id', 'in', ids));
    if (rows.length === 0) return 0;
    this.store.run(this.store.q.deleteFrom('assets').where('id', 'in', ids));
    for (const r of rows) {
      const byHash = r.file === `${r.hash.slice(0, 2)}/${r.hash}.${r.ext}`;
      if (byHash || !keepInPlace) fs.rmSync(path.join(this.paths.library, r.file), { force: true });
      fs.rmSync(path.join(this.paths.library, `thumbs/${r.hash.slice(0, 2)}/${r.hash}.webp`), { force: true });
    }
    return rows.length;
  }
}

function toAssetView(row: Selectable<AssetsTable>): AssetView {
  return {
    id: row.id,
    hash: row.hash,
    kind: row.kind as MediaKind,
    name: row.name,
    ext: row.ext,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    durationSec: row.duration_sec,
    codecs: JSON.parse(row.codecs) as string[],
    format: row.format,
    status: row.status as AssetView['status'],
    file: row.file,
    thumb: row.thumb,
    starred: row.starred === 1,
    createdAt: row.created_at,
    origin: row.origin,
    sourceJobId: row.source_job_id,
    projectId: row.project_id,
    retentionClass: row.retention_class,
  };
}
