import type { MeshprepMessages } from './meshprep.en.js';

/** zh-TW: family `meshprep` (issue 16). */
export const meshprepZhTW: MeshprepMessages = {
};
