import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { StyleArea } from '../style/index.js';

/** Ink area of the Creator Hub (issue 16): the 2D studio: line-art cleanup, vectorising, PSD export. */
export function createInkArea(_deps: CreatorHubDeps, _styles: StyleArea) {
  return {};
}

export type InkArea = ReturnType<typeof createInkArea>;
