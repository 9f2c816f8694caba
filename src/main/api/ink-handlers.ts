import type { InkCallName } from '../../shared/api/ink-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the 2D studio's calls (issue 16); spread into createHandlers. */
export function inkHandlers(studio: Studio): Pick<Handlers, InkCallName> {
  const { runs } = studio.creator.ink;
  return {
    'ink.run': (input) => runs.run(input),
    'ink.runs': ({ limit }) => runs.list(limit),
    'ink.get': ({ id }) => runs.get(id),
    'ink.psd': ({ id, paper }) => runs.psd(id, paper),
  };
}
