import Replicate, { parseProgressFromLogs, type Prediction } from 'replicate';
import { StudioError } from '../../../shared/errors.js';
import { replicateConfigSchema, type ReplicateConfig, type ReplicateConfigInput } from './config.js';
import { asStudioError, authFailed, badRequest, canceled, classifyStatus, contentFiltered, modelUnavailable, providerFailed, providerFailedBecause, quotaExceeded, timedOut, type HttpFailure } from './errors.js';
import { createFetch, downloadTo, sleep, type FetchLike, type GatewayRoute } from './http.js';
import type { CallOptions, ConnectionReport, GeneratedImage, ImageRequest, ImageResult, ModelInfo, Provider, VideoRequest, VideoResult } from './types.js';
import { progressLabel } from '../../../shared/progress-labels.js';
import { REPLICATE_DEFAULTS, replicateModels, resolveReplicateModel } from './replicate-models.js';
import { PredictionCreator } from './replicate-predictions.js';
import { ReplicateText } from './replicate-text.js';

/**
 * Replicate through the `replicate` SDK: the catalogue's Replicate models
 * (replicate-models.ts) — Kling v2.1, Veo 3.1, Seedream 4, FLUX, and a
 * language model for text and structured output (replicate-text.ts). A
 * prediction is created exactly once (replicate-predictions.ts), polled
 * (webhooks need a public URL a desktop does not have), its output
 * downloaded; a canceled job cancels the prediction so the user is not
 * billed for the rest of it.
 */
export class ReplicateProvider implements Provider {
  readonly id = 'replicate' as const;
  readonly label = 'Replicate';
  readonly local = false;
  readonly config: ReplicateConfig;
  readonly image = { generateImage: this.generateImage.bind(this) };
  readonly video = { generateVideo: this.generateVideo.bind(this) };
  readonly text: ReplicateText;
  readonly structured: { generateObject: ReplicateText['generateObject'] };
  private readonly creator: PredictionCreator;

  /** `gateway`: the calls go through the KingJam cloud gateway (the `cloud` provider) instead of to Replicate. */
  constructor(
    config: ReplicateConfigInput,
    private readonly gateway?: GatewayRoute,
  ) {
    this.config = replicateConfigSchema.parse(config);
    this.creator = new PredictionCreator(this.config, classifyReplicate, gateway);
    const text = new ReplicateText(
      (ref, input, opts, onPoll) => this.run(ref, input, opts, Math.min(this.config.pollIntervalMs, 1000), onPoll),
      (model) => resolveReplicateModel(model ?? REPLICATE_DEFAULTS.text, 'text').ref,
    );
    this.text = text;
    this.structured = { generateObject: text.generateObject.bind(text) };
  }

  models(): ModelInfo[] {
    return replicateModels();
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
    try {
      const entry = resolveReplicateModel(req.model ?? (req.quality === 'fine' ? REPLICATE_DEFAULTS.imageFine : REPLICATE_DEFAULTS.image), 'image');
      const prediction = await this.run(entry.ref, entry.input(req, entry.pro), opts);
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
    try {
      const entry = resolveReplicateModel(req.model ?? REPLICATE_DEFAULTS.video, 'video');
      const prediction = await this.run(entry.ref, entry.input(req, entry.pro), opts);
      const url = outputUrls(prediction.output).find((u) => /\.(mp4|mov|webm)(\?|$)/i.test(u)) ?? outputUrls(prediction.output)[0];
      if (!url) throw providerFailedBecause('replicate', 'noVideo', true);
      opts.onProgress?.(0.95, progressLabel('downloading'));
      const { mimeType } = await downloadTo(this.fetch(Math.max(this.config.timeoutMs, 600_000)), url, req.outPath, opts.signal);
      opts.onProgress?.(1, progressLabel('done'));
      const durationSec = entry.clipSeconds?.(req);
      return { kind: 'video', provider: 'replicate', model: entry.id, path: req.outPath, mimeType: mimeType.startsWith('video/') ? mimeType : 'video/mp4', ...(durationSec !== undefined ? { durationSec } : {}), draft: false };
    } catch (err) {
      throw asStudioError('replicate', err, opts.signal);
    }
  }

  /** Creates the prediction (once: see replicate-predictions.ts) and polls it to the end; on abort, cancels it at Replicate before giving up. */
  private async run(ref: string, input: Record<string, unknown>, opts: CallOptions, pollMs = this.config.pollIntervalMs, onPoll?: (p: Prediction) => void): Promise<Prediction> {
    const client = this.client(opts.timeoutMs);
    let prediction = await this.creator.create({ ref, input, ...(this.config.webhookUrl ? { webhook: this.config.webhookUrl } : {}) }, opts);
    const started = Date.now();
    opts.onProgress?.(0.02, progressLabel('queuedAt', { service: 'Replicate' }));
    try {
      while (!isTerminal(prediction.status)) {
        if (Date.now() - started > this.config.predictionTimeoutMs) throw timedOut('replicate', this.config.predictionTimeoutMs);
        await sleep(pollMs, opts.signal);
        prediction = await client.predictions.get(prediction.id, opts.signal ? { signal: opts.signal } : {});
        onPoll?.(prediction);
        const parsed = parseProgressFromLogs(prediction);
        opts.onProgress?.(parsed ? 0.05 + parsed.percentage * 0.85 : Math.min(0.85, 0.05 + (Date.now() - started) / 300_000), progressLabel(prediction.status === 'starting' ? 'starting' : 'generating'));
      }
    } catch (err) {
      const abandoned = opts.signal?.aborted || (err instanceof StudioError && err.code === 'PROVIDER_TIMEOUT');
      if (abandoned) await this.creator.cancel(prediction.id);
      throw err;
    }
    if (prediction.status === 'failed') throw predictionError(prediction);
    if (prediction.status === 'canceled') throw canceled(opts.signal);
    return prediction;
  }

  async testConnection(opts: CallOptions = {}): Promise<ConnectionReport> {
    const client = this.client(opts.timeoutMs ?? 20_000);
    const signal = opts.signal ? { signal: opts.signal } : {};
    try {
      const account = await client.accounts.current(signal);
      const models = replicateModels();
      const refs = [...new Set(models.map((m) => m.id))];
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
      return { ok: true, provider: 'replicate', models: models.map((m) => ({ ...m, available: available.get(m.id) ?? false })), detail: `Signed in as ${account.username}` };
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
