import { z } from 'zod';
import type { StudioError } from '../../../shared/errors.js';
import { ollamaConfigSchema, type OllamaConfig, type OllamaConfigInput } from './config.js';
import { asStudioError, classifyStatus, modelUnavailable, providerFailed, providerFailedBecause, type HttpFailure } from './errors.js';
import { createFetch, type FetchLike } from './http.js';
import { generateStructured, toJsonSchema, type JsonSchema } from './structured.js';
import { textStream } from './stream.js';
import type { CallOptions, ConnectionReport, ModelInfo, Provider, StructuredRequest, StructuredResult, TextRequest, TextResult, TextStream } from './types.js';

/**
 * A local Ollama server: text through `/api/chat` (NDJSON streaming), and
 * structured output through its JSON-schema `format`, validated and repaired
 * like every other provider. Free, private, and as good as the user's model.
 */

const chatLine = z.object({
  model: z.string().optional(),
  message: z.object({ role: z.string(), content: z.string() }).optional(),
  done: z.boolean(),
  done_reason: z.string().optional(),
  prompt_eval_count: z.number().optional(),
  eval_count: z.number().optional(),
  error: z.string().optional(),
});

const tagsSchema = z.object({ models: z.array(z.object({ name: z.string(), model: z.string().optional() }).loose()) });

interface ChatBody {
  model: string;
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  stream: boolean;
  format?: JsonSchema | 'json';
  options?: Record<string, number>;
}

export class OllamaProvider implements Provider {
  readonly id = 'ollama' as const;
  readonly label = 'Ollama (local)';
  readonly local = true;
  readonly config: OllamaConfig;
  readonly text = { generateText: this.generateText.bind(this), streamText: this.streamText.bind(this) };
  readonly structured = { generateObject: this.generateObject.bind(this) };

  constructor(config: OllamaConfigInput = {}) {
    this.config = ollamaConfigSchema.parse(config);
  }

  models(): ModelInfo[] {
    return [{ id: this.config.defaultModel, capability: 'text', label: this.config.defaultModel }];
  }

  private fetch(timeoutMs?: number): FetchLike {
    return createFetch({ provider: 'ollama', timeoutMs: timeoutMs ?? this.config.timeoutMs, retry: this.config.retry, classify: classifyOllama });
  }

  private url(p: string): string {
    return `${this.config.baseUrl.replace(/\/+$/, '')}${p}`;
  }

  private body(req: Omit<TextRequest, 'prompt'> & { prompt: TextRequest['prompt'] }, stream: boolean, format?: JsonSchema): ChatBody {
    const messages: ChatBody['messages'] = [];
    if (req.system) messages.push({ role: 'system', content: req.system });
    if (typeof req.prompt === 'string') messages.push({ role: 'user', content: req.prompt });
    else messages.push(...req.prompt.map((m) => ({ role: m.role, content: m.content })));
    const options: Record<string, number> = {};
    if (req.temperature !== undefined) options.temperature = req.temperature;
    if (req.maxOutputTokens !== undefined) options.num_predict = req.maxOutputTokens;
    return { model: req.model ?? this.config.defaultModel, messages, stream, ...(format ? { format } : {}), ...(Object.keys(options).length ? { options } : {}) };
  }

  private async chat(body: ChatBody, opts: CallOptions): Promise<Response> {
    return this.fetch(opts.timeoutMs)(this.url('/api/chat'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: opts.signal ?? null });
  }

  async generateText(req: TextRequest, opts: CallOptions = {}): Promise<TextResult> {
    return this.streamText(req, opts).result();
  }

  streamText(req: TextRequest, opts: CallOptions = {}): TextStream {
    const body = this.body(req, true);
    const chat = this.chat.bind(this);
    return textStream(async function* () {
      let final: z.infer<typeof chatLine> | null = null;
      try {
        const res = await chat(body, opts);
        for await (const line of ndjson(res)) {
          const parsed = chatLine.safeParse(line);
          if (!parsed.success) throw providerFailedBecause('ollama', 'badFormat', true);
          if (parsed.data.error) throw providerFailed('ollama', parsed.data.error, true);
          if (parsed.data.message?.content) yield parsed.data.message.content;
          if (parsed.data.done) final = parsed.data;
        }
      } catch (err) {
        throw asStudioError('ollama', err, opts.signal);
      }
      if (!final) throw providerFailedBecause('ollama', 'cutShort', true);
      return {
        provider: 'ollama' as const,
        model: final.model ?? body.model,
        finishReason: final.done_reason ?? 'stop',
        usage: { ...(final.prompt_eval_count !== undefined ? { inputTokens: final.prompt_eval_count } : {}), ...(final.eval_count !== undefined ? { outputTokens: final.eval_count } : {}) },
        draft: false,
      };
    });
  }

  async generateObject<T>(req: StructuredRequest<T>, opts: CallOptions = {}): Promise<StructuredResult<T>> {
    const format = toJsonSchema(req.schema);
    return generateStructured('ollama', req, async (prompt) => {
      try {
        const res = await this.chat(this.body({ ...req, prompt }, false, format), opts);
        const parsed = chatLine.safeParse(await res.json());
        if (!parsed.success || !parsed.data.message) throw providerFailedBecause('ollama', 'badFormat', true);
        const d = parsed.data;
        return { text: d.message?.content ?? '', model: d.model ?? req.model ?? this.config.defaultModel, usage: { ...(d.prompt_eval_count !== undefined ? { inputTokens: d.prompt_eval_count } : {}), ...(d.eval_count !== undefined ? { outputTokens: d.eval_count } : {}) } };
      } catch (err) {
        throw asStudioError('ollama', err, opts.signal);
      }
    });
  }

  async testConnection(opts: CallOptions = {}): Promise<ConnectionReport> {
    try {
      const res = await this.fetch(opts.timeoutMs ?? 10_000)(this.url('/api/tags'), { signal: opts.signal ?? null });
      const tags = tagsSchema.parse(await res.json());
      const models: ModelInfo[] = tags.models.map((m) => ({ id: m.name, capability: 'text', label: m.name, available: true }));
      return { ok: true, provider: 'ollama', models, detail: models.length ? `${models.length} models installed` : 'No models installed: run `ollama pull llama3.1`.' };
    } catch (err) {
      return { ok: false, provider: 'ollama', error: asStudioError('ollama', err, opts.signal).toInfo() };
    }
  }
}

/** Ollama errors are {"error": "…"}; a missing model is a 404 "model 'x' not found". */
export function classifyOllama(f: HttpFailure): StudioError {
  const message = (f.json as { error?: string } | null)?.error ?? (f.text || `HTTP ${f.status}`);
  if (f.status === 404 || /model .* not found/i.test(message)) {
    const model = /model ['"]?([^'"\s]+)['"]? not found/i.exec(message)?.[1] ?? 'requested model';
    return modelUnavailable('ollama', model, `${message}. Install it with \`ollama pull ${model}\`.`);
  }
  return classifyStatus(f, message);
}

/** The lines of an NDJSON body as parsed JSON. */
async function* ndjson(res: Response): AsyncGenerator<unknown> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield JSON.parse(line) as unknown;
    }
  }
  const rest = (buffer + decoder.decode()).trim();
  if (rest) yield JSON.parse(rest) as unknown;
}
