import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { StyleArea } from '../style/index.js';
import { InkRuns, type PaletteSource } from './runs.js';
import { InkStore } from './store.js';

/** What the ink area reads of the Style-Locker: a style profile's lock and its measured palette (branch `style`). */
interface StyleLookup {
  get?(id: string): { locked: boolean; features: { palette: readonly { hex: string }[] } | null };
}

/** A locked style's palette colours (most used first, as the Style-Locker lists them), or null: unknown, unlocked or not measured. */
export function stylePalettes(styles: StyleLookup): PaletteSource {
  return {
    paletteOf(styleId) {
      try {
        const profile = styles.get?.(styleId);
        return profile?.locked && profile.features ? profile.features.palette.map((c) => c.hex) : null;
      } catch {
        // A style deleted since the run was asked for: the default palette.
        return null;
      }
    },
  };
}

/** Ink area of the Creator Hub (issue 16): the 2D studio: line-art cleanup, vectorising, PSD export. */
export function createInkArea(deps: CreatorHubDeps, styles: StyleArea) {
  const runs = new InkRuns(deps, new InkStore(deps.store), stylePalettes(styles as StyleLookup));
  return { runs };
}

export type InkArea = ReturnType<typeof createInkArea>;
