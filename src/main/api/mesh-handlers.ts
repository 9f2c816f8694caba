import type { MeshCallName } from '../../shared/api/mesh-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the 3D builder's calls (issue 16); spread into createHandlers. Image paths are read within the client's scope. */
export function meshHandlers(studio: Studio): Pick<Handlers, MeshCallName> {
  const { models, steps, quotes, backends, estimate } = studio.creator.meshes;
  return {
    'mesh.backends': () => backends(),
    'mesh.estimate': ({ backends: choices }) => estimate(choices),
    'mesh.make': (req) => models.make(req, studio.files),
    'mesh.models': (filter) => models.list(filter),
    'mesh.model': ({ id }) => models.get(id),
    'mesh.choose': ({ id, candidateId }) => models.choose(id, candidateId),
    'mesh.prepare': (req) => steps.prepare(req),
    'mesh.pack': (req) => steps.pack(req),
    'mesh.delete': async ({ id }) => {
      await models.delete(id);
      return { deleted: true as const };
    },
    'mesh.quoteAdd': (req) => quotes.add(req),
    'mesh.quoteUpdate': (req) => quotes.update(req),
    'mesh.quoteDelete': ({ id }) => {
      quotes.delete(id);
      return { deleted: true as const };
    },
  };
}
