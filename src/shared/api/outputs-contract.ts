import { z } from 'zod';
import type { CallSpec } from './contract.js';
import { ASSET_ORIGINS, type AssetView } from '../library.js';

/** The calls of outputs in one place (issue 17); spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

/** The Library's origin filter (the page's All is no filter). */
export const assetOriginSchema = z.enum(ASSET_ORIGINS);

export const outputsCalls = {
  /** The library items a job made (History shows them under a finished job). */
  'library.outputsOf': call<AssetView[]>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),
};

export type OutputsCallName = keyof typeof outputsCalls;
