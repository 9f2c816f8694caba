import { contract, isCallName, type CallResult } from '../../shared/api/contract.js';
import { toErrorInfo } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { Handlers } from './handlers.js';

/**
 * Runs one API call from any shell (IPC, HTTP): unknown names are NOT_FOUND,
 * inputs are validated with the contract's zod schema (BAD_INPUT names the
 * field), and every error comes back as data.
 */
export async function dispatchCall(handlers: Handlers, name: string, rawInput: unknown): Promise<CallResult> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'NOT_FOUND', message: `There is no API call named "${name}".` } };
  }
  const input = rawInput ?? {};
  const parsed = contract[name].input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const field = path.map(String).join('.');
    // A key the schema does not know is an issue of the object that holds it: name the key.
    const unknownKeys = issue?.code === 'unrecognized_keys' ? issue.keys.map((k) => (field ? `${field}.${k}` : k)).join(', ') : '';
    const named = unknownKeys || field || 'input';
    return {
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: `${named}: ${issue?.message ?? 'invalid'}`,
        field,
        ...(valueAt(input, path) === undefined ? say('request.fieldMissing', { field: named }) : say('request.fieldInvalid', { field: named })),
      },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}

/** What `input` holds at a zod issue's path (undefined where the path leads nowhere: the field was not given). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const step of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[step];
  }
  return at;
}
