import type { MeshcheckMessages } from './meshcheck.en.js';

/** zh-CN: family `meshcheck` (issue 16). */
export const meshcheckZhCN: MeshcheckMessages = {
};
