import type { CharacterMessages } from './character.en.js';

/** zh-TW: family `character` (issue 16). */
export const characterZhTW: CharacterMessages = {
  'character.nav': '角色',
};
