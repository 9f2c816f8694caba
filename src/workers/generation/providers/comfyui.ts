import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { z } from 'zod';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { comfyuiConfigSchema, type ComfyUIConfig, type ComfyUIConfigInput, type ComfyWorkflow } from './config.js';
import { fillImageNodes, fillWorkflow, imageNodes, sizeFor, type WorkflowValues } from './comfyui-workflow.js';
import { asStudioError, canceled, classifyStatus, notConfigured, providerFailed, providerFailedBecause, timedOut, unreachable, type HttpFailure } from './errors.js';
import { createFetch, sleep, type FetchLike } from './http.js';
import { inputImages, type CallOptions, type ConnectionReport, type GeneratedImage, type ImageRequest, type ImageResult, type ModelInfo, type Provider, type ProviderHooks, type VideoRequest, type VideoResult } from './types.js';
import { carryAdapters } from './comfyui-ipadapter.js';
import { progressLabel, type ProgressLabel } from '../../../shared/progress-labels.js';

/**
 * A ComfyUI server the user runs (usually on this machine): their own
 * workflows, their GPU, no credits. We upload the input image, queue the
 * filled workflow, follow it on the WebSocket for progress, then fetch the
 * outputs from history; a canceled job interrupts the run and removes it
 * from the queue.
 */

const fileRef = z.object({ filename: z.string(), subfolder: z.string().default(''), type: z.string().default('output') }).loose();
type FileRef = z.infer<typeof fileRef>;
const historySchema = z.record(
  z.string(),
  z.object({
    outputs: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    status: z.object({ status_str: z.string().optional(), completed: z.boolean().optional(), messages: z.array(z.unknown()).optional() }).loose().optional(),
  }).loose(),
);
const queued = z.object({ prompt_id: z.string(), number: z.number().optional() }).loose();
const wsMessage = z.object({ type: z.string(), data: z.record(z.string(), z.unknown()).default({}) });

const VIDEO_EXT = /\.(mp4|webm|mov|mkv|gif)$/i;

export class ComfyUIProvider implements Provider {
  readonly id = 'comfyui' as const;
  readonly label = 'ComfyUI (local)';
  readonly local = true;
  readonly config: ComfyUIConfig;
  readonly image = { generateImage: this.generateImage.bind(this) };
  readonly video = { generateVideo: this.generateVideo.bind(this) };

  constructor(config: ComfyUIConfigInput = {}, private readonly hooks: ProviderHooks = {}) {
    this.config = comfyuiConfigSchema.parse(config);
  }

  models(): ModelInfo[] {
    const out: ModelInfo[] = [];
    if (this.config.workflows.image) out.push({ id: 'workflow:image', capability: 'image', label: 'Your image workflow' });
    if (this.config.workflows.video) out.push({ id: 'workflow:video', capability: 'video', label: 'Your video workflow' });
    return out;
  }

  private fetch(timeoutMs?: number): FetchLike {
    return createFetch({ provider: 'comfyui', timeoutMs: timeoutMs ?? this.config.timeoutMs, retry: this.config.retry, classify: classifyComfy });
  }

  private url(p: string): string {
    return `${this.config.baseUrl.replace(/\/+$/, '')}${p}`;
  }

  async generateImage(req: ImageRequest, opts: CallOptions = {}): Promise<ImageResult> {
    const workflow = this.config.workflows.image;
    if (!workflow) throw this.config.workflowErrors.image ?? notConfigured('comfyui', 'imageWorkflow');
    try {
      const files = await this.run(workflow, req, opts);
      const images: GeneratedImage[] = [];
      for (const f of files.filter((x) => !VIDEO_EXT.test(x.filename)).slice(0, req.count ?? Infinity)) {
        const res = await this.fetch()(this.viewUrl(f), { signal: opts.signal ?? null });
        images.push({ bytes: Buffer.from(await res.arrayBuffer()), mimeType: res.headers.get('content-type') ?? 'image/png' });
      }
      if (images.length === 0) throw providerFailedBecause('comfyui', 'noFileSaved');
      return { provider: 'comfyui', model: 'workflow:image', images, draft: false };
    } catch (err) {
      throw asStudioError('comfyui', err, opts.signal);
    }
  }

  async generateVideo(req: VideoRequest, opts: CallOptions = {}): Promise<VideoResult> {
    const workflow = this.config.workflows.video;
    if (!workflow) throw this.config.workflowErrors.video ?? notConfigured('comfyui', 'videoWorkflow');
    try {
      const files = await this.run(workflow, { ...req, quality: req.resolution === '1080p' ? 'fine' : 'standard' }, opts);
      const file = files.find((f) => VIDEO_EXT.test(f.filename)) ?? files[0];
      if (!file) throw providerFailedBecause('comfyui', 'noFileSaved');
      const res = await this.fetch(Math.max(this.config.timeoutMs, 600_000))(this.viewUrl(file), { signal: opts.signal ?? null });
      await fs.promises.mkdir(path.dirname(req.outPath), { recursive: true });
      await fs.promises.writeFile(req.outPath, Buffer.from(await res.arrayBuffer()));
      const mimeType = res.headers.get('content-type') ?? 'application/octet-stream';
      opts.onProgress?.(1, progressLabel('done'));
      // A workflow that only renders a still hands the compositor an image to animate.
      if (!VIDEO_EXT.test(file.filename)) return { kind: 'still', provider: 'comfyui', model: 'workflow:video', path: req.outPath, mimeType, durationSec: req.durationSec ?? 5, draft: false };
      return { kind: 'video', provider: 'comfyui', model: 'workflow:video', path: req.outPath, mimeType, ...(req.durationSec ? { durationSec: req.durationSec } : {}), draft: false };
    } catch (err) {
      throw asStudioError('comfyui', err, opts.signal);
    }
  }

  private viewUrl(f: FileRef): string {
    return this.url(`/view?${new URLSearchParams({ filename: f.filename, subfolder: f.subfolder, type: f.type }).toString()}`);
  }

  /** Upload, queue, follow, collect: the output files of one run, in node order. */
  private async run(workflow: ComfyWorkflow, req: ImageRequest & { durationSec?: number }, opts: CallOptions): Promise<FileRef[]> {
    const clientId = randomUUID();
    // Subscribe before queueing, or a fast run's events are gone before we listen.
    const socket = await this.connect(clientId, opts.signal);
    const tap = new EventTap(socket);
    try {
      const values: WorkflowValues = { prompt: req.prompt, seed: req.seed ?? randomInt(0, 2 ** 32), ...sizeFor(req.aspectRatio, req.quality) };
      if (req.negativePrompt) values.negative = req.negativePrompt;
      const inputs = inputImages(req);
      // One image goes to the node titled "image"; several to "image 1", "image 2", … (checked before any upload).
      const numbered = inputs.length > 1 ? imageNodes(workflow, inputs.length) : [];
      if (inputs.length === 1 && inputs[0]) values.image = await this.upload(inputs[0], opts);
      const files: string[] = [];
      for (const img of numbered.length ? inputs : []) files.push(await this.upload(img, opts));
      const filled = fillImageNodes(fillWorkflow(workflow, values), numbered, files);
      const graph = await carryAdapters(filled, { character: req.characterAdapter, style: req.styleAdapter }, {
        objectInfo: async () => z.record(z.string(), z.unknown()).parse(await (await this.fetch()(this.url('/object_info'), { signal: opts.signal ?? null })).json()),
        upload: (image) => this.upload(image, opts),
        notice: (label) => this.hooks.onNotice?.(label),
      });
      const res = await this.fetch()(this.url('/prompt'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: graph, client_id: clientId }),
        signal: opts.signal ?? null,
      });
      const { prompt_id: promptId } = queued.parse(await res.json());
      opts.onProgress?.(0.02, progressLabel('queuedAt', { service: 'ComfyUI' }));
      const ending = await this.follow(tap, promptId, Object.keys(graph).length, opts);
      if (ending === 'socket-closed') await this.awaitHistory(promptId, opts);
      return await this.outputs(promptId, opts);
    } finally {
      socket.close();
    }
  }

  private connect(clientId: string, signal?: AbortSignal): Promise<WebSocket> {
    const wsUrl = `${this.url('/ws').replace(/^http/, 'ws')}?clientId=${encodeURIComponent(clientId)}`;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(wsUrl, { handshakeTimeout: this.config.timeoutMs });
      const onAbort = (): void => fail(new Error('aborted'));
      const fail = (err: unknown): void => {
        signal?.removeEventListener('abort', onAbort);
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(signal?.aborted ? canceled(signal) : unreachable('comfyui', this.config.baseUrl, err));
      };
      socket.once('open', () => {
        signal?.removeEventListener('abort', onAbort);
        socket.removeListener('error', fail);
        // A socket error after the handshake surfaces as 'close', which follow() handles.
        socket.on('error', () => undefined);
        resolve(socket);
      });
      socket.once('error', fail);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async upload(image: { bytes: Buffer; mimeType: string }, opts: CallOptions): Promise<string> {
    const ext = image.mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(image.bytes)], { type: image.mimeType }), `kingjam-${randomUUID()}.${ext}`);
    form.append('overwrite', 'true');
    form.append('subfolder', 'kingjam');
    const res = await this.fetch()(this.url('/upload/image'), { method: 'POST', body: form, signal: opts.signal ?? null });
    const up = z.object({ name: z.string(), subfolder: z.string().default(''), type: z.string().default('input') }).parse(await res.json());
    // LoadImage takes "subfolder/name" for files below the input folder.
    return up.subfolder ? `${up.subfolder}/${up.name}` : up.name;
  }

  /**
   * Resolves when the run has finished (or the socket closed, which the
   * caller answers by polling history); reports progress; interrupts
   * ComfyUI when the job is canceled or runs out of time.
   */
  private follow(tap: EventTap, promptId: string, nodeCount: number, opts: CallOptions): Promise<'finished' | 'socket-closed'> {
    return new Promise((resolve, reject) => {
      let finished = 0;
      let current: string | null = null;
      let step = 0;
      const report = (message: ProgressLabel): void => opts.onProgress?.(Math.min(0.97, 0.03 + (0.94 * (finished + step)) / Math.max(1, nodeCount)), message);
      const settle = (outcome: 'finished' | 'socket-closed' | StudioError): void => {
        clearTimeout(deadline);
        tap.stop();
        opts.signal?.removeEventListener('abort', onAbort);
        if (outcome instanceof StudioError) reject(outcome);
        else resolve(outcome);
      };
      const onAbort = (): void => {
        void this.interrupt(promptId);
        settle(canceled(opts.signal));
      };
      const deadline = setTimeout(() => {
        void this.interrupt(promptId);
        settle(timedOut('comfyui', this.config.runTimeoutMs));
      }, this.config.runTimeoutMs);
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      tap.listen(
        ({ type, data }) => {
          if (data.prompt_id !== undefined && data.prompt_id !== promptId) return;
          switch (type) {
            case 'execution_start':
              report(progressLabel('starting'));
              break;
            case 'execution_cached':
              finished += Array.isArray(data.nodes) ? data.nodes.length : 0;
              report(progressLabel('reusingCached'));
              break;
            case 'executing':
              if (current !== null) finished++;
              step = 0;
              current = typeof data.node === 'string' ? data.node : null;
              // Older builds end a run with executing {node: null} instead of execution_success.
              if (data.node === null && data.prompt_id === promptId) settle('finished');
              else report(progressLabel('runningNode', { node: String(data.node) }));
              break;
            case 'progress': {
              const value = Number(data.value);
              const max = Number(data.max);
              if (max > 0) step = Math.min(1, value / max);
              report(progressLabel('step', { step: String(value), steps: String(max) }));
              break;
            }
            case 'execution_success':
              settle('finished');
              break;
            case 'execution_error':
              settle(providerFailed('comfyui', `node ${String(data.node_id ?? '?')} (${String(data.node_type ?? 'unknown')}) failed: ${String(data.exception_message ?? 'unknown error').trim()}`));
              break;
            case 'execution_interrupted':
              settle(canceled(opts.signal));
              break;
          }
        },
        () => settle('socket-closed'),
      );
    });
  }

  /** Without the socket (ComfyUI restarted it, a proxy dropped it) the run is followed through its history entry. */
  private async awaitHistory(promptId: string, opts: CallOptions): Promise<void> {
    const started = Date.now();
    for (;;) {
      const res = await this.fetch()(this.url(`/history/${encodeURIComponent(promptId)}`), { signal: opts.signal ?? null });
      const entry = historySchema.parse(await res.json())[promptId];
      if (entry?.status?.completed || entry?.status?.status_str === 'error') return;
      if (Date.now() - started > this.config.runTimeoutMs) {
        await this.interrupt(promptId);
        throw timedOut('comfyui', this.config.runTimeoutMs);
      }
      try {
        await sleep(1000, opts.signal);
      } catch (err) {
        await this.interrupt(promptId);
        throw err;
      }
    }
  }

  /** Stops the run whether it is executing (interrupt) or still waiting (queue delete). Best effort. */
  private async interrupt(promptId: string): Promise<void> {
    const post = (p: string, body: unknown): Promise<unknown> =>
      this.fetch(10_000)(this.url(p), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => undefined);
    await Promise.all([post('/interrupt', { prompt_id: promptId }), post('/queue', { delete: [promptId] })]);
  }

  private async outputs(promptId: string, opts: CallOptions): Promise<FileRef[]> {
    const res = await this.fetch()(this.url(`/history/${encodeURIComponent(promptId)}`), { signal: opts.signal ?? null });
    const entry = historySchema.parse(await res.json())[promptId];
    if (!entry) throw providerFailed('comfyui', 'the run is missing from ComfyUI history.', true);
    if (entry.status?.status_str === 'error') throw providerFailedBecause('comfyui', 'workflowError');
    const files: FileRef[] = [];
    for (const nodeOutputs of Object.values(entry.outputs)) {
      for (const key of ['videos', 'gifs', 'images']) {
        const list = nodeOutputs[key];
        if (!Array.isArray(list)) continue;
        for (const item of list) {
          const parsed = fileRef.safeParse(item);
          if (parsed.success && parsed.data.type === 'output') files.push(parsed.data);
        }
      }
    }
    return files;
  }

  async testConnection(opts: CallOptions = {}): Promise<ConnectionReport> {
    try {
      const fetch = this.fetch(opts.timeoutMs ?? 10_000);
      const stats = z.object({ system: z.object({ comfyui_version: z.string().optional() }).loose().optional() }).loose().parse(await (await fetch(this.url('/system_stats'), { signal: opts.signal ?? null })).json());
      let checkpoints: string[] = [];
      try {
        checkpoints = z.array(z.string()).parse(await (await fetch(this.url('/models/checkpoints'), { signal: opts.signal ?? null })).json());
      } catch {
        // Older ComfyUI has no /models route; the workflows still work.
      }
      const models: ModelInfo[] = [...this.models().map((m) => ({ ...m, available: true })), ...checkpoints.map((c) => ({ id: c, capability: 'image' as const, label: `Checkpoint ${c}`, available: true }))];
      return { ok: true, provider: 'comfyui', models, detail: `ComfyUI ${stats.system?.comfyui_version ?? ''}`.trim() };
    } catch (err) {
      return { ok: false, provider: 'comfyui', error: asStudioError('comfyui', err, opts.signal).toInfo() };
    }
  }
}

/** A rejected graph is a 400 {error:{message}, node_errors:{id:{class_type, errors:[{message, details}]}}}. */
export function classifyComfy(f: HttpFailure): StudioError {
  const body = f.json as { error?: { message?: string } | string; node_errors?: Record<string, { class_type?: string; errors?: { message?: string; details?: string }[] }> } | null;
  const headline = typeof body?.error === 'string' ? body.error : body?.error?.message ?? (f.text || `HTTP ${f.status}`);
  if (f.status === 400 && body) {
    const nodes = Object.entries(body.node_errors ?? {}).map(
      ([id, n]) => `node ${id} (${n.class_type ?? '?'}): ${(n.errors ?? []).map((e) => [e.message, e.details].filter(Boolean).join(' — ')).join('; ')}`,
    );
    return new StudioError({
      code: 'WORKFLOW_INVALID',
      message: `ComfyUI rejected the workflow: ${headline}${nodes.length ? ` — ${nodes.join(' | ')}` : ''}`,
      hint: 'Open the workflow in ComfyUI, fix the listed nodes (a missing model or custom node is the usual cause), export it again in API format.',
      ...say('workflow.rejected', { detail: `${headline}${nodes.length ? ` — ${nodes.join(' | ')}` : ''}` }),
    });
  }
  return classifyStatus(f, headline);
}

type ComfyEvent = z.infer<typeof wsMessage>;

/**
 * Buffers the socket's JSON events from the moment it opens, so nothing a
 * fast run sends between queueing and listening is lost. Binary frames are
 * live previews and are dropped.
 */
class EventTap {
  private readonly buffer: ComfyEvent[] = [];
  private listener: ((e: ComfyEvent) => void) | null = null;
  private onClose: (() => void) | null = null;
  private closed = false;

  constructor(socket: WebSocket) {
    socket.on('message', (raw, isBinary) => {
      if (isBinary) return;
      let parsed: ReturnType<typeof wsMessage.safeParse>;
      try {
        parsed = wsMessage.safeParse(JSON.parse(raw.toString()));
      } catch {
        return;
      }
      if (!parsed.success) return;
      if (this.listener) this.listener(parsed.data);
      else this.buffer.push(parsed.data);
    });
    socket.on('close', () => {
      this.closed = true;
      this.onClose?.();
    });
  }

  listen(listener: (e: ComfyEvent) => void, onClose: () => void): void {
    this.listener = listener;
    this.onClose = onClose;
    for (const e of this.buffer.splice(0)) {
      if (this.listener !== listener) return; // a buffered event already ended the run
      listener(e);
    }
    if (this.closed && this.listener === listener) onClose();
  }

  stop(): void {
    this.listener = null;
    this.onClose = null;
  }
}
