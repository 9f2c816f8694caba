import type { MeshsrcMessages } from './meshsrc.en.js';

/** zh-TW: family `meshsrc` (issue 16). */
export const meshsrcZhTW: MeshsrcMessages = {
};
