import type { MeshBackendChoice } from '../../shared/api/mesh-contract.js';
import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { StyleArea } from '../style/index.js';
import { backendOptions, estimateOf, normalised } from './backends.js';
import { MeshModels } from './models.js';
import { MeshQuotes } from './quotes.js';
import { MeshSteps } from './steps.js';
import { MeshStore } from './store.js';

/**
 * Mesh area of the Creator Hub (issue 16): the 3D builder in main — models
 * from an image through one or more backends, their checked candidates,
 * preparation for printing, production packs and the factories' quotes. The
 * work itself runs in the `mesh` worker (src/workers/mesh/); main records it.
 */
export function createMeshArea(deps: CreatorHubDeps, _styles: StyleArea) {
  const store = new MeshStore(deps.store);
  const models = new MeshModels(deps, store);
  return {
    models,
    steps: new MeshSteps(deps, store, models),
    quotes: new MeshQuotes(deps, store, models),
    backends: () => backendOptions(deps.availability),
    estimate: (choices: MeshBackendChoice[]) => estimateOf(choices.map(normalised)),
  };
}

export type MeshArea = ReturnType<typeof createMeshArea>;
