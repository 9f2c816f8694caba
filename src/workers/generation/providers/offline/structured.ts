import { createHash } from 'node:crypto';
import type { JsonSchema } from '../structured.js';
import type { ContentBrief } from '../types.js';
import { fieldText } from './text.js';

/**
 * Structured drafts without a model: the JSON Schema is walked and every
 * field gets a value that fits it (lengths, counts, ranges, enums), written
 * from the brief and named after the field. Generators with a shape this
 * cannot guess well register a template for their schema name instead.
 */

export type ObjectTemplate = (brief: ContentBrief | undefined, prompt: string) => unknown;

export function fillSchema(schema: JsonSchema, brief: ContentBrief | undefined, prompt: string): unknown {
  const defs = { ...((schema.$defs as Record<string, JsonSchema> | undefined) ?? {}), ...((schema.definitions as Record<string, JsonSchema> | undefined) ?? {}) };
  return walk(schema, 'value', 0, 0);

  function resolve(s: JsonSchema): JsonSchema {
    const ref = s.$ref;
    if (typeof ref === 'string') {
      const name = ref.split('/').pop() ?? '';
      return defs[name] ?? {};
    }
    return s;
  }

  function walk(raw: JsonSchema, field: string, index: number, depth: number): unknown {
    const s = resolve(raw);
    if (depth > 8) return null;
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum) && s.enum.length) return s.enum[index % s.enum.length];
    const union = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
    if (Array.isArray(union) && union.length) {
      const first = union.find((u) => resolve(u).type !== 'null') ?? union[0];
      return walk(first ?? {}, field, index, depth + 1);
    }
    if (s.default !== undefined) return s.default;
    const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined);
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        const props = (s.properties as Record<string, JsonSchema> | undefined) ?? {};
        for (const [key, sub] of Object.entries(props)) out[key] = walk(sub, key, index, depth + 1);
        return out;
      }
      case 'array': {
        const min = typeof s.minItems === 'number' ? s.minItems : 0;
        const max = typeof s.maxItems === 'number' ? s.maxItems : Infinity;
        const count = Math.max(min, Math.min(max, 3));
        const items = (s.items as JsonSchema | undefined) ?? {};
        return Array.from({ length: count }, (_, i) => walk(items, singular(field), i, depth + 1));
      }
      case 'integer':
      case 'number':
        return number(s, field, type === 'integer');
      case 'boolean':
        return false;
      case 'null':
        return null;
      default:
        return text(s, field, index);
    }
  }

  function number(s: JsonSchema, field: string, integer: boolean): number {
    const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 0.001) : 0;
    const max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - (integer ? 1 : 0.001) : Number.MAX_SAFE_INTEGER;
    // Durations get a comfortable scene length; everything else its lowest legal value.
    const want = /duration|seconds|sec$/i.test(field) ? 5 : /count|number|length/i.test(field) ? Math.max(min, 1) : min;
    const clamped = Math.min(max, Math.max(min, want));
    return integer ? Math.ceil(clamped) : clamped;
  }

  function text(s: JsonSchema, field: string, index: number): string {
    const pattern = typeof s.pattern === 'string' ? s.pattern : '';
    let value = /slug/i.test(field) || /^\^\[a-z0-9/.test(pattern) ? slug(brief?.topic ?? prompt) : fieldText(brief, prompt, field, index);
    if (s.format === 'uri' || s.format === 'url') value = 'https://example.com/draft';
    const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
    const min = typeof s.minLength === 'number' ? s.minLength : 0;
    if ([...value].length > max) value = [...value].slice(0, max).join('');
    while ([...value].length < min) value += ` ${fieldText(brief, prompt, field, index + 1)}`;
    if ([...value].length > max) value = [...value].slice(0, max).join('');
    return value;
  }
}

function singular(field: string): string {
  return field.endsWith('ies') ? `${field.slice(0, -3)}y` : field.endsWith('s') ? field.slice(0, -1) : field;
}

/** An ASCII slug; a topic with no Latin letters (Chinese) gets a short stable hash. */
export function slug(topic: string): string {
  const ascii = topic
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return ascii.length >= 3 ? ascii : `draft-${createHash('sha256').update(topic).digest('hex').slice(0, 8)}`;
}
