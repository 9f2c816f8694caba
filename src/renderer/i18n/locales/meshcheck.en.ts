/** English texts of family `meshcheck` (issue 16: the mesh checks, score and preview geometry). */
export const meshcheckEn = {
  'msg.mesh.check.unknownFormat': '“{file}” is not an STL, 3MF, GLB or glTF model.',
  'msg.mesh.check.unknownFormat.hint': 'Export the model from your 3D program as STL, 3MF or GLB.',
  'msg.mesh.check.fileTooLarge': '“{file}” is {size} MB; model files may be at most {limit} MB.',
  'msg.mesh.check.fileTooLarge.hint': 'Simplify the model in your 3D program (a few million triangles is plenty for printing) and export it again.',
  'msg.mesh.check.tooManyTriangles': '“{file}” has {count} triangles; the builder takes at most {limit}.',
  'msg.mesh.check.tooManyTriangles.hint': 'Reduce the triangle count in your 3D program (Decimate in Blender) and export it again.',
  'msg.mesh.check.empty': '“{file}” contains no triangles.',
  'msg.mesh.check.empty.hint': 'Export the model again with its geometry; a scene with only cameras or lights has nothing to print.',
  'msg.mesh.check.stlTruncated': '“{file}” is cut short: its header promises {expected} bytes but the file has {actual}.',
  'msg.mesh.check.stlTruncated.hint': 'The download or copy was probably interrupted. Fetch or export the STL again.',
  'msg.mesh.check.stlBadText': '“{file}” looks like a text STL, but its triangles could not be read.',
  'msg.mesh.check.stlBadText.hint': 'Export the model again, preferably as binary STL.',
  'msg.mesh.check.zipUnreadable': '“{file}” is not a readable 3MF package (its ZIP is damaged).',
  'msg.mesh.check.zipUnreadable.hint': 'Save the 3MF again from your slicer or 3D program, or export STL instead.',
  'msg.mesh.check.threemfNoModel': '“{file}” is a ZIP but holds no 3MF model with triangles.',
  'msg.mesh.check.threemfNoModel.hint': 'Export the model again as 3MF from your slicer or 3D program.',
  'msg.mesh.check.glbUnreadable': '“{file}” is not a readable glTF/GLB model (a chunk or buffer is damaged).',
  'msg.mesh.check.glbUnreadable.hint': 'Download or export the GLB again; if it came from an image-to-3D service, make the candidate again.',
} as const;

export type MeshcheckMessages = Record<keyof typeof meshcheckEn, string>;
