import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../../shared/errors.js';
import { MESH_LIMITS } from '../../../shared/mesh/jobs.js';
import { say } from '../../../shared/messages.js';
import { inspectGlb, type GlbSummary } from './glb.js';

/**
 * A candidate's GLB as it is kept: checked to be a GLB with triangles before
 * it takes the job's output path (written beside it, then renamed), so a
 * service's error page, a cut-off download or an empty scene never becomes a
 * candidate. A bad download may pass on a retry: the error says so.
 */
export function badGlb(provider: string, detail: string): StudioError {
  return new StudioError({
    code: 'MODEL_OUTPUT_INVALID',
    message: `The 3D model ${provider} returned is not a usable GLB file (${detail}).`,
    hint: 'Try again; if it keeps happening, choose another backend.',
    retryable: true,
    ...say('mesh.source.badGlb', { provider, detail }),
  });
}

export async function keepGlb(bytes: Uint8Array, out: string, provider: string): Promise<GlbSummary> {
  if (bytes.length > MESH_LIMITS.maxFileBytes) {
    const megabytes = Math.round(MESH_LIMITS.maxFileBytes / 1024 / 1024);
    throw new StudioError({ code: 'FILE_TOO_LARGE', message: `The 3D model ${provider} returned is larger than ${megabytes} MB.`, ...say('mesh.source.tooLarge', { provider, megabytes }) });
  }
  const summary = inspectGlb(bytes);
  if ('problem' in summary) throw badGlb(provider, summary.problem);
  await fs.promises.mkdir(path.dirname(out), { recursive: true });
  const partial = `${out}.part`;
  await fs.promises.writeFile(partial, bytes);
  await fs.promises.rename(partial, out);
  return summary;
}

/** A service's answer body, read whole; a length header over the limit is refused before reading. */
export async function readModelBody(res: Response, provider: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MESH_LIMITS.maxFileBytes) {
    const megabytes = Math.round(MESH_LIMITS.maxFileBytes / 1024 / 1024);
    throw new StudioError({ code: 'FILE_TOO_LARGE', message: `The 3D model ${provider} returned is larger than ${megabytes} MB.`, ...say('mesh.source.tooLarge', { provider, megabytes }) });
  }
  return new Uint8Array(await res.arrayBuffer());
}

export function noModelFile(provider: string): StudioError {
  return new StudioError({ code: 'PROVIDER_FAILED', message: `${provider} finished without a 3D model file.`, hint: 'Try again, or choose another backend.', retryable: true, ...say('mesh.source.noModelFile', { provider }) });
}

export function sourceTimeout(provider: string, ms: number): StudioError {
  const minutes = Math.round(ms / 60_000);
  return new StudioError({ code: 'PROVIDER_TIMEOUT', message: `${provider} did not finish the 3D model within ${minutes} min.`, hint: 'The service is busy: try again later, or choose another backend.', retryable: true, ...say('mesh.source.timeout', { provider, minutes }) });
}
