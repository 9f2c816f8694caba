/** English texts of family `mesh` (issue 16: the 3D builder page, its service and CLI). */
export const meshEn = {
  'mesh.nav': '3D builder',
} as const;

export type MeshMessages = Record<keyof typeof meshEn, string>;
