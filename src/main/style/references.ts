import fs from 'node:fs';
import path from 'node:path';
import { checkClientPath, type PathScope } from '../client-files.js';
import type { LibraryService } from '../library/service.js';
import type { StyleReferenceView } from '../../shared/style/profile.js';

/** The largest reference or scored image read (a poster-size PNG is well under it). */
export const MAX_IMAGE_BYTES = 80 * 1024 * 1024;

export interface ImageChoice {
  /** Library assets (the page's picker). */
  assetIds?: string[] | undefined;
  /** Files on this machine (the CLI, an upload the bridge staged), read within the client's scope. */
  paths?: string[] | undefined;
}

/** The chosen images as absolute paths: library assets where they live in the library, files checked against the scope. */
export async function resolveImages(choice: ImageChoice, library: LibraryService, libraryRoot: string, scope: PathScope): Promise<StyleReferenceView[]> {
  const out: StyleReferenceView[] = [];
  for (const id of choice.assetIds ?? []) out.push({ path: path.join(libraryRoot, library.get(id).file), assetId: id });
  for (const file of choice.paths ?? []) out.push({ path: (await checkClientPath(file, { scope, maxBytes: MAX_IMAGE_BYTES })).path, assetId: null });
  return out;
}

/**
 * A style keeps its own copies of its references (in the library folder,
 * under styles/<id>/), so deleting a library item or moving a file later
 * leaves the locked style able to send its references to a backend.
 */
export function keepCopies(refs: StyleReferenceView[], dir: string): StyleReferenceView[] {
  fs.mkdirSync(dir, { recursive: true });
  return refs.map((r, i) => {
    const to = path.join(dir, `ref-${i + 1}${path.extname(r.path).toLowerCase() || '.png'}`);
    fs.copyFileSync(r.path, to);
    return { path: to, assetId: r.assetId };
  });
}
