import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import type { MediaKind } from '../../shared/jobs/kinds.js';
import type { AssetView } from '../../shared/library.js';
import { say } from '../../shared/messages.js';
import type { LibraryService } from './service.js';

/** A library item picked as a generator's input, resolved to its file on this machine. */
export interface PickedFile {
  asset: AssetView;
  /** Absolute path of the item's file inside the library folder. */
  file: string;
}

/**
 * Resolves a library id a form or a job file picked to its file: refused with
 * a clear, localised reason when the item was deleted, is still being
 * checked, is not the kind the input takes, or its file is gone from disk —
 * before any job is queued, so nothing is spent on a missing input.
 */
export function pickedFile(library: LibraryService, libraryDir: string, id: string, kind: MediaKind): PickedFile {
  let asset: AssetView;
  try {
    asset = library.get(id);
  } catch {
    throw new StudioError({ code: 'NOT_FOUND', message: `The library item ${id} picked as an input is no longer in the library.`, field: 'libraryId', ...say('library.pickedGone', { id }) });
  }
  const file = path.join(libraryDir, ...asset.file.split('/'));
  if (asset.status !== 'ready' || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new StudioError({ code: 'NOT_FOUND', message: `The file of library item "${asset.name}" is missing or not ready.`, field: 'libraryId', ...say('library.pickedGone', { id: asset.name }) });
  }
  if (asset.kind !== kind) {
    throw new StudioError({ code: 'BAD_INPUT', message: `"${asset.name}" is a ${asset.kind}; this input takes a ${kind}.`, field: 'libraryId', ...say('library.pickedWrongKind', { name: asset.name, kind }) });
  }
  return { asset, file };
}
