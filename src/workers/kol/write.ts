import { StudioError } from '../../shared/errors.js';
import type { KolWriteResult } from '../../shared/jobs/kinds.js';
import { say } from '../../shared/messages.js';
import { creditsOn, textCredits } from '../../shared/pricing.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { registryFor } from '../generation/registry.js';
import { OFFLINE_MODEL } from '../generation/providers/index.js';
import { finishPost, kolPostSchema, systemPrompt, userPrompt, type KolPostAnswer, type WritePayload } from './post.js';
import { offlineKolPost } from './write-offline.js';

/**
 * `kol.write`: one post in a persona's voice. The whole attempt has a
 * deadline (the payload's `timeoutMs`): a provider that hangs past it ends
 * the item as timed out rather than holding a batch slot, and it is not
 * retried (a retry would hang as long again).
 */
export async function writeKolPost(p: WritePayload, ctx: JobContext): Promise<KolWriteResult> {
  ctx.progress(0.1, progressLabel('writing'));
  if (p.provider === 'offline') {
    const post = finishPost(p, offlineKolPost(p));
    ctx.progress(1, progressLabel('done'));
    return { ...post, provider: 'offline', model: OFFLINE_MODEL, draft: true, creditsUsed: 0 };
  }
  const deadline = AbortSignal.timeout(p.timeoutMs);
  const signal = AbortSignal.any([ctx.signal, deadline]);
  const structured = registryFor(ctx).resolve('structured', { provider: p.provider, ...(p.model ? { model: p.model } : {}) });
  let answer: { value: KolPostAnswer; model: string; draft: boolean };
  try {
    answer = await structured.use.generateObject(
      {
        system: systemPrompt(p),
        prompt: userPrompt(p),
        schema: kolPostSchema(p.persona.tone.avoid),
        schemaName: 'KolPost',
        temperature: p.temperature,
        ...(p.model ? { model: p.model } : {}),
        brief: { topic: p.topic, tone: p.persona.tone.tone, persona: p.persona.persona, language: p.persona.tone.language, keywords: p.persona.expertiseAreas, form: 'caption' },
      },
      { signal, jobId: ctx.jobId, timeoutMs: p.timeoutMs },
    );
  } catch (err) {
    if (deadline.aborted && !ctx.signal.aborted) throw writeTimedOut(p.timeoutMs);
    if (err instanceof StudioError && err.code === 'PROVIDER_TIMEOUT') throw writeTimedOut(p.timeoutMs);
    throw err;
  }
  ctx.progress(1, progressLabel('done'));
  return {
    ...finishPost(p, answer.value),
    provider: p.provider,
    model: answer.model,
    draft: answer.draft,
    // Credits only for what KingJam Cloud ran; main records what its gateway really captured.
    creditsUsed: creditsOn(p.provider, textCredits({ provider: p.provider, ...(p.model ? { model: p.model } : {}) })),
  };
}

function writeTimedOut(ms: number): StudioError {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return new StudioError({
    code: 'PROVIDER_TIMEOUT',
    message: `The post was not written within ${seconds} s.`,
    hint: 'The provider may be overloaded: run the item again later, or choose another model for this persona.',
    retryable: false,
    ...say('kol.batch.writeTimedOut', { seconds }),
  });
}
