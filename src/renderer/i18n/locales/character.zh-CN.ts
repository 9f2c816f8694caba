import type { CharacterMessages } from './character.en.js';

/** zh-CN: family `character` (issue 16). */
export const characterZhCN: CharacterMessages = {
  'character.nav': '角色',
};
