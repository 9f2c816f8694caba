import path from 'node:path';
import type { CharacterSummary, CharacterView, ReferenceView, VariantView } from '../../shared/api/character-contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { AssetView } from '../../shared/library.js';
import type { LibraryService } from '../library/service.js';
import type { CharacterRow, CharacterStore, VariantRow } from './store.js';

/** What the page and the CLI see of a character's rows, with its pictures as library paths. */

function asset(library: LibraryService, id: string): AssetView | null {
  try {
    return library.get(id);
  } catch {
    // A reference or variant whose asset was deleted from the library is shown without its picture.
    return null;
  }
}

/** A path inside the library folder, '/'-separated (media URLs reach nothing else). */
function libraryRel(libraryDir: string, file: string): string | null {
  const rel = path.relative(libraryDir, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : null;
}

export function referenceViews(store: CharacterStore, library: LibraryService, characterId: string): ReferenceView[] {
  return store.references(characterId).flatMap((r) => {
    const a = asset(library, r.asset_id);
    return a ? [{ assetId: r.asset_id, origin: r.origin, position: r.position, name: a.name, file: a.file, thumb: a.thumb }] : [];
  });
}

export function variantView(row: VariantRow, library: LibraryService, libraryDir: string): VariantView {
  const a = row.asset_id ? asset(library, row.asset_id) : null;
  return {
    id: row.id,
    kind: row.kind,
    instruction: row.instruction,
    prompt: row.prompt,
    backend: row.backend,
    via: row.via,
    model: row.model,
    state: row.state,
    status: row.status,
    assetId: a ? a.id : null,
    file: a ? a.file : row.file ? libraryRel(libraryDir, row.file) : null,
    error: row.error ? (JSON.parse(row.error) as ErrorInfo) : null,
    jobId: row.job_id,
    createdAt: row.created_at,
  };
}

export function summaryView(row: CharacterRow, store: CharacterStore, library: LibraryService): CharacterSummary {
  const refs = referenceViews(store, library, row.id);
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    keywords: JSON.parse(row.keywords) as string[],
    styleId: row.style_id,
    cover: refs[0]?.thumb ?? refs[0]?.file ?? null,
    variants: store.variants(row.id).filter((v) => v.status === 'ready' && v.state !== 'discarded').length,
    updatedAt: row.updated_at,
  };
}

export function characterView(row: CharacterRow, store: CharacterStore, library: LibraryService, libraryDir: string): CharacterView {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    keywords: JSON.parse(row.keywords) as string[],
    styleId: row.style_id,
    world: row.world,
    backstory: row.backstory,
    look: row.look,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    references: referenceViews(store, library, row.id),
    variants: store.variants(row.id).map((v) => variantView(v, library, libraryDir)),
  };
}
