import fs from 'node:fs';
import Replicate, { type Prediction } from 'replicate';
import { StudioError } from '../../../shared/errors.js';
import { GATEWAY_MOUNTS } from '../../../shared/gateway.js';
import { MESH_REPLICATE_MODELS, type MeshVia, type ReplicateMeshBackend } from '../../../shared/mesh/backends.js';
import { say } from '../../../shared/messages.js';
import { currentModel, findModel, MODEL_CATALOG, type CatalogModel } from '../../../shared/models.js';
import { progressLabel } from '../../../shared/progress-labels.js';
import type { JobContext } from '../../context.js';
import { classifyGateway } from '../../generation/providers/cloud.js';
import { providersConfigFromEnv, providersConfigSchema, replicateConfigSchema, type ReplicateConfig } from '../../generation/providers/config.js';
import { asStudioError, canceled, contentFiltered, notConfigured, providerFailed } from '../../generation/providers/errors.js';
import { createFetch, sleep, type GatewayRoute } from '../../generation/providers/http.js';
import { PredictionCreator } from '../../generation/providers/replicate-predictions.js';
import { classifyReplicate, outputUrls } from '../../generation/providers/replicate.js';
import { keepGlb, noModelFile, readModelBody, sourceTimeout } from './download.js';
import type { GlbSummary } from './glb.js';

/**
 * TRELLIS and Hunyuan3D-2 on Replicate, through KingJam Cloud's gateway
 * (credits) or the user's own key, with the same pieces the studio's other
 * Replicate calls use: the prediction is created exactly once
 * (PredictionCreator: a 429 waits and creates, a lost answer is looked for
 * before a second create), polled with the `replicate` SDK, canceled when the
 * job is or when it runs past its limit, and its GLB downloaded and checked.
 * A catalogue model the service has retired runs on its successor, with a
 * notice; one with none fails before anything is paid.
 */

/** A TRELLIS run is about a minute, Hunyuan3D-2 two to three; a cold start adds minutes. */
export const MESH_PREDICTION_MS = 20 * 60_000;
const POLL_MS = 2_000;

export interface ReplicateMeshInput {
  backend: ReplicateMeshBackend;
  via: MeshVia;
  image: { bytes: Buffer; mimeType: string };
  seed: number;
  out: string;
  /** Poll interval (ms); the studio polls every 2 s. */
  pollMs?: number;
  /** The model catalogue to read (the studio's; a test that retires a model names its own copy). */
  catalog?: readonly CatalogModel[];
}

export interface MeshCandidate {
  summary: GlbSummary;
  model: string;
}

const dataUri = (img: { bytes: Buffer; mimeType: string }): string => `data:${img.mimeType};base64,${img.bytes.toString('base64')}`;

/** Each model's input, as its Replicate API page lists it. */
const INPUTS: Record<string, (image: string, seed: number) => Record<string, unknown>> = {
  // firtoz/trellis: images (list), seed, generate_model (GLB in `model_file`), texture_size, mesh_simplify; the preview videos are off.
  'firtoz/trellis': (image, seed) => ({ images: [image], seed, randomize_seed: false, generate_model: true, generate_color: false, generate_normal: false, save_gaussian_ply: false, texture_size: 1024, mesh_simplify: 0.95, ss_sampling_steps: 12, slat_sampling_steps: 12 }),
  // tencent/hunyuan3d-2: image, seed, steps, guidance_scale, octree_resolution, remove_background (GLB in `mesh`).
  'tencent/hunyuan3d-2': (image, seed) => ({ image, seed, steps: 50, guidance_scale: 5.5, octree_resolution: 256, remove_background: true }),
};

/** The model a backend runs today: its catalogue entry or the successor the catalogue names, with a notice; none, a clear error. */
export function meshModelFor(backend: ReplicateMeshBackend, ctx: Pick<JobContext, 'notice'>, catalog: readonly CatalogModel[] = MODEL_CATALOG): CatalogModel {
  const asked = MESH_REPLICATE_MODELS[backend];
  const now = currentModel('replicate', asked, catalog);
  if (!now || now.capability !== 'mesh' || !INPUTS[now.id]) {
    throw new StudioError({ code: 'MODEL_UNAVAILABLE', message: `${asked} is no longer offered and has no successor this studio can run.`, hint: 'Choose another backend; nothing was charged.', ...say('mesh.source.modelGone', { model: findModel('replicate', asked, catalog)?.label ?? asked }) });
  }
  if (now.id !== asked) ctx.notice(progressLabel('modelRetired', { model: asked, successor: now.id }));
  return now;
}

function route(via: MeshVia, ctx: Pick<JobContext, 'secrets'>, pollMs: number): { config: ReplicateConfig; gateway?: GatewayRoute } {
  const all = providersConfigSchema.parse(providersConfigFromEnv({ ...process.env, ...ctx.secrets }));
  const shared = { timeoutMs: 120_000, pollIntervalMs: pollMs, predictionTimeoutMs: MESH_PREDICTION_MS };
  if (via === 'cloud') {
    if (!all.cloud) throw notConfigured('cloud', 'signIn');
    const config = replicateConfigSchema.parse({ apiToken: all.cloud.token, baseUrl: `${all.cloud.url.replace(/\/+$/, '')}${GATEWAY_MOUNTS.replicate}`, ...shared });
    return { config, gateway: { provider: 'cloud', classify: classifyGateway } };
  }
  if (!all.replicate) throw notConfigured('replicate', 'key');
  return { config: replicateConfigSchema.parse({ ...all.replicate, ...shared }) };
}

/** The GLB among a prediction's outputs: TRELLIS's `model_file`, Hunyuan3D's `mesh`, else the first `.glb` URL. */
export function glbUrl(output: unknown): string | undefined {
  if (output && typeof output === 'object' && !Array.isArray(output)) {
    const named = output as Record<string, unknown>;
    for (const key of ['model_file', 'mesh', 'glb']) if (typeof named[key] === 'string') return named[key];
  }
  const urls = outputUrls(output);
  return urls.find((u) => /\.glb(\?|$)/i.test(u)) ?? (urls.length === 1 ? urls[0] : undefined);
}

function failure(p: Prediction, label: string): StudioError {
  const detail = typeof p.error === 'string' ? p.error : p.error ? JSON.stringify(p.error) : 'the prediction failed without a message.';
  if (/nsfw|sensitive|flagged|safety|E005|content policy|moderation/i.test(detail)) return contentFiltered('replicate', detail);
  return new StudioError({ ...providerFailed('replicate', detail, /timed out|out of memory|cuda|internal/i.test(detail)).toInfo(), ...say('mesh.source.failed', { provider: label, detail }) });
}

export async function replicateMesh(input: ReplicateMeshInput, ctx: JobContext): Promise<MeshCandidate> {
  const model = meshModelFor(input.backend, ctx, input.catalog);
  const { config, gateway } = route(input.via, ctx, input.pollMs ?? POLL_MS);
  const provider = gateway ? 'cloud' : 'replicate';
  const fetch = createFetch({ provider: 'replicate', timeoutMs: config.timeoutMs, retry: config.retry, classify: classifyReplicate, ...(gateway ? { gateway } : {}) });
  const client = new Replicate({ auth: config.apiToken, fetch, useFileOutput: false, ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}) });
  const creator = new PredictionCreator(config, classifyReplicate, gateway);
  const ref = model.version ? `${model.id}:${model.version}` : model.id;
  const build = INPUTS[model.id]!;
  try {
    let prediction = await creator.create({ ref, input: build(dataUri(input.image), input.seed) }, { signal: ctx.signal, jobId: ctx.jobId });
    const started = Date.now();
    ctx.progress(0.1, progressLabel('queuedAt', { service: gateway ? 'KingJam Cloud' : 'Replicate' }));
    try {
      while (prediction.status !== 'succeeded' && prediction.status !== 'failed' && prediction.status !== 'canceled') {
        if (Date.now() - started > config.predictionTimeoutMs) throw sourceTimeout(model.label, config.predictionTimeoutMs);
        await sleep(config.pollIntervalMs, ctx.signal);
        prediction = await client.predictions.get(prediction.id, { signal: ctx.signal });
        const elapsed = (Date.now() - started) / 180_000;
        ctx.progress(Math.min(0.85, 0.1 + elapsed * 0.75), progressLabel(prediction.status === 'starting' ? 'starting' : 'generating'));
      }
    } catch (err) {
      // A job canceled or out of time cancels its prediction, so the rest of the run is not billed.
      if (ctx.signal.aborted || (err instanceof StudioError && err.code === 'PROVIDER_TIMEOUT')) await creator.cancel(prediction.id);
      throw err;
    }
    if (prediction.status === 'failed') throw failure(prediction, model.label);
    if (prediction.status === 'canceled') throw canceled(ctx.signal);
    const url = glbUrl(prediction.output);
    if (!url) throw noModelFile(model.label);
    ctx.progress(0.9, progressLabel('downloading'));
    // Output files are on replicate.delivery (or the gateway's mirror), fetched without the token's retries running long.
    const download = createFetch({ provider, timeoutMs: 300_000, retry: config.retry, classify: classifyReplicate });
    const bytes = await readModelBody(await download(url, { signal: ctx.signal }), model.label);
    const summary = await keepGlb(bytes, input.out, model.label);
    return { summary, model: model.id };
  } catch (err) {
    await fs.promises.rm(`${input.out}.part`, { force: true });
    throw asStudioError(provider, err, ctx.signal);
  }
}
