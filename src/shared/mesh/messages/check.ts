/** Message keys of the mesh checks (issue 16), each `mesh.check.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const MESH_CHECK_MESSAGES = {} as const;
