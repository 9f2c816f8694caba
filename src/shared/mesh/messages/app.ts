/** Message keys of the 3D builder service (issue 16), each `mesh.app.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const MESH_APP_MESSAGES = {} as const;
