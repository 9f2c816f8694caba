import type { MeshcheckMessages } from './meshcheck.en.js';

/** zh-TW: family `meshcheck` (issue 16). */
export const meshcheckZhTW: MeshcheckMessages = {
};
