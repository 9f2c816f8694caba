import type { z } from 'zod';
import {
  conceptsAnswerSchema,
  rewriteAnswerSchema,
  type ConceptsResult,
  type RewriteResult,
  type characterJobKinds,
} from '../../shared/creator/jobs.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { Language } from '../../shared/settings.js';
import type { JobContext } from '../context.js';
import { OFFLINE_MODEL } from '../generation/providers/index.js';
import { registryFor } from '../generation/registry.js';
import { offlineConcepts, offlineRewrite } from './concepts-offline.js';

/**
 * The Prompt-Board's text jobs (issue 16): keywords → three character
 * concepts, and a rewrite of a character's world or backstory. A model
 * answers in JSON validated against the concepts' zod schema (the
 * structured generator repairs an invalid answer once, then refuses); the
 * offline provider writes from the keywords (./concepts-offline.ts) and is
 * labelled a draft.
 */
type ConceptsPayload = z.output<(typeof characterJobKinds)['character.concepts']['payload']>;
type RewritePayload = z.output<(typeof characterJobKinds)['character.rewrite']['payload']>;

const LANGUAGE_NAMES: Record<Language, string> = {
  'zh-TW': 'Traditional Chinese as written in Taiwan (繁體中文, never Simplified characters)',
  'zh-CN': 'Simplified Chinese as written in mainland China (简体中文, never Traditional characters)',
  en: 'English',
};

const SYSTEM =
  'You are a character designer for an independent creator studio: you invent original characters that can be drawn, animated and made into figures. ' +
  'Every character is distinct, consistent and drawable; never copy an existing franchise character.';

export function conceptsPrompt(p: Pick<ConceptsPayload, 'keywords' | 'language'>): string {
  return [
    `Keywords: ${p.keywords.map((k) => `"${k}"`).join(', ')}.`,
    'Invent exactly 3 different original characters built on these keywords (each concept uses the keywords in its world or backstory).',
    'For each give: name; world (the setting, 2–3 sentences); backstory (4–6 sentences: origin, a defining event, a want, a flaw); look (appearance for an illustrator: silhouette, clothes, colours, a signature detail, a typical pose and expression).',
    `Write every field in ${LANGUAGE_NAMES[p.language]}.`,
    'Answer only with JSON: {"concepts":[{"name":"…","world":"…","backstory":"…","look":"…"}, … 3 items]}.',
  ].join('\n');
}

export function rewritePrompt(p: Pick<RewritePayload, 'field' | 'character' | 'language'>): string {
  const c = p.character;
  return [
    `Character: ${c.name}.`,
    c.keywords.length > 0 ? `Keywords: ${c.keywords.join(', ')}.` : '',
    `World: ${c.world}`,
    `Backstory: ${c.backstory}`,
    `Look: ${c.look}`,
    p.field === 'world'
      ? 'Rewrite the world: richer and more specific (places, rules, conflicts), consistent with the backstory and the look, 3–5 sentences.'
      : 'Rewrite the backstory: vivid and specific (origin, a turning point, what the character wants and fears), consistent with the world and the look, 5–8 sentences.',
    `Write in ${LANGUAGE_NAMES[p.language]}.`,
    'Answer only with JSON: {"text":"…"}.',
  ]
    .filter(Boolean)
    .join('\n');
}

export async function writeConcepts(p: ConceptsPayload, ctx: JobContext): Promise<ConceptsResult> {
  ctx.progress(0.1, progressLabel('writing'));
  if (p.provider === 'offline') {
    ctx.progress(1, progressLabel('done'));
    return { concepts: offlineConcepts(p.keywords, p.language), provider: 'offline', model: OFFLINE_MODEL, draft: true };
  }
  const answer = await structured(p, ctx, { prompt: conceptsPrompt(p), schema: conceptsAnswerSchema, schemaName: 'CharacterConcepts', topic: p.keywords.join(' '), keywords: p.keywords });
  ctx.progress(1, progressLabel('done'));
  return { concepts: answer.value.concepts, provider: p.provider, model: answer.model, draft: answer.draft };
}

export async function rewriteCharacter(p: RewritePayload, ctx: JobContext): Promise<RewriteResult> {
  ctx.progress(0.1, progressLabel('writing'));
  if (p.provider === 'offline') {
    ctx.progress(1, progressLabel('done'));
    return { text: offlineRewrite(p.field, p.character, p.language), provider: 'offline', model: OFFLINE_MODEL, draft: true };
  }
  const answer = await structured(p, ctx, { prompt: rewritePrompt(p), schema: rewriteAnswerSchema, schemaName: 'CharacterRewrite', topic: p.character.name, keywords: p.character.keywords });
  ctx.progress(1, progressLabel('done'));
  return { text: answer.value.text, provider: p.provider, model: answer.model, draft: answer.draft };
}

interface Ask<T> {
  prompt: string;
  schema: z.ZodType<T>;
  schemaName: string;
  topic: string;
  keywords: string[];
}

/** One structured call under the payload's deadline: a provider hanging past it ends the job as timed out, not retried. */
async function structured<T>(p: ConceptsPayload | RewritePayload, ctx: JobContext, ask: Ask<T>): Promise<{ value: T; model: string; draft: boolean }> {
  const deadline = AbortSignal.timeout(p.timeoutMs);
  const signal = AbortSignal.any([ctx.signal, deadline]);
  const generator = registryFor(ctx).resolve('structured', { provider: p.provider, ...(p.model ? { model: p.model } : {}) });
  try {
    return await generator.use.generateObject(
      {
        system: SYSTEM,
        prompt: ask.prompt,
        schema: ask.schema,
        schemaName: ask.schemaName,
        temperature: 0.9,
        ...(p.model ? { model: p.model } : {}),
        brief: { topic: ask.topic, language: p.language, keywords: ask.keywords, form: 'generic' },
      },
      { signal, jobId: ctx.jobId, timeoutMs: p.timeoutMs },
    );
  } catch (err) {
    const timedOut = (deadline.aborted && !ctx.signal.aborted) || (err instanceof StudioError && err.code === 'PROVIDER_TIMEOUT');
    if (!timedOut) throw err;
    const seconds = Math.max(1, Math.round(p.timeoutMs / 1000));
    throw new StudioError({
      code: 'PROVIDER_TIMEOUT',
      message: `The text model did not answer within ${seconds} s.`,
      hint: 'The provider may be busy: try again, or choose another provider.',
      retryable: false,
      ...say('character.textTimedOut', { seconds }),
    });
  }
}
