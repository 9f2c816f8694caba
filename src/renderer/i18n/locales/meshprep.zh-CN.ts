import type { MeshprepMessages } from './meshprep.en.js';

/** zh-CN: family `meshprep` (issue 16). */
export const meshprepZhCN: MeshprepMessages = {
};
