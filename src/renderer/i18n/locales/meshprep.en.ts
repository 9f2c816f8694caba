/** English texts of family `meshprep` (issue 16: repair, print preparation, production checks and the pack). */
export const meshprepEn = {
} as const;

export type MeshprepMessages = Record<keyof typeof meshprepEn, string>;
