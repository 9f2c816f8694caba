import type { CreatorHubDeps } from './creator-hub-deps.js';
import { createCharacterArea, type CharacterArea } from './character/index.js';
import { createInkArea, type InkArea } from './ink/index.js';
import { createMeshArea, type MeshArea } from './mesh/index.js';
import { createStyleArea, type StyleArea } from './style/index.js';

/** The Creator Hub (issue 16): characters, the Style-Locker, the 2D studio and the 3D builder. Styles come first: the others apply them. */
export interface CreatorHub {
  styles: StyleArea;
  characters: CharacterArea;
  ink: InkArea;
  meshes: MeshArea;
}

export function createCreatorHub(deps: CreatorHubDeps): CreatorHub {
  const styles = createStyleArea(deps);
  return {
    styles,
    characters: createCharacterArea(deps, styles),
    ink: createInkArea(deps, styles),
    meshes: createMeshArea(deps, styles),
  };
}
