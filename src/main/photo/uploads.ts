import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PhotoUploadView } from '../../shared/api/photo-contract.js';
import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { CheckPurpose, PhotoCheckResult } from '../../shared/photo/check.js';
import { PHOTO_LIMITS } from '../../shared/photo/limits.js';
import { libraryPathOf } from '../../shared/paths.js';
import { openClientFile, type PathScope } from '../client-files.js';
import type { EventBus } from '../events.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import { copyAtomically } from '../library/files.js';
import type { DataPaths } from '../paths.js';
import type { PhotoStore, UploadRow } from './store.js';

const HOUR_MS = 3_600_000;
export const ORIGINALS_RETENTION_MS = PHOTO_LIMITS.originalsRetentionHours * HOUR_MS;

/**
 * Uploaded people photos: the original is copied into the data folder (inside
 * the library folder, so the page can show the normalised copy), checked by
 * the `photo.check` worker, and deleted with its normalised copy 24 hours
 * after upload (seed §1.2: originals are cleaned up after synthesis).
 */
export class PhotoUploads {
  constructor(
    private readonly store: PhotoStore,
    private readonly jobs: SqliteJobQueue,
    private readonly events: EventBus,
    private readonly paths: DataPaths,
    private readonly now: () => number,
  ) {
    jobs.onSettled('photo.check', {
      onSuccess: (job, result) => this.checked(job.id, result as PhotoCheckResult, null),
      onFailure: (job, error) => this.checked(job.id, null, error),
    });
  }

  /**
   * Copies the file in, queues its check (for one face, or for a group photo) and answers with what the check found.
   * `scope`: which paths the caller may read; `name`: what the list shows (default the file's name; a library item's own name).
   */
  async upload(file: string, consent: boolean, scope: PathScope, purpose: CheckPurpose = 'person', name = path.basename(file)): Promise<PhotoUploadView> {
    const source = await openClientFile(file, { scope, maxBytes: PHOTO_LIMITS.maxUploadBytes });
    const id = randomUUID();
    const dir = path.join(this.paths.library, 'photo-uploads', id);
    const ext = path.extname(source.path).toLowerCase().replace(/[^.a-z0-9]/g, '') || '.bin';
    const original = path.join(dir, `original${ext}`);
    try {
      if (source.size === 0) throw new StudioError({ code: 'EMPTY_FILE', message: `"${path.basename(file)}" is empty (0 bytes).`, ...say('import.empty', { name: path.basename(file) }) });
      await copyAtomically(source.handle, original);
    } finally {
      await source.handle.close();
    }
    await this.dropStaged(file);
    const uploadedAt = this.now();
    const row = {
      id,
      name,
      purpose,
      original_path: original,
      normalised_path: path.join(dir, 'normalised.png'),
      consent: consent ? 1 : 0,
      uploaded_at: uploadedAt,
      expires_at: uploadedAt + ORIGINALS_RETENTION_MS,
    };
    const job = this.store.store.transaction(() => {
      this.store.insertUpload(row);
      const queued = this.jobs.enqueueNow('photo.check', { input: row.original_path, out: row.normalised_path, purpose });
      this.store.setUploadJob(id, queued.id);
      return queued;
    });
    await this.jobs.waitFor(job.id);
    return this.view(this.get(id));
  }

  list(includeDeleted: boolean, limit: number): PhotoUploadView[] {
    return this.store.uploads(includeDeleted, limit).map((r) => this.view(r));
  }

  get(id: string): UploadRow {
    const row = this.store.upload(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no uploaded photo ${id}.`, ...say('photo.service.uploadNotFound') });
    return row;
  }

  /** Deletes the original and its normalised copy now (the user asked, or its 24 hours are up). */
  async delete(id: string): Promise<PhotoUploadView> {
    const row = this.get(id);
    await this.remove(row);
    return this.view(this.get(id));
  }

  /** Every upload whose 24 hours are up at `now`: files removed, row marked deleted. Returns how many. */
  async sweep(now: number): Promise<number> {
    let n = 0;
    for (const row of this.store.dueUploads(now)) {
      await this.remove(row);
      n += 1;
    }
    return n;
  }

  view(row: UploadRow): PhotoUploadView {
    const check = row.check_json ? (JSON.parse(row.check_json) as PhotoCheckResult) : null;
    const deleted = row.deleted_at !== null;
    return {
      id: row.id,
      name: row.name,
      purpose: row.purpose,
      status: row.status,
      preview: !deleted && check?.normalised ? libraryPathOf(this.paths.library, row.normalised_path) : null,
      width: check?.width ?? null,
      height: check?.height ?? null,
      faces: check?.faces ?? [],
      sharpness: check?.sharpness ?? null,
      issues: check?.issues ?? [],
      error: row.error ? (JSON.parse(row.error) as ErrorInfo) : null,
      consent: row.consent === 1,
      uploadedAt: row.uploaded_at,
      expiresAt: row.expires_at,
      remainingMs: deleted ? 0 : Math.max(0, row.expires_at - this.now()),
      deletedAt: row.deleted_at,
    };
  }

  private async remove(row: UploadRow): Promise<void> {
    // The folder holds the original and the normalised PNG: both go.
    await fs.promises.rm(path.dirname(row.original_path), { recursive: true, force: true });
    if (this.store.markDeleted(row.id, this.now())) this.events.emit('photo.upload.updated', this.view(this.get(row.id)));
  }

  private checked(jobId: string, result: PhotoCheckResult | null, error: ErrorInfo | null): void {
    const row = this.store.uploadByJob(jobId);
    if (!row) return;
    const status = result?.ok ? 'passed' : 'failed';
    if (this.store.checked(row.id, status, result ? JSON.stringify(result) : null, error ? JSON.stringify(error) : null)) {
      this.events.emit('photo.upload.updated', this.view(this.get(row.id)));
    }
  }

  /** A file the web bridge staged is a temporary copy: once copied in, it goes (as the library does with its imports). */
  private async dropStaged(file: string): Promise<void> {
    const rel = path.relative(this.paths.staging, path.resolve(file));
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return;
    await fs.promises.rm(path.join(this.paths.staging, rel.split(path.sep)[0]!), { recursive: true, force: true });
  }
}
