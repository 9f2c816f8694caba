import { z } from 'zod';
import type { CallSpec } from './contract.js';
import { scheduleInputSchema, schedulePatchSchema, triggerSchema, type KolScheduleView, type KolTriggerRunView, type RunResult, type ScheduleSaved, type TriggerPreview, type WebhookSecret } from '../kol/triggers.js';

/** The KOL workspace's triggers and schedules (issue 14); spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);
const byId = z.object({ id }).strict();

export const kolTrigCalls = {
  'kol.triggers.list': call<KolScheduleView[]>()(z.object({}).strict()),
  'kol.triggers.get': call<{ schedule: KolScheduleView; runs: KolTriggerRunView[] }>()(byId),
  /** A webhook (custom) schedule's secret is in the answer this once. */
  'kol.triggers.create': call<ScheduleSaved>()(scheduleInputSchema),
  'kol.triggers.update': call<ScheduleSaved>()(z.object({ id, patch: schedulePatchSchema }).strict()),
  'kol.triggers.pause': call<KolScheduleView>()(byId),
  'kol.triggers.resume': call<KolScheduleView>()(byId),
  'kol.triggers.delete': call<{ deleted: boolean }>()(byId),
  /** A saved schedule's trigger (id) or one being edited (trigger): next cron runs, or a dry fetch; nothing is recorded. */
  'kol.triggers.preview': call<TriggerPreview>()(
    z
      .object({ id: id.optional(), trigger: triggerSchema.optional() })
      .strict()
      .refine((v) => (v.id === undefined) !== (v.trigger === undefined), { message: 'give either id or trigger' }),
  ),
  'kol.triggers.runNow': call<RunResult>()(byId),
  'kol.triggers.rotateSecret': call<WebhookSecret>()(byId),
} as const;

export type KolTrigCallName = keyof typeof kolTrigCalls;
