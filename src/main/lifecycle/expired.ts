import path from 'node:path';
import { z } from 'zod';
import type { CleanupTask, PlannedRemoval } from '../../shared/api/lifecycle-contract.js';
import { RETENTION_CLASSES, type RetentionClass } from '../../shared/library.js';
import type { RetentionKind } from '../../shared/settings.js';
import type { LibraryService } from '../library/service.js';
import type { Store } from '../store/db.js';
import { expiresAt, taskOf } from './schedule.js';

/** The part of an outbox post's payload that names files (src/shared/publish/post.ts PostMedia). */
const postMediaSchema = z.object({ media: z.array(z.object({ path: z.string() }).loose()).default([]) }).loose();
/** A style profile's reference images (style_profiles.references_json). */
const styleReferencesSchema = z.array(z.object({ assetId: z.string().nullish() }).loose());

/**
 * Which library items a cleanup task takes at a moment: those of the task's
 * classes whose retention is over by then, not starred, not still being
 * probed, whose file no other (kept) item shares, no scheduled or
 * publishing outbox post still points at, and that is not a reference of a
 * character or a style profile or a kept variant of a character. The preview and the run ask the
 * same question, so the preview lists exactly what the run deletes.
 */
export class ExpiredItems {
  constructor(
    private readonly store: Store,
    private readonly library: LibraryService,
    private readonly libraryRoot: string,
    private readonly retentionDays: () => Record<RetentionKind, number>,
  ) {}

  at(task: CleanupTask, at: number): PlannedRemoval[] {
    const classes = RETENTION_CLASSES.filter((c) => taskOf(c) === task);
    const rows = this.store.all(
      this.store.q
        .selectFrom('assets')
        .select(['id', 'file', 'retention_class', 'created_at'])
        .where('retention_class', 'in', classes)
        .where('starred', '=', 0)
        .where('status', '=', 'ready')
        .orderBy('created_at', 'asc')
        .orderBy('id', 'asc'),
    );
    const days = this.retentionDays();
    const due = rows
      .map((r) => ({ ...r, expiresAt: expiresAt(r.retention_class as RetentionClass, r.created_at, days) }))
      .filter((r) => r.expiresAt <= at);
    if (due.length === 0) return [];
    const inUse = this.filesInUse(new Set(due.map((r) => r.id)));
    const referenced = this.referencedAssets();
    return due
      .filter((r) => !inUse.has(r.file) && !referenced.has(r.id))
      .map((r) => ({ asset: this.library.get(r.id), expiresAt: r.expiresAt, removeAt: at }));
  }

  /**
   * Library items the Creator Hub builds on: a character's reference images
   * and kept variants, and a style profile's references. Deleting one would
   * silently change what the character or style generates.
   */
  private referencedAssets(): Set<string> {
    const ids = new Set<string>();
    const rows = this.store.sqlite
      .prepare("SELECT asset_id AS id FROM character_references UNION SELECT asset_id AS id FROM character_variants WHERE state = 'kept' AND asset_id IS NOT NULL")
      .all() as Array<{ id: string }>;
    for (const r of rows) ids.add(r.id);
    const styles = this.store.sqlite.prepare('SELECT references_json FROM style_profiles').all() as Array<{ references_json: string }>;
    for (const s of styles) for (const ref of readJson(s.references_json, styleReferencesSchema) ?? []) if (ref.assetId) ids.add(ref.assetId);
    return ids;
  }

  /**
   * Library files something still needs: an item that is not being removed
   * (starred, unexpired or class-less) sharing the file, or a post waiting
   * to be published (or being published) with it as media.
   */
  private filesInUse(removing: Set<string>): Set<string> {
    const used = new Set<string>();
    const files = this.store.all(this.store.q.selectFrom('assets').select(['id', 'file']));
    const owners = new Map<string, string[]>();
    for (const f of files) owners.set(f.file, [...(owners.get(f.file) ?? []), f.id]);
    for (const [file, ids] of owners) if (ids.some((id) => !removing.has(id))) used.add(file);
    const posts = this.store.sqlite
      .prepare("SELECT payload FROM outbox_posts WHERE state IN ('scheduled', 'publishing')")
      .all() as Array<{ payload: string }>;
    for (const p of posts) {
      for (const m of readJson(p.payload, postMediaSchema)?.media ?? []) {
        const rel = path.relative(this.libraryRoot, path.resolve(m.path));
        if (!rel.startsWith('..') && !path.isAbsolute(rel)) used.add(rel.split(path.sep).join('/'));
      }
    }
    return used;
  }
}

/** A JSON column as `schema` reads it, or null: a row this code cannot read names nothing it could match. */
function readJson<S extends z.ZodType>(text: string, schema: S): z.output<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
