import { contract, isCallName, type CallResult } from '../../shared/api/contract.js';
import { toErrorInfo } from '../../shared/errors.js';
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
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    return {
      ok: false,
      error: { code: 'BAD_INPUT', message: `${field || 'input'}: ${issue?.message ?? 'invalid'}`, field },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
