import type { StyleCallName } from '../../shared/api/style-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the Style-Locker's calls (issue 16); spread into createHandlers. */
export function styleHandlers(_studio: Studio): Pick<Handlers, StyleCallName> {
  return {};
}
