/** Message keys of the 3D builder service (issue 16), each `mesh.app.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const MESH_APP_MESSAGES = {
  'mesh.app.modelNotFound': { params: [] },
  'mesh.app.candidateNotFound': { params: [] },
  'mesh.app.candidateNotChecked': { params: [], hint: true },
  'mesh.app.nothingChecked': { params: [], hint: true },
  'mesh.app.notPrepared': { params: [], hint: true },
  'mesh.app.quoteNotFound': { params: [] },
  'mesh.app.notAnImage': { params: ['name'], hint: true },
  'mesh.app.backendTwice': { params: ['backend'] },
} as const;
