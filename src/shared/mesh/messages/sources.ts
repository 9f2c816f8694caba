/** Message keys of image → 3D backends (issue 16), each `mesh.source.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const MESH_SOURCE_MESSAGES = {} as const;
