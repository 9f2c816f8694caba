import type { MeshMessages } from './mesh.en.js';

/** zh-TW: family `mesh` (issue 16). */
export const meshZhTW: MeshMessages = {
  'mesh.nav': '3D 建模',
};
