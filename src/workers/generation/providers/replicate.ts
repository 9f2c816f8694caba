import Replicate, { parseProgressFromLogs, type Prediction } from 'replicate';
import { StudioError } from '../../../shared/errors.js';
import { replicateConfigSchema, type ReplicateConfig, type ReplicateConfigInput } from './config.js';
import { asStudioError, authFailed, badRequest, canceled, classifyStatus, contentFiltered, modelUnavailable, providerFailed, providerFailedBecause, quotaExceeded, timedOut, type HttpFailure } from './errors.js';
import { createFetch, downloadTo, sleep, type FetchLike, type GatewayRoute } from './http.js';
import type { AspectRatio, CallOptions, ConnectionReport, GeneratedImage, ImageRequest, ImageResult, ModelInfo, Provider, VideoRequest, VideoResult } from './types.js';
import { say } from '../../../shared/messages.js';
import { progressLabel } from '../../../shared/progress-labels.js';

/**
 * Replicate through the `replicate` SDK: Kling v2.1 (standard 720p / pro
 * 1080p, 5 or 10 s), Veo 3 / Veo 3 Fast, Imagen and Flux. A prediction is
 * created, polled (webhooks need a public URL a desktop does not have), its
 * output downloaded; a canceled job cancels the prediction so the user is
 * not billed for the rest of it.
 */

type Capability = 'image' | 'video';

interface CatalogEntry {
  id: string;
  capability: Capability;
  label: string;
  /** `owner/name` (or `owner/name:version`) on Replicate. */
  ref: string;
  input: (req: ImageRequest | VideoRequest) => Record<string, unknown>;
}

const dataUri = (img: { bytes: Buffer; mimeType: string }): string => `data:${img.mimeType};base64,${img.bytes.toString('base64')}`;

function klingInput(mode: 'standard' | 'pro') {
  return (req: ImageRequest | VideoRequest): Record<string, unknown> => {
    if (!req.image) {
      throw new StudioError({ code: 'BAD_INPUT', message: 'Kling v2.1 animates a start image: this scene has none.', hint: 'Generate or pick an image for the scene first.', field: 'image', ...say('provider.needsStartImage', { model: 'Kling v2.1' }) });
    }
    const duration = ('durationSec' in req && req.durationSec !== undefined && req.durationSec > 5) ? 10 : 5;
    return { prompt: req.prompt, start_image: dataUri(req.image), mode, duration, ...(req.negativePrompt ? { negative_prompt: req.negativePrompt } : {}) };
  };
}

function veoInput(req: ImageRequest | VideoRequest): Record<string, unknown> {
  const video = req as VideoRequest;
  return {
    prompt: req.prompt,
    aspect_ratio: video.aspectRatio === '9:16' ? '9:16' : '16:9',
    resolution: video.resolution ?? '720p',
    ...(req.image ? { image: dataUri(req.image) } : {}),
    ...(req.negativePrompt ? { negative_prompt: req.negativePrompt } : {}),
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
  };
}

function imageAspect(a: AspectRatio | undefined, allowed: readonly string[]): string {
  const want = a ?? '1:1';
  if (allowed.includes(want)) return want;
  return want === '4:5' ? '3:4' : '1:1';
}

function imagenInput(req: ImageRequest | VideoRequest): Record<string, unknown> {
  return { prompt: req.prompt, aspect_ratio: imageAspect((req as ImageRequest).aspectRatio, ['1:1', '9:16', '16:9', '3:4', '4:3']), safety_filter_level: 'block_medium_and_above', output_format: 'png' };
}

function fluxInput(req: ImageRequest | VideoRequest): Record<string, unknown> {
  const image = req as ImageRequest;
  return {
    prompt: req.prompt,
    aspect_ratio: imageAspect(image.aspectRatio, ['1:1', '16:9', '9:16', '4:5', '3:4', '4:3']),
    output_format: 'png',
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
  };
}

export const REPLICATE_CATALOG: readonly CatalogEntry[] = [
  { id: 'kling-v2.1', capability: 'video', label: 'Kling v2.1 (720p, 5 or 10 s)', ref: 'kwaivgi/kling-v2.1', input: klingInput('standard') },
  { id: 'kling-v2.1-pro', capability: 'video', label: 'Kling v2.1 Pro (1080p, 5 or 10 s)', ref: 'kwaivgi/kling-v2.1', input: klingInput('pro') },
  { id: 'veo-3-fast', capability: 'video', label: 'Veo 3 Fast (8 s)', ref: 'google/veo-3-fast', input: veoInput },
  { id: 'veo-3', capability: 'video', label: 'Veo 3 (8 s)', ref: 'google/veo-3', input: veoInput },
  { id: 'imagen-4-ultra', capability: 'image', label: 'Imagen 4 Ultra', ref: 'google/imagen-4-ultra', input: imagenInput },
  { id: 'imagen-3', capability: 'image', label: 'Imagen 3', ref: 'google/imagen-3', input: imagenInput },
  { id: 'flux-schnell', capability: 'image', label: 'FLUX.1 [schnell]', ref: 'black-forest-labs/flux-schnell', input: fluxInput },
  { id: 'flux-1.1-pro', capability: 'image', label: 'FLUX1.1 [pro]', ref: 'black-forest-labs/flux-1.1-pro', input: fluxInput },
];

const DEFAULTS = { image: 'flux-schnell', imageFine: 'flux-1.1-pro', video: 'kling-v2.1' } as const;

export class ReplicateProvider implements Provider {
  readonly id = 'replicate' as const;
  readonly label = 'Replicate';
  readonly local = false;
  readonly config: ReplicateConfig;
  readonly image = { generateImage: this.generateImage.bind(this) };
  readonly video = { generateVideo: this.generateVideo.bind(this) };

  /** `gateway`: the calls go through the KingJam cloud gateway (the `cloud` provider) instead of to Replicate. */
  constructor(
    config: ReplicateConfigInput,
    private readonly gateway?: GatewayRoute,
  ) {
    this.config = replicateConfigSchema.parse(config);
  }

  models(): ModelInfo[] {
    return REPLICATE_CATALOG.map(({ id, capability, label }) => ({ id, capability, label }));
  }

  private fetch(timeoutMs?: number): FetchLike {
    return createFetch({ provider: 'replicate', timeoutMs: timeoutMs ?? this.config.timeoutMs, retry: this.config.retry, classify: classifyReplicate, ...(this.gateway ? { gateway: this.gateway } : {}) });
  }

  private client(timeoutMs?: number): Replicate {
    // Outputs come back as plain URLs (useFileOutput off) so we stream them to disk ourselves. Inputs are
    // already data-URI strings, which the SDK passes through; its own 'data-uri' strategy is broken in 1.4.0
    // (it sends the client object as the input), so the default strategy stays.
    return new Replicate({ auth: this.config.apiToken, fetch: this.fetch(timeoutMs), useFileOutput: false, ...(this.config.baseUrl ? { baseUrl: this.config.baseUrl } : {}) });
  }

  async generateImage(req: ImageRequest, opts: CallOptions = {}): Promise<ImageResult> {
    const entry = this.entry(req.model ?? (req.quality === 'fine' ? DEFAULTS.imageFine : DEFAULTS.image), 'image');
    try {
      const prediction = await this.run(entry, req, opts);
      const urls = outputUrls(prediction.output);
      if (urls.length === 0) throw providerFailedBecause('replicate', 'noImage', true);
      const fetch = this.fetch(Math.max(this.config.timeoutMs, 300_000));
      const images: GeneratedImage[] = [];
      for (const url of urls.slice(0, req.count ?? urls.length)) {
        const res = await fetch(url, { signal: opts.signal ?? null });
        images.push({ bytes: Buffer.from(await res.arrayBuffer()), mimeType: res.headers.get('content-type') ?? 'image/png' });
      }
      return { provider: 'replicate', model: entry.id, images, draft: false };
    } catch (err) {
      throw asStudioError('replicate', err, opts.signal);
    }
  }

  async generateVideo(req: VideoRequest, opts: CallOptions = {}): Promise<VideoResult> {
    const entry = this.entry(req.model ?? DEFAULTS.video, 'video');
    try {
      const prediction = await this.run(entry, req, opts);
      const url = outputUrls(prediction.output).find((u) => /\.(mp4|mov|webm)(\?|$)/i.test(u)) ?? outputUrls(prediction.output)[0];
      if (!url) throw providerFailedBecause('replicate', 'noVideo', true);
      opts.onProgress?.(0.95, progressLabel('downloading'));
      const { mimeType } = await downloadTo(this.fetch(Math.max(this.config.timeoutMs, 600_000)), url, req.outPath, opts.signal);
      opts.onProgress?.(1, progressLabel('done'));
      const durationSec = entry.id.startsWith('kling') ? ((req.durationSec ?? 5) > 5 ? 10 : 5) : 8;
      return { kind: 'video', provider: 'replicate', model: entry.id, path: req.outPath, mimeType: mimeType.startsWith('video/') ? mimeType : 'video/mp4', durationSec, draft: false };
    } catch (err) {
      throw asStudioError('replicate', err, opts.signal);
    }
  }

  /** Creates the prediction and polls it to the end; on abort, cancels it at Replicate before giving up. */
  private async run(entry: CatalogEntry, req: ImageRequest | VideoRequest, opts: CallOptions): Promise<Prediction> {
    const client = this.client(opts.timeoutMs);
    const input = entry.input(req);
    const [ref = entry.ref, version] = entry.ref.split(':');
    const signal = opts.signal ? { signal: opts.signal } : {};
    const hook = this.config.webhookUrl ? { webhook: this.config.webhookUrl, webhook_events_filter: ['completed' as const] } : {};
    let prediction = version ? await client.predictions.create({ version, input, ...hook, ...signal }) : await client.predictions.create({ model: ref, input, ...hook, ...signal });
    const started = Date.now();
    opts.onProgress?.(0.02, progressLabel('queuedAt', { service: 'Replicate' }));
    try {
      while (!isTerminal(prediction.status)) {
        if (Date.now() - started > this.config.predictionTimeoutMs) throw timedOut('replicate', this.config.predictionTimeoutMs);
        await sleep(this.config.pollIntervalMs, opts.signal);
        prediction = await client.predictions.get(prediction.id, opts.signal ? { signal: opts.signal } : {});
        const parsed = parseProgressFromLogs(prediction);
        opts.onProgress?.(parsed ? 0.05 + parsed.percentage * 0.85 : Math.min(0.85, 0.05 + (Date.now() - started) / 300_000), progressLabel(prediction.status === 'starting' ? 'starting' : 'generating'));
      }
    } catch (err) {
      const abandoned = opts.signal?.aborted || (err instanceof StudioError && err.code === 'PROVIDER_TIMEOUT');
      if (abandoned) await this.cancel(prediction.id);
      throw err;
    }
    if (prediction.status === 'failed') throw predictionError(prediction);
    if (prediction.status === 'canceled') throw canceled(opts.signal);
    return prediction;
  }

  /** Best effort: the job is over either way, but a running prediction would keep billing. */
  private async cancel(id: string): Promise<void> {
    try {
      await this.client(10_000).predictions.cancel(id);
    } catch {
      // The prediction may already have finished; nothing more to do.
    }
  }

  private entry(model: string, capability: Capability): CatalogEntry {
    const entry = REPLICATE_CATALOG.find((e) => e.id === model || e.ref === model);
    if (entry && entry.capability === capability) return entry;
    if (!entry && /^[\w.-]+\/[\w.-]+(:[0-9a-f]{64})?$/.test(model)) {
      // Any other model by its Replicate name: a plain {prompt, image?} input, the common denominator.
      return { id: model, capability, label: model, ref: model, input: (r) => ({ prompt: r.prompt, ...(r.image ? { image: dataUri(r.image) } : {}), ...(r.seed !== undefined ? { seed: r.seed } : {}) }) };
    }
    throw modelUnavailable('replicate', model, `it is not a Replicate ${capability} model this studio knows.`);
  }

  async testConnection(opts: CallOptions = {}): Promise<ConnectionReport> {
    const client = this.client(opts.timeoutMs ?? 20_000);
    const signal = opts.signal ? { signal: opts.signal } : {};
    try {
      const account = await client.accounts.current(signal);
      const refs = [...new Set(REPLICATE_CATALOG.map((e) => e.ref))];
      const available = new Map<string, boolean>();
      await Promise.all(
        refs.map(async (ref) => {
          const [owner = '', name = ''] = ref.split('/');
          try {
            await client.models.get(owner, name, signal);
            available.set(ref, true);
          } catch (err) {
            if (err instanceof StudioError && err.code === 'MODEL_UNAVAILABLE') available.set(ref, false);
            else throw err;
          }
        }),
      );
      return { ok: true, provider: 'replicate', models: REPLICATE_CATALOG.map((e) => ({ id: e.id, capability: e.capability, label: e.label, available: available.get(e.ref) ?? false })), detail: `Signed in as ${account.username}` };
    } catch (err) {
      return { ok: false, provider: 'replicate', error: asStudioError('replicate', err, opts.signal).toInfo() };
    }
  }
}

/** Replicate answers errors as problem+json: {title, detail, status}. */
export function classifyReplicate(f: HttpFailure): StudioError {
  const body = f.json as { detail?: unknown; title?: string } | null;
  const detail = typeof body?.detail === 'string' ? body.detail : body?.detail ? JSON.stringify(body.detail) : f.text || `HTTP ${f.status}`;
  if (f.status === 401 || f.status === 403) return authFailed('replicate', detail);
  if (f.status === 402) return quotaExceeded('replicate', `${detail} (billing)`, null);
  if (f.status === 404) return modelUnavailable('replicate', /models\/([^/]+\/[^/]+)/.exec(f.url)?.[1] ?? 'requested model', detail);
  if (f.status === 422) return badRequest('replicate', detail);
  return classifyStatus(f, detail);
}

function isTerminal(status: Prediction['status']): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'canceled';
}

function predictionError(p: Prediction): StudioError {
  const message = typeof p.error === 'string' ? p.error : p.error ? JSON.stringify(p.error) : 'the prediction failed without a message.';
  if (/nsfw|sensitive|flagged|safety|E005|content policy|moderation/i.test(message)) return contentFiltered('replicate', message);
  return providerFailed('replicate', message, /timed out|out of memory|cuda|internal/i.test(message));
}

/** Outputs are a URL, a list of URLs, or an object holding them: take every URL, in order. */
export function outputUrls(output: unknown): string[] {
  if (typeof output === 'string') return /^(https?|data):/.test(output) ? [output] : [];
  if (Array.isArray(output)) return output.flatMap(outputUrls);
  if (output && typeof output === 'object') return Object.values(output).flatMap(outputUrls);
  return [];
}
