import type { Prediction } from 'replicate';
import { TEXT_OUTPUT_CAP } from '../../../shared/call-prices.js';
import { findModel } from '../../../shared/models.js';
import { providerFailedBecause } from './errors.js';
import { textStream } from './stream.js';
import { generateStructured, toJsonSchema } from './structured.js';
import type { CallOptions, StructuredRequest, StructuredResult, TextRequest, TextResult, TextStream, Usage } from './types.js';

/**
 * Text and structured output from a language model hosted on Replicate
 * (default: meta/meta-llama-3.1-405b-instruct). Its inputs are `prompt`,
 * `system_prompt`, `max_tokens`, `temperature`; its output is the token
 * stream as an array of strings, which grows while the prediction runs, so
 * polling it yields the text as it is written. Structured output is the
 * schema in the prompt, the answer parsed and validated, one repair round
 * (structured.ts), as for every provider without a native JSON mode.
 */

/** Creates the prediction once and polls it to the end, showing each state it polls. */
export type RunPrediction = (ref: string, input: Record<string, unknown>, opts: CallOptions, onPoll: (p: Prediction) => void) => Promise<Prediction>;

export class ReplicateText {
  constructor(
    private readonly run: RunPrediction,
    private readonly resolve: (model: string | undefined) => string,
  ) {}

  generateText(req: TextRequest, opts: CallOptions = {}): Promise<TextResult> {
    return this.streamText(req, opts).result();
  }

  streamText(req: TextRequest, opts: CallOptions = {}): TextStream {
    const model = this.resolve(req.model);
    const run = this.run;
    return textStream(async function* () {
      // Deltas are pushed by the poll callback and drained between polls.
      const pending: string[] = [];
      let sent = 0;
      let done = false;
      let failure: unknown = null;
      let wake: (() => void) | null = null;
      const onPoll = (p: Prediction): void => {
        const text = outputText(p.output);
        if (text.length > sent) {
          pending.push(text.slice(sent));
          sent = text.length;
          wake?.();
        }
      };
      const finished = run(model, textInput(model, req), opts, onPoll).then(
        (p) => {
          onPoll(p);
          done = true;
          wake?.();
          return p;
        },
        (err: unknown) => {
          failure = err;
          done = true;
          wake?.();
          return null;
        },
      );
      for (;;) {
        while (pending.length) yield pending.shift()!;
        if (done) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      if (failure) throw failure;
      const final = (await finished)!;
      if (!outputText(final.output).trim()) throw providerFailedBecause('replicate', 'noAnswer', true);
      return { provider: 'replicate' as const, model, finishReason: final.status, usage: usageOf(final), draft: false };
    });
  }

  async generateObject<T>(req: StructuredRequest<T>, opts: CallOptions = {}): Promise<StructuredResult<T>> {
    const schema = JSON.stringify(toJsonSchema(req.schema));
    return generateStructured('replicate', req, async (prompt) => {
      const out = await this.generateText(
        {
          ...req,
          system: [req.system, `Answer with a single JSON value (${req.schemaName}) that matches this JSON Schema, and nothing else: no prose, no Markdown fence.`].filter(Boolean).join('\n\n'),
          prompt: `${prompt}\n\nJSON Schema:\n${schema}`,
        },
        opts,
      );
      return { text: out.text, model: out.model, ...(out.usage ? { usage: out.usage } : {}) };
    });
  }
}

function textInput(model: string, req: TextRequest): Record<string, unknown> {
  const prompt = typeof req.prompt === 'string' ? req.prompt : req.prompt.map((m) => `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`).join('\n\n');
  const sampling = req.temperature !== undefined && !findModel('replicate', model)?.noSampling;
  return {
    prompt,
    ...(req.system ? { system_prompt: req.system } : {}),
    // The output ceiling the price hold assumes (call-prices.ts): an answer never costs more than was held.
    max_tokens: Math.min(req.maxOutputTokens ?? TEXT_OUTPUT_CAP, TEXT_OUTPUT_CAP),
    ...(sampling ? { temperature: req.temperature } : {}),
  };
}

/** A language model's output: an array of tokens (or, from some models, one string). */
export function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (Array.isArray(output)) return output.filter((t): t is string => typeof t === 'string').join('');
  return '';
}

/** Replicate reports token counts in `metrics` for per-token models. */
function usageOf(p: Prediction): Usage {
  const m = (p.metrics ?? {}) as { input_token_count?: unknown; output_token_count?: unknown };
  return {
    ...(typeof m.input_token_count === 'number' ? { inputTokens: m.input_token_count } : {}),
    ...(typeof m.output_token_count === 'number' ? { outputTokens: m.output_token_count } : {}),
  };
}
