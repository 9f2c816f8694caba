import { z } from 'zod';
import type { GenCallView } from '../gateway.js';
import type { ChoiceStatus } from '../providers.js';
import type { CallSpec } from './contract.js';

/** Provider choices and the cloud generations history; spread into the contract (src/shared/api/contract.ts). */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

export const choicesCalls = {
  /** Every provider choice (cloud, own key, local), whether it can run now, and the one action that makes it usable. */
  'providers.choices': call<ChoiceStatus[]>()(z.object({}).strict()),
  /** The signed-in user's generations through KingJam Cloud (GET /v1/gen/calls), newest first. */
  'wallet.generations': call<{ calls: GenCallView[]; nextCursor: string | null }>()(z.object({ cursor: z.string().min(1).max(200).optional() }).strict()),
} as const;

export type ChoicesCallName = keyof typeof choicesCalls;
