import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { StyleArea } from '../style/index.js';

/** Character area of the Creator Hub (issue 16): characters, the Prompt-Board and pose variants. */
export function createCharacterArea(_deps: CreatorHubDeps, _styles: StyleArea) {
  return {};
}

export type CharacterArea = ReturnType<typeof createCharacterArea>;
