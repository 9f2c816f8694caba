import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../../../shared/errors.js';
import { canceled, providerFailedBecause } from '../errors.js';
import { check, toJsonSchema } from '../structured.js';
import { textStream } from '../stream.js';
import type {
  CallOptions,
  ConnectionReport,
  ImageRequest,
  ImageResult,
  ModelInfo,
  Provider,
  StructuredRequest,
  StructuredResult,
  TextRequest,
  TextResult,
  TextStream,
  VideoRequest,
  VideoResult,
} from '../types.js';
import { renderDesign } from './image.js';
import { fillSchema, type ObjectTemplate } from './structured.js';
import { draftFor, languageOf, topicOf } from './text.js';
import { progressLabel } from '../../../../shared/progress-labels.js';
import { say } from '../../../../shared/messages.js';

/**
 * The embedded default: no network, no key, no cost, and the same output for
 * the same request. Text comes from templates, images are designed
 * procedurally, and video scenes are those images handed to the compositor
 * as stills. Everything is marked `draft: true` and visibly labelled, so a
 * draft is never mistaken for (or published as) finished work.
 */

export const OFFLINE_MODEL = 'offline-templates-v1';

export class OfflineProvider implements Provider {
  readonly id = 'offline' as const;
  readonly label = 'Offline drafts';
  readonly local = true;
  readonly text = { generateText: this.generateText.bind(this), streamText: this.streamText.bind(this) };
  readonly structured = { generateObject: this.generateObject.bind(this) };
  readonly image = { generateImage: this.generateImage.bind(this) };
  readonly video = { generateVideo: this.generateVideo.bind(this) };
  private readonly templates = new Map<string, ObjectTemplate>();

  /** A shape-specific draft for a schema name (e.g. the Director's scenes); its output is still validated. */
  registerTemplate(schemaName: string, template: ObjectTemplate): void {
    this.templates.set(schemaName, template);
  }

  models(): ModelInfo[] {
    return [
      { id: OFFLINE_MODEL, capability: 'text', label: 'Template drafts', available: true },
      { id: 'offline-design-v1', capability: 'image', label: 'Procedural designs', available: true },
      { id: 'offline-stills-v1', capability: 'video', label: 'Still scenes (Ken Burns)', available: true },
    ];
  }

  async generateText(req: TextRequest, opts: CallOptions = {}): Promise<TextResult> {
    return this.streamText(req, opts).result();
  }

  streamText(req: TextRequest, opts: CallOptions = {}): TextStream {
    const prompt = promptText(req.prompt);
    return textStream(async function* () {
      const draft = draftFor(req.brief, prompt);
      // Paragraph by paragraph, so a streaming preview behaves as it does with a model.
      for (const piece of draft.text.split(/(?<=\n\n)/)) {
        if (opts.signal?.aborted) throw canceled(opts.signal);
        yield piece;
      }
      return { provider: 'offline' as const, model: OFFLINE_MODEL, finishReason: 'STOP', usage: {}, draft: true };
    });
  }

  async generateObject<T>(req: StructuredRequest<T>, opts: CallOptions = {}): Promise<StructuredResult<T>> {
    if (opts.signal?.aborted) throw canceled(opts.signal);
    const template = this.templates.get(req.schemaName);
    const value = template ? template(req.brief, req.prompt) : fillSchema(toJsonSchema(req.schema), req.brief, req.prompt);
    const raw = JSON.stringify(value);
    const checked = check(req.schema, raw);
    if (!checked.ok) {
      throw new StudioError({
        code: 'MODEL_OUTPUT_INVALID',
        message: `The offline provider cannot draft a valid ${req.schemaName}: ${checked.problem}`,
        hint: 'Use a model provider for this step (the offline drafts cover common shapes only).',
        ...say('provider.offlineCannotDraft', { schema: req.schemaName }),
      });
    }
    return { provider: 'offline', model: OFFLINE_MODEL, value: checked.value, raw, repaired: false, usage: {}, draft: true };
  }

  async generateImage(req: ImageRequest, opts: CallOptions = {}): Promise<ImageResult> {
    const count = req.count ?? 1;
    const images = [];
    for (let i = 0; i < count; i++) {
      if (opts.signal?.aborted) throw canceled(opts.signal);
      const design = {
        headline: req.brief?.headline ?? topicOf(req.brief, req.prompt),
        language: languageOf(req.brief, req.prompt),
        aspectRatio: req.aspectRatio ?? '1:1',
        quality: req.quality ?? 'standard',
        seed: `${req.seed ?? req.prompt}#${i}`,
        ...(req.brief?.subtitle ? { subtitle: req.brief.subtitle } : {}),
      } as const;
      const { bytes, width, height } = await renderDesign(design);
      images.push({ bytes, mimeType: 'image/png', width, height });
    }
    return { provider: 'offline', model: 'offline-design-v1', images, draft: true };
  }

  /** A scene as a still (PNG) the compositor animates; an `outPath` ending in a video extension is written as .png beside it. */
  async generateVideo(req: VideoRequest, opts: CallOptions = {}): Promise<VideoResult> {
    opts.onProgress?.(0.1, progressLabel('designingScene'));
    const [image] = (await this.generateImage({ prompt: req.prompt, aspectRatio: req.aspectRatio ?? '9:16', quality: req.resolution === '1080p' ? 'fine' : 'standard', ...(req.seed !== undefined ? { seed: req.seed } : {}), ...(req.brief ? { brief: req.brief } : {}) }, opts)).images;
    if (!image) throw providerFailedBecause('offline', 'noImage');
    const out = /\.(png)$/i.test(req.outPath) ? req.outPath : req.outPath.replace(/\.[^./\\]+$/, '') + '.png';
    await fs.promises.mkdir(path.dirname(out), { recursive: true });
    await fs.promises.writeFile(out, image.bytes);
    opts.onProgress?.(1, progressLabel('done'));
    return { kind: 'still', provider: 'offline', model: 'offline-stills-v1', path: out, mimeType: 'image/png', durationSec: req.durationSec ?? 5, draft: true };
  }

  async testConnection(): Promise<ConnectionReport> {
    return { ok: true, provider: 'offline', models: this.models(), detail: 'Always available; output is labelled as a draft.' };
  }
}

function promptText(prompt: TextRequest['prompt']): string {
  if (typeof prompt === 'string') return prompt;
  return [...prompt].reverse().find((m) => m.role === 'user')?.content ?? '';
}
