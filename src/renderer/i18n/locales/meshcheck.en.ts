/** English texts of family `meshcheck` (issue 16: the mesh checks, score and preview geometry). */
export const meshcheckEn = {
} as const;

export type MeshcheckMessages = Record<keyof typeof meshcheckEn, string>;
