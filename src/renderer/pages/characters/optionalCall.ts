import type { z } from 'zod';
import { CALL_NAMES } from '../../../shared/api/contract.js';
import { api } from '../../api/index.js';

/**
 * A call of another Creator Hub area by name (the Style-Locker's `style.get`,
 * the 3D builder's `mesh.models`): asked only where the contract has it, and
 * its answer read through a schema, so this page works before and after those
 * areas are merged and never trusts a shape it did not check. Null: not there,
 * refused, or not the shape expected.
 */
export async function optionalCall<T>(name: string, input: unknown, schema: z.ZodType<T>): Promise<T | null> {
  if (!(CALL_NAMES as readonly string[]).includes(name)) return null;
  const client = api();
  const call = client.call.bind(client) as unknown as (name: string, input: unknown) => Promise<unknown>;
  try {
    const parsed = schema.safeParse(await call(name, input));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
