import { MESH_LIMITS } from '../../../shared/mesh/jobs.js';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';

/**
 * The errors a model file can earn while it is read, each with its message
 * key so the page says it in the user's language. `file` is the base name
 * the user recognises, never the whole path.
 */
export function fileLabel(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}

export function tooManyTriangles(file: string, count: number): StudioError {
  return new StudioError({
    code: 'FILE_TOO_LARGE',
    message: `${fileLabel(file)} has ${count} triangles; at most ${MESH_LIMITS.maxTriangles} are accepted.`,
    ...say('mesh.check.tooManyTriangles', { file: fileLabel(file), count: String(count), limit: String(MESH_LIMITS.maxTriangles) }),
  });
}

/** Refuses a triangle count over the limit before anything that size is allocated. */
export function assertTriangleLimit(file: string, count: number): void {
  if (count > MESH_LIMITS.maxTriangles) throw tooManyTriangles(file, count);
}

export function emptyModel(file: string): StudioError {
  return new StudioError({ code: 'INVALID_MEDIA', message: `${fileLabel(file)} contains no triangles.`, ...say('mesh.check.empty', { file: fileLabel(file) }) });
}

export function glbUnreadable(file: string, detail: string): StudioError {
  return new StudioError({ code: 'INVALID_MEDIA', message: `${fileLabel(file)} is not a readable glTF/GLB: ${detail}`, ...say('mesh.check.glbUnreadable', { file: fileLabel(file) }) });
}

export function zipUnreadable(file: string, detail: string): StudioError {
  return new StudioError({ code: 'INVALID_MEDIA', message: `${fileLabel(file)} is not a readable 3MF (ZIP): ${detail}`, ...say('mesh.check.zipUnreadable', { file: fileLabel(file) }) });
}

export function threemfNoModel(file: string, detail: string): StudioError {
  return new StudioError({ code: 'INVALID_MEDIA', message: `${fileLabel(file)} holds no 3MF model with triangles: ${detail}`, ...say('mesh.check.threemfNoModel', { file: fileLabel(file) }) });
}
