import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { StyleArea } from '../style/index.js';

/** Mesh area of the Creator Hub (issue 16): the 3D builder: models, candidates, checks, preparation, packs, quotes. */
export function createMeshArea(_deps: CreatorHubDeps, _styles: StyleArea) {
  return {};
}

export type MeshArea = ReturnType<typeof createMeshArea>;
