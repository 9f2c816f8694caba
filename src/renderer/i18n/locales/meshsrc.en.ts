/** English texts of family `meshsrc` (issue 16: image → 3D backends). */
export const meshsrcEn = {
} as const;

export type MeshsrcMessages = Record<keyof typeof meshsrcEn, string>;
