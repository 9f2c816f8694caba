import type { CharacterCallName } from '../../shared/api/character-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of characters, the Prompt-Board and pose variants's calls (issue 16); spread into createHandlers. */
export function characterHandlers(_studio: Studio): Pick<Handlers, CharacterCallName> {
  return {};
}
