/** Message keys of repair, preparation and the production pack (issue 16), each `mesh.prep.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const MESH_PREP_MESSAGES = {
  'mesh.prep.cannotRepair': { params: [], hint: true },
} as const;
