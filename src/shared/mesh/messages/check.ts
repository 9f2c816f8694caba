/** Message keys of the mesh checks (issue 16), each `mesh.check.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const MESH_CHECK_MESSAGES = {
  // Reading a model file (src/workers/mesh/io/).
  'mesh.check.unreadable': { params: ['file'], hint: true },
  'mesh.check.unknownFormat': { params: ['file'], hint: true },
  'mesh.check.fileTooLarge': { params: ['file', 'size', 'limit'], hint: true },
  'mesh.check.tooManyTriangles': { params: ['file', 'count', 'limit'], hint: true },
  'mesh.check.empty': { params: ['file'], hint: true },
  'mesh.check.stlTruncated': { params: ['file', 'expected', 'actual'], hint: true },
  'mesh.check.stlBadText': { params: ['file'], hint: true },
  'mesh.check.zipUnreadable': { params: ['file'], hint: true },
  'mesh.check.threemfNoModel': { params: ['file'], hint: true },
  'mesh.check.glbUnreadable': { params: ['file'], hint: true },
} as const;
