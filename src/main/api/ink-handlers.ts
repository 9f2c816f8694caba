import type { InkCallName } from '../../shared/api/ink-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the 2D studio's calls (issue 16); spread into createHandlers. */
export function inkHandlers(_studio: Studio): Pick<Handlers, InkCallName> {
  return {};
}
