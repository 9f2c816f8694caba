import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { findSlots, type ComfyWorkflow } from '../../../shared/comfy-workflow.js';
import { StudioError } from '../../../shared/errors.js';
import { COMFY_MESH_WORKFLOW_ENV, MESH_LOCAL_MODELS } from '../../../shared/mesh/backends.js';
import { say } from '../../../shared/messages.js';
import { progressLabel } from '../../../shared/progress-labels.js';
import { LOCAL_DEFAULT_URLS } from '../../../shared/providers.js';
import type { JobContext } from '../../context.js';
import { readWorkflowFile } from '../../generation/providers/comfyui-workflow.js';
import { classifyComfy } from '../../generation/providers/comfyui.js';
import { providersConfigFromEnv, providersConfigSchema } from '../../generation/providers/config.js';
import { asStudioError } from '../../generation/providers/errors.js';
import { createFetch, sleep, type FetchLike } from '../../generation/providers/http.js';
import { keepGlb, noModelFile, readModelBody, sourceTimeout } from './download.js';
import type { MeshCandidate } from './replicate.js';

/**
 * The user's own ComfyUI 3D workflow (Hunyuan3D, TRELLIS or any image → mesh
 * graph ending in ComfyUI's SaveGLB), exported with "Save (API format)". The
 * picture is uploaded and put on the LoadImage node titled "image 1" (or
 * "image", or the workflow's only LoadImage); the seed goes where the
 * workflow's seed is. The run is followed through its history entry, and the
 * GLB is read from the outputs: SaveGLB reports `{"3d": [{filename,
 * subfolder, type}]}`; wrappers that report a path string are read too.
 */

const LABEL = 'ComfyUI';
/** Shape generation plus texturing on a consumer GPU takes minutes. */
export const COMFY_MESH_MS = 30 * 60_000;
const POLL_MS = 2_000;
const RETRY = { maxAttempts: 2, baseDelayMs: 1_000, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };

export interface ComfyMeshInput {
  image: { bytes: Buffer; mimeType: string };
  workflow?: string | undefined;
  seed: number;
  out: string;
  pollMs?: number;
}

type Graph = ComfyWorkflow['graph'];
interface FileRef {
  filename: string;
  subfolder: string;
  type: string;
}

/** Where the picture goes: a numbered or titled image node, else the workflow's one LoadImage. */
function imageSlot(workflow: ComfyWorkflow, file: string): { node: string; input: string } {
  const titled = Object.entries(workflow.graph).find(([, n]) => /^(kingjam\s*:\s*)?image(\s+1)?$/i.test(String((n as { _meta?: { title?: unknown } })._meta?.title ?? '').trim()));
  if (titled) return { node: titled[0], input: 'image' };
  const bound = findSlots(workflow).image?.[0];
  if (bound) return bound;
  const loaders = Object.entries(workflow.graph).filter(([, n]) => n.class_type === 'LoadImage');
  if (loaders.length === 1) return { node: loaders[0]![0], input: 'image' };
  throw new StudioError({ code: 'WORKFLOW_INVALID', message: `The workflow ${file} has no LoadImage node for the picture.`, hint: 'Title the LoadImage node "image" (or "image 1") in ComfyUI and export it again in API format.', ...say('mesh.source.workflowNoImage', { file }) });
}

function workflowFailed(detail: string): StudioError {
  return new StudioError({ code: 'PROVIDER_FAILED', message: `The ComfyUI 3D workflow failed: ${detail}`, hint: 'Open the workflow in ComfyUI and check the node it names.', ...say('mesh.source.workflowFailed', { detail }) });
}

/** The GLB files among a history entry's outputs, in node order. */
export function glbOutputs(outputs: Record<string, Record<string, unknown>>): FileRef[] {
  const found: FileRef[] = [];
  for (const nodeOutputs of Object.values(outputs)) {
    for (const list of Object.values(nodeOutputs)) {
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        if (typeof item === 'string' && /\.glb$/i.test(item)) {
          const rel = item.replace(/\\/g, '/').replace(/^.*\/output\//, '');
          found.push({ filename: path.posix.basename(rel), subfolder: path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel), type: 'output' });
        } else if (item && typeof item === 'object' && typeof (item as FileRef).filename === 'string' && /\.glb$/i.test((item as FileRef).filename)) {
          const ref = item as Partial<FileRef> & { filename: string };
          found.push({ filename: ref.filename, subfolder: ref.subfolder ?? '', type: ref.type ?? 'output' });
        }
      }
    }
  }
  return found;
}

export async function comfyMesh(input: ComfyMeshInput, ctx: JobContext): Promise<MeshCandidate> {
  const env = { ...process.env, ...ctx.secrets };
  const file = input.workflow ?? env[COMFY_MESH_WORKFLOW_ENV];
  if (!file) {
    throw new StudioError({ code: 'PROVIDER_NOT_CONFIGURED', message: `No ComfyUI 3D workflow is set (neither for this job nor in ${COMFY_MESH_WORKFLOW_ENV}).`, ...say('mesh.source.noWorkflow', { env: COMFY_MESH_WORKFLOW_ENV }) });
  }
  const workflow = readWorkflowFile(file, COMFY_MESH_WORKFLOW_ENV);
  const base = (providersConfigSchema.parse(providersConfigFromEnv(env)).comfyui?.baseUrl ?? LOCAL_DEFAULT_URLS.comfyui).replace(/\/+$/, '');
  const fetch: FetchLike = createFetch({ provider: 'comfyui', timeoutMs: 120_000, retry: RETRY, classify: classifyComfy });
  const signal = ctx.signal;
  try {
    const slot = imageSlot(workflow, path.basename(file));
    const form = new FormData();
    const ext = input.image.mimeType === 'image/jpeg' ? 'jpg' : 'png';
    form.append('image', new Blob([new Uint8Array(input.image.bytes)], { type: input.image.mimeType }), `kingjam-3d-${randomUUID()}.${ext}`);
    form.append('overwrite', 'true');
    form.append('subfolder', 'kingjam');
    const up = (await (await fetch(`${base}/upload/image`, { method: 'POST', body: form, signal })).json()) as { name: string; subfolder?: string };
    const graph: Graph = structuredClone(workflow.graph);
    graph[slot.node]!.inputs[slot.input] = up.subfolder ? `${up.subfolder}/${up.name}` : up.name;
    for (const s of findSlots(workflow).seed ?? []) if (graph[s.node]) graph[s.node]!.inputs[s.input] = input.seed ?? randomInt(0, 2 ** 31);
    const queued = (await (await fetch(`${base}/prompt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: graph, client_id: randomUUID() }), signal })).json()) as { prompt_id?: string };
    if (typeof queued.prompt_id !== 'string') throw workflowFailed('ComfyUI did not queue the workflow');
    const id = queued.prompt_id;
    ctx.progress(0.1, progressLabel('queuedAt', { service: LABEL }));
    const started = Date.now();
    for (;;) {
      if (Date.now() - started > COMFY_MESH_MS) {
        await fetch(`${base}/interrupt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt_id: id }) }).catch(() => undefined);
        throw sourceTimeout(LABEL, COMFY_MESH_MS);
      }
      await sleep(input.pollMs ?? POLL_MS, signal);
      const history = (await (await fetch(`${base}/history/${encodeURIComponent(id)}`, { signal })).json()) as Record<string, { outputs?: Record<string, Record<string, unknown>>; status?: { status_str?: string; completed?: boolean; messages?: unknown[] } }>;
      const entry = history[id];
      ctx.progress(Math.min(0.85, 0.1 + (Date.now() - started) / 600_000), progressLabel('rendering'));
      if (!entry) continue;
      if (entry.status?.status_str === 'error') {
        const message = (entry.status.messages ?? []).map((m) => (Array.isArray(m) && m[0] === 'execution_error' ? (m[1] as { exception_message?: string; node_type?: string }) : null)).find(Boolean);
        throw workflowFailed(message ? `${message.node_type ?? 'a node'}: ${message.exception_message ?? 'error'}` : 'see the ComfyUI console');
      }
      if (entry.status?.completed === false && !entry.outputs) continue;
      const [glb] = glbOutputs(entry.outputs ?? {});
      if (!glb) throw noModelFile(LABEL);
      ctx.progress(0.9, progressLabel('downloading'));
      const res = await fetch(`${base}/view?${new URLSearchParams({ filename: glb.filename, subfolder: glb.subfolder, type: glb.type }).toString()}`, { signal });
      const summary = await keepGlb(await readModelBody(res, LABEL), input.out, LABEL);
      return { summary, model: MESH_LOCAL_MODELS.comfyui };
    }
  } catch (err) {
    await fs.promises.rm(`${input.out}.part`, { force: true });
    throw asStudioError('comfyui', err, signal);
  }
}
