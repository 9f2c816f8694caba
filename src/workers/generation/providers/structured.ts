import { z } from 'zod';
import { StudioError } from '../../../shared/errors.js';
import { PROVIDER_LABELS } from './errors.js';
import type { ProviderId, StructuredRequest, StructuredResult, Usage } from './types.js';
import { say } from '../../../shared/messages.js';

/**
 * Structured output, the same for every model provider: the zod schema goes
 * out as JSON Schema, the answer is parsed and validated with the same zod
 * schema, and one invalid answer earns one repair round (the model sees its
 * answer and what was wrong with it). A second invalid answer is an error
 * that says what was wrong, never a half-valid object.
 */

export type JsonSchema = Record<string, unknown>;

/** The zod schema as JSON Schema, without the `$schema` marker the model APIs reject. */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output' }) as JsonSchema;
  const { $schema: _ignored, ...rest } = json;
  return rest;
}

/** One model call: the prompt (the repair prompt on the second round) in, raw text out. */
export type CompleteJson = (prompt: string, round: 1 | 2) => Promise<{ text: string; model: string; usage?: Usage }>;

export async function generateStructured<T>(provider: ProviderId, req: StructuredRequest<T>, complete: CompleteJson): Promise<StructuredResult<T>> {
  const first = await complete(req.prompt, 1);
  const firstCheck = check(req.schema, first.text);
  if (firstCheck.ok) {
    return { provider, model: first.model, value: firstCheck.value, raw: first.text, repaired: false, usage: first.usage ?? {}, draft: false };
  }
  const second = await complete(repairPrompt(req.prompt, req.schemaName, first.text, firstCheck.problem), 2);
  const secondCheck = check(req.schema, second.text);
  if (secondCheck.ok) {
    return { provider, model: second.model, value: secondCheck.value, raw: second.text, repaired: true, usage: addUsage(first.usage, second.usage), draft: false };
  }
  throw new StudioError({
    code: 'MODEL_OUTPUT_INVALID',
    message: `${PROVIDER_LABELS[provider]} (${second.model}) returned an invalid ${req.schemaName} twice: ${secondCheck.problem}`,
    hint: 'Retry, or choose a stronger model (e.g. Gemini Pro) for this step.',
    retryable: true,
    ...say('provider.invalidOutput', { provider: PROVIDER_LABELS[provider], model: second.model, schema: req.schemaName }),
  });
}

type Check<T> = { ok: true; value: T } | { ok: false; problem: string };

export function check<T>(schema: z.ZodType<T>, text: string): Check<T> {
  let data: unknown;
  try {
    data = JSON.parse(stripFences(text));
  } catch (err) {
    return { ok: false, problem: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, problem: issues.join('; ') };
}

/** Models sometimes wrap JSON in a Markdown fence even when told not to. */
export function stripFences(text: string): string {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(trimmed);
  return fenced?.[1] ?? trimmed;
}

export function repairPrompt(original: string, schemaName: string, answer: string, problem: string): string {
  return [
    original,
    '',
    `Your previous answer was not a valid ${schemaName}: ${problem}.`,
    'Previous answer:',
    answer.slice(0, 8000),
    '',
    'Reply again with only the corrected JSON, matching the schema exactly.',
  ].join('\n');
}

function addUsage(a: Usage | undefined, b: Usage | undefined): Usage {
  return { inputTokens: (a?.inputTokens ?? 0) + (b?.inputTokens ?? 0), outputTokens: (a?.outputTokens ?? 0) + (b?.outputTokens ?? 0) };
}
