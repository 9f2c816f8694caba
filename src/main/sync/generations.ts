import { z } from 'zod';
import { GEN_PURPOSES, type GenCallView } from '../../shared/gateway.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { UPSTREAMS } from '../../shared/models.js';
import type { SyncService } from './service.js';

const count = z.number().nonnegative().optional();
/** GET /v1/gen/calls as src/shared/gateway.ts documents it; checked, so a changed cloud fails here with a clear error. */
const callsPageSchema = z.object({
  calls: z.array(
    z.object({
      id: z.string(),
      // A purpose or upstream this studio does not know yet reads as 'other' rather than failing the whole list.
      purpose: z.string().transform((p) => ((GEN_PURPOSES as readonly string[]).includes(p) ? (p as GenCallView['purpose']) : 'other')),
      upstream: z.enum(UPSTREAMS),
      model: z.string(),
      units: z.object({ input_tokens: count, output_tokens: count, images: count, video_seconds: count, speech_seconds: count, models: count }),
      held: z.number(),
      credits: z.number(),
      status: z.enum(['running', 'succeeded', 'failed', 'released']),
      error_code: z.string().nullable(),
      latency_ms: z.number().nullable(),
      created_at: z.number(),
    }),
  ),
  next_cursor: z.union([z.string(), z.number()]).nullable(),
});

export interface GenerationsPage {
  calls: GenCallView[];
  nextCursor: string | null;
}

/** The signed-in user's generations through the cloud gateway, newest first, a page at a time. */
export async function generations(sync: SyncService, cursor?: string): Promise<GenerationsPage> {
  const body = await sync.cloud<unknown>('GET', `/v1/gen/calls?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  const page = callsPageSchema.safeParse(body);
  if (!page.success) {
    throw new StudioError({ code: 'CLOUD_ERROR', message: 'The KingJam cloud answered the generations list in a form this studio does not read.', ...say('generations.unreadable') });
  }
  return {
    calls: page.data.calls.map(({ units, ...call }) => ({ ...call, units: Object.fromEntries(Object.entries(units).filter(([, v]) => v !== undefined)) })),
    nextCursor: page.data.next_cursor === null ? null : String(page.data.next_cursor),
  };
}
