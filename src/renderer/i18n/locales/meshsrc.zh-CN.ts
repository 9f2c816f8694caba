import type { MeshsrcMessages } from './meshsrc.en.js';

/** zh-CN: family `meshsrc` (issue 16). */
export const meshsrcZhCN: MeshsrcMessages = {
};
