import type { MeshCallName } from '../../shared/api/mesh-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the 3D builder's calls (issue 16); spread into createHandlers. */
export function meshHandlers(_studio: Studio): Pick<Handlers, MeshCallName> {
  return {};
}
