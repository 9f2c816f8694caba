import fs from 'node:fs';
import path from 'node:path';
import { GoogleGenAI, type Content, type GenerateContentConfig, type GenerateContentResponse, type GenerateVideosOperation } from '@google/genai';
import { z } from 'zod';
import type { StudioError } from '../../../shared/errors.js';
import { geminiConfigSchema, type GeminiConfig, type GeminiConfigInput } from './config.js';
import { asStudioError, authFailed, canceled, classifyStatus, contentFiltered, modelUnavailable, providerFailed, providerFailedBecause, quotaExceeded, timedOut, type HttpFailure } from './errors.js';
import { createFetch, sleep, type GatewayRoute } from './http.js';
import { generateStructured, toJsonSchema } from './structured.js';
import { textStream } from './stream.js';
import { inputImages } from './types.js';
import type {
  AspectRatio,
  CallOptions,
  ConnectionReport,
  GeneratedImage,
  ImageRequest,
  ImageResult,
  Capability,
  ModelInfo,
  Provider,
  ProviderHooks,
  SpeechRequest,
  SpeechResult,
  StructuredRequest,
  StructuredResult,
  TextRequest,
  TextResult,
  TextStream,
  VideoRequest,
  VideoResult,
} from './types.js';
import { pcmToWav, sampleRateOf } from './wav.js';
import { progressLabel } from '../../../shared/progress-labels.js';
import { findModel } from '../../../shared/models.js';
import type { ModelReplacement } from '../../../shared/providers.js';
import { checkCatalogue, GEMINI_DEFAULTS as DEFAULTS, GEMINI_MODELS, pickModel, SPEECH_LANGUAGES } from './gemini-models.js';

/**
 * Google's Gemini API through `@google/genai`: text and structured output,
 * Gemini image models (and Imagen, for a key that still has it), Veo clips
 * (a long-running operation we poll, then download) and Gemini TTS. Which
 * model each call uses comes from the catalogue (gemini-models.ts). The SDK
 * does the wire format; our fetch (http.ts) does retries, deadlines,
 * idempotency keys and error mapping.
 */

export { GEMINI_MODELS } from './gemini-models.js';

const imagenResponseSchema = z.object({
  predictions: z.array(z.object({ bytesBase64Encoded: z.string().optional(), mimeType: z.string().optional(), raiFilteredReason: z.string().optional() }).loose()).optional(),
});

/** Finish reasons that mean "stopped by a filter", not "done". */
const FILTER_FINISH = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT']);

/** Veo gives no progress; this is how long a clip usually takes, for a believable bar. */
const VEO_TYPICAL_MS = 90_000;

export class GeminiProvider implements Provider {
  readonly id = 'gemini' as const;
  readonly label = 'Google Gemini';
  readonly local = false;
  readonly config: GeminiConfig;
  readonly text = { generateText: this.generateText.bind(this), streamText: this.streamText.bind(this) };
  readonly structured = { generateObject: this.generateObject.bind(this) };
  readonly image = { generateImage: this.generateImage.bind(this) };
  readonly video = { generateVideo: this.generateVideo.bind(this) };
  readonly speech = { synthesize: this.synthesize.bind(this) };

  private readonly told = new Set<string>();

  /** `gateway`: the calls go through the KingJam cloud gateway (the `cloud` provider) instead of to Google. */
  constructor(
    config: GeminiConfigInput,
    private readonly hooks: ProviderHooks = {},
    private readonly gateway?: GatewayRoute,
  ) {
    this.config = geminiConfigSchema.parse(config);
  }

  /** The model a call goes to; a replacement is told to the job once per model. */
  private model(capability: Capability, requested: string | undefined, fallback: string): string {
    return pickModel(capability, requested, fallback, this.config.replacements, (r: ModelReplacement) => {
      if (this.told.has(r.from)) return;
      this.told.add(r.from);
      this.hooks.onModelReplaced?.(r);
    });
  }

  models(): ModelInfo[] {
    return GEMINI_MODELS.map((m) => ({ ...m }));
  }

  /** A client per call: each call may carry its own deadline. */
  private client(timeoutMs?: number): GoogleGenAI {
    const fetch = createFetch({ provider: 'gemini', timeoutMs: timeoutMs ?? this.config.timeoutMs, retry: this.config.retry, classify: classifyGemini, ...(this.gateway ? { gateway: this.gateway } : {}) });
    return new GoogleGenAI({
      apiKey: this.config.apiKey,
      httpOptions: { apiVersion: this.config.apiVersion, fetch, ...(this.config.baseUrl ? { baseUrl: this.config.baseUrl } : {}) },
    });
  }

  async generateText(req: TextRequest, opts: CallOptions = {}): Promise<TextResult> {
    const model = this.model('text', req.model, DEFAULTS.text);
    try {
      const res = await this.client(opts.timeoutMs).models.generateContent({ model, contents: toContents(req.prompt), config: textConfig(model, req, opts) });
      const text = answerText(res);
      return { provider: 'gemini', model: res.modelVersion ?? model, text, finishReason: res.candidates?.[0]?.finishReason ?? 'STOP', usage: usageOf(res), draft: false };
    } catch (err) {
      throw asStudioError('gemini', err, opts.signal);
    }
  }

  streamText(req: TextRequest, opts: CallOptions = {}): TextStream {
    const model = this.model('text', req.model, DEFAULTS.text);
    const client = this.client(opts.timeoutMs);
    return textStream(async function* () {
      let last: GenerateContentResponse | undefined;
      try {
        const stream = await client.models.generateContentStream({ model, contents: toContents(req.prompt), config: textConfig(model, req, opts) });
        for await (const chunk of stream) {
          last = chunk;
          const delta = answerText(chunk, true);
          if (delta) yield delta;
        }
      } catch (err) {
        throw asStudioError('gemini', err, opts.signal);
      }
      return { provider: 'gemini' as const, model: last?.modelVersion ?? model, finishReason: last?.candidates?.[0]?.finishReason ?? 'STOP', usage: last ? usageOf(last) : {}, draft: false };
    });
  }

  async generateObject<T>(req: StructuredRequest<T>, opts: CallOptions = {}): Promise<StructuredResult<T>> {
    const model = this.model('structured', req.model, DEFAULTS.text);
    const jsonSchema = toJsonSchema(req.schema);
    const client = this.client(opts.timeoutMs);
    return generateStructured('gemini', req, async (prompt) => {
      try {
        const res = await client.models.generateContent({
          model,
          contents: toContents(prompt),
          config: { ...textConfig(model, req, opts), responseMimeType: 'application/json', responseJsonSchema: jsonSchema },
        });
        return { text: answerText(res), model: res.modelVersion ?? model, usage: usageOf(res) };
      } catch (err) {
        throw asStudioError('gemini', err, opts.signal);
      }
    });
  }

  async generateImage(req: ImageRequest, opts: CallOptions = {}): Promise<ImageResult> {
    const model = this.model('image', req.model, req.quality === 'fine' ? DEFAULTS.imageFine : DEFAULTS.image);
    try {
      const images = model.startsWith('gemini-') ? await this.nativeImage(model, req, opts) : await this.imagen(model, req, opts);
      return { provider: 'gemini', model, images, draft: false };
    } catch (err) {
      throw asStudioError('gemini', err, opts.signal);
    }
  }

  /**
   * Imagen over REST (`models/{model}:predict`), only for an Imagen id the
   * catalogue does not know (the defaults are Gemini image models). The SDK's
   * generateImages is Vertex-only since 2.x, so this call uses our fetch directly.
   */
  private async imagen(model: string, req: ImageRequest, opts: CallOptions): Promise<GeneratedImage[]> {
    const fetch = createFetch({ provider: 'gemini', timeoutMs: opts.timeoutMs ?? this.config.timeoutMs, retry: this.config.retry, classify: classifyGemini, ...(this.gateway ? { gateway: this.gateway } : {}) });
    const base = (this.config.baseUrl ?? 'https://generativelanguage.googleapis.com').replace(/\/+$/, '');
    const body = {
      instances: [{ prompt: req.prompt }],
      parameters: {
        sampleCount: req.count ?? 1,
        aspectRatio: imagenAspect(req.aspectRatio ?? '1:1'),
        personGeneration: 'allow_adult',
        includeRaiReason: true,
        outputOptions: { mimeType: 'image/png' },
        ...(req.negativePrompt ? { negativePrompt: req.negativePrompt } : {}),
        ...(req.seed !== undefined ? { seed: req.seed, addWatermark: false } : {}),
      },
    };
    const res = await fetch(`${base}/${this.config.apiVersion}/models/${encodeURIComponent(model)}:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': this.config.apiKey },
      body: JSON.stringify(body),
      signal: opts.signal ?? null,
    });
    const parsed = imagenResponseSchema.safeParse(await res.json());
    if (!parsed.success) throw providerFailedBecause('gemini', 'badFormat', true);
    const predictions = parsed.data.predictions ?? [];
    const images = predictions.flatMap((p) => (p.bytesBase64Encoded ? [{ bytes: Buffer.from(p.bytesBase64Encoded, 'base64'), mimeType: p.mimeType ?? 'image/png' }] : []));
    if (images.length === 0) {
      const reasons = predictions.map((p) => p.raiFilteredReason).filter((r): r is string => !!r);
      throw contentFiltered('gemini', reasons.length ? reasons.join('; ') : 'no image came back (the prompt was most likely filtered).');
    }
    return images;
  }

  /**
   * Gemini's own image models ("gemini-3.1-flash-image") answer generateContent
   * with inline image parts. Input images go first as inline parts, the prompt
   * after them (the order the image-editing guide uses); the seed goes in the
   * generation config, where the model makes a best effort to repeat itself.
   */
  private async nativeImage(model: string, req: ImageRequest, opts: CallOptions): Promise<GeneratedImage[]> {
    const inputs = inputImages(req);
    const contents: Content[] = inputs.length ? [{ role: 'user', parts: [...inputs.map((img) => ({ inlineData: { mimeType: img.mimeType, data: img.bytes.toString('base64') } })), { text: req.prompt }] }] : toContents(req.prompt);
    const res = await this.client(opts.timeoutMs).models.generateContent({
      model,
      contents,
      config: {
        responseModalities: ['IMAGE', 'TEXT'],
        imageConfig: { aspectRatio: req.aspectRatio ?? '1:1' },
        ...(req.seed !== undefined ? { seed: req.seed } : {}),
        ...(opts.signal ? { abortSignal: opts.signal } : {}),
      },
    });
    checkFiltered(res);
    const parts = res.candidates?.[0]?.content?.parts ?? [];
    const images = parts.flatMap((p) => (p.inlineData?.data ? [{ bytes: Buffer.from(p.inlineData.data, 'base64'), mimeType: p.inlineData.mimeType ?? 'image/png' }] : []));
    if (images.length === 0) throw contentFiltered('gemini', 'the model answered without an image.');
    return images;
  }

  async generateVideo(req: VideoRequest, opts: CallOptions = {}): Promise<VideoResult> {
    const model = this.model('video', req.model, DEFAULTS.video);
    const client = this.client(opts.timeoutMs);
    const started = Date.now();
    try {
      let op: GenerateVideosOperation = await client.models.generateVideos({
        model,
        source: { prompt: req.prompt, ...(req.image ? { image: { imageBytes: req.image.bytes.toString('base64'), mimeType: req.image.mimeType } } : {}) },
        config: {
          numberOfVideos: 1,
          aspectRatio: req.aspectRatio === '9:16' ? '9:16' : '16:9',
          ...(req.resolution ? { resolution: req.resolution } : {}),
          ...(req.durationSec ? { durationSeconds: req.durationSec } : {}),
          ...(req.negativePrompt ? { negativePrompt: req.negativePrompt } : {}),
          ...(opts.signal ? { abortSignal: opts.signal } : {}),
        },
      });
      opts.onProgress?.(0.02, progressLabel('queuedAt', { service: 'Veo' }));
      while (!op.done) {
        if (Date.now() - started > this.config.videoTimeoutMs) throw timedOut('gemini', this.config.videoTimeoutMs);
        // The Gemini API has no cancel for Veo operations: on abort we stop polling (and are not charged for the download).
        await sleep(this.config.pollIntervalMs, opts.signal);
        op = await client.operations.getVideosOperation({ operation: op, ...(opts.signal ? { config: { abortSignal: opts.signal } } : {}) });
        opts.onProgress?.(Math.min(0.9, 0.02 + (Date.now() - started) / VEO_TYPICAL_MS), progressLabel('renderingAt', { service: 'Veo' }));
      }
      if (op.error) throw operationError(op.error, model);
      const filtered = op.response?.raiMediaFilteredReasons ?? [];
      const video = op.response?.generatedVideos?.[0];
      if (!video?.video) throw contentFiltered('gemini', filtered.length ? filtered.join('; ') : 'no video came back (the prompt was most likely filtered).');
      opts.onProgress?.(0.92, progressLabel('downloading'));
      await fs.promises.mkdir(path.dirname(req.outPath), { recursive: true });
      const part = `${req.outPath}.part`;
      try {
        // Downloads get a long deadline: a clip is tens of megabytes.
        const downloader = this.client(Math.max(this.config.timeoutMs, 600_000));
        await raceAbort(downloader.files.download({ file: video, downloadPath: part, ...(opts.signal ? { config: { abortSignal: opts.signal } } : {}) }), opts.signal);
        await fs.promises.rename(part, req.outPath);
      } finally {
        await fs.promises.rm(part, { force: true });
      }
      opts.onProgress?.(1, progressLabel('done'));
      return { kind: 'video', provider: 'gemini', model, path: req.outPath, mimeType: video.video.mimeType ?? 'video/mp4', durationSec: req.durationSec ?? 8, draft: false };
    } catch (err) {
      throw asStudioError('gemini', err, opts.signal);
    }
  }

  async synthesize(req: SpeechRequest, opts: CallOptions = {}): Promise<SpeechResult> {
    const model = this.model('speech', req.model, DEFAULTS.speech);
    const language = req.language ? SPEECH_LANGUAGES[req.language] : undefined;
    try {
      const res = await this.client(opts.timeoutMs).models.generateContent({
        model,
        contents: toContents(language?.direction ? `${language.direction}\n${req.text}` : req.text),
        config: {
          responseModalities: ['AUDIO'],
          speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: req.voice ?? language?.voice ?? DEFAULTS.voice } }, ...(language ? { languageCode: language.code } : {}) },
          ...(opts.signal ? { abortSignal: opts.signal } : {}),
        },
      });
      checkFiltered(res);
      const part = res.candidates?.[0]?.content?.parts?.find((p) => p.inlineData?.data);
      if (!part?.inlineData?.data) throw providerFailedBecause('gemini', 'noAudio', true);
      const rate = sampleRateOf(part.inlineData.mimeType);
      const pcm = Buffer.from(part.inlineData.data, 'base64');
      await fs.promises.mkdir(path.dirname(req.outPath), { recursive: true });
      await fs.promises.writeFile(req.outPath, pcmToWav(pcm, rate));
      return { provider: 'gemini', model, path: req.outPath, mimeType: 'audio/wav', durationSec: pcm.length / 2 / rate, draft: false };
    } catch (err) {
      throw asStudioError('gemini', err, opts.signal);
    }
  }

  async testConnection(opts: CallOptions = {}): Promise<ConnectionReport> {
    try {
      const pager = await this.client(opts.timeoutMs ?? 20_000).models.list({ config: { pageSize: 100, ...(opts.signal ? { abortSignal: opts.signal } : {}) } });
      const names = new Set<string>();
      for await (const m of pager) if (m.name) names.add(m.name.replace(/^models\//, ''));
      const { models, replaced } = checkCatalogue(names);
      return { ok: true, provider: 'gemini', models, replaced, detail: `${names.size} models on this key` };
    } catch (err) {
      return { ok: false, provider: 'gemini', error: asStudioError('gemini', err, opts.signal).toInfo() };
    }
  }
}

/** Gemini's error body: {"error":{"code","message","status"}}. A bad key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID. */
export function classifyGemini(f: HttpFailure): StudioError {
  const body = (f.json as { error?: { message?: string; status?: string; details?: { reason?: string }[] } } | null)?.error;
  const message = body?.message ?? (f.text || `HTTP ${f.status}`);
  const status = body?.status ?? '';
  const reason = body?.details?.find((d) => d.reason)?.reason ?? '';
  if (reason === 'API_KEY_INVALID' || /api key not valid|api_key_invalid/i.test(message) || status === 'UNAUTHENTICATED' || status === 'PERMISSION_DENIED') return authFailed('gemini', message);
  if (status === 'RESOURCE_EXHAUSTED') return quotaExceeded('gemini', message, f.retryAfterMs);
  if (status === 'NOT_FOUND') return modelUnavailable('gemini', modelOf(f.url), message);
  return classifyStatus(f, message, f.status === 404 ? modelOf(f.url) : undefined);
}

function modelOf(url: string): string {
  return /models\/([^:/?]+)/.exec(url)?.[1] ?? 'requested model';
}

function toContents(prompt: string | TextRequest['prompt']): Content[] {
  if (typeof prompt === 'string') return [{ role: 'user', parts: [{ text: prompt }] }];
  return prompt.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }));
}

/**
 * Sampling parameters (temperature, top_p, top_k) go only to models that take
 * them: the catalogue marks those that refuse them (3.6+ and the moving
 * aliases); a newer id it does not know yet is judged by its version.
 */
function takesSampling(model: string): boolean {
  const entry = findModel('gemini', model);
  if (entry) return !entry.noSampling;
  const version = /^gemini-(\d+)\.(\d+)/.exec(model);
  return !version || Number(version[1]) * 100 + Number(version[2]) < 306;
}

function textConfig(model: string, req: Omit<TextRequest, 'prompt'>, opts: CallOptions): GenerateContentConfig {
  const sampling = takesSampling(model);
  return {
    ...(req.system ? { systemInstruction: req.system } : {}),
    ...(sampling && req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.maxOutputTokens !== undefined ? { maxOutputTokens: req.maxOutputTokens } : {}),
    ...(opts.signal ? { abortSignal: opts.signal } : {}),
  };
}

/** The answer's text (thought summaries left out), after checking it was not blocked. */
function answerText(res: GenerateContentResponse, partial = false): string {
  checkFiltered(res, partial);
  const parts = res.candidates?.[0]?.content?.parts ?? [];
  return parts
    .filter((p) => !p.thought && typeof p.text === 'string')
    .map((p) => p.text)
    .join('');
}

function checkFiltered(res: GenerateContentResponse, partial = false): void {
  const block = res.promptFeedback?.blockReason;
  if (block) throw contentFiltered('gemini', `the prompt was blocked (${block}${res.promptFeedback?.blockReasonMessage ? `: ${res.promptFeedback.blockReasonMessage}` : ''}).`);
  const candidate = res.candidates?.[0];
  const finish = candidate?.finishReason;
  if (finish && FILTER_FINISH.has(finish)) {
    const flagged = (candidate.safetyRatings ?? []).filter((r) => r.blocked).map((r) => `${r.category ?? 'unknown'}${r.probability ? ` (${r.probability})` : ''}`);
    throw contentFiltered('gemini', `the answer was stopped (${finish}${flagged.length ? `: ${flagged.join(', ')}` : ''}).`);
  }
  if (!partial && !candidate) throw providerFailedBecause('gemini', 'noAnswer', true);
}

function usageOf(res: GenerateContentResponse): TextResult['usage'] {
  const u = res.usageMetadata;
  return { ...(u?.promptTokenCount !== undefined ? { inputTokens: u.promptTokenCount } : {}), ...(u?.candidatesTokenCount !== undefined ? { outputTokens: u.candidatesTokenCount } : {}) };
}

/** Imagen knows 1:1, 3:4, 4:3, 9:16 and 16:9; 4:5 is rendered at 3:4 and cropped by the caller. */
function imagenAspect(a: AspectRatio): string {
  return a === '4:5' ? '3:4' : a;
}

function operationError(error: Record<string, unknown>, model: string): StudioError {
  const message = typeof error.message === 'string' ? error.message : JSON.stringify(error);
  const code = typeof error.code === 'number' ? error.code : 0;
  if (/safety|filtered|blocked|responsible ai|sensitive/i.test(message)) return contentFiltered('gemini', message);
  if (code === 8) return quotaExceeded('gemini', message, null);
  if (code === 5) return modelUnavailable('gemini', model, message);
  return providerFailed('gemini', message, code === 13 || code === 14);
}

/** The SDK's download pipes without propagating a body error to the file; stop waiting when the job is canceled. */
function raceAbort<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      if (signal.aborted) reject(canceled(signal));
      signal.addEventListener('abort', () => reject(canceled(signal)), { once: true });
    }),
  ]);
}
