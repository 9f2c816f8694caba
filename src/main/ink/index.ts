import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { StyleArea } from '../style/index.js';
import { InkRuns, type PaletteSource } from './runs.js';
import { InkStore } from './store.js';

/** Ink area of the Creator Hub (issue 16): the 2D studio: line-art cleanup, vectorising, PSD export. */
export function createInkArea(deps: CreatorHubDeps, styles: StyleArea) {
  // The Style-Locker offers a locked style's palette when it has one; without it the PSD uses the default palette.
  const runs = new InkRuns(deps, new InkStore(deps.store), styles as PaletteSource);
  return { runs };
}

export type InkArea = ReturnType<typeof createInkArea>;
