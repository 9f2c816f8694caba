import type { MeshMessages } from './mesh.en.js';

/** zh-CN: family `mesh` (issue 16). */
export const meshZhCN: MeshMessages = {
  'mesh.nav': '3D 建模',
};
