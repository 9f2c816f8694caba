import { z } from 'zod';
import type { CallSpec } from './contract.js';
import { personaInputSchema, personaPatchSchema, type PersonaExport, type PersonaView } from '../kol/persona.js';
import { KOL_POST_STATES, type KolPostTransition, type KolPostView } from '../kol/post-record.js';
import { RISK_LEVELS } from '../kol/scores.js';

/** The KOL workspace's personas, post records and review (issue 14); spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);
const time = z.number().int().min(0).max(8_640_000_000_000_000);
const notes = z.string().trim().min(1).max(4000);
const tags = z.array(z.string().trim().min(1).max(60)).max(30);

/** The review queue's filter; pages are keyset (`cursor` from the previous page), newest first. */
export const kolPostFilterSchema = z
  .object({
    statuses: z.array(z.enum(KOL_POST_STATES)).max(KOL_POST_STATES.length).optional(),
    clientId: id.optional(),
    personaId: id.optional(),
    risk: z.array(z.enum(RISK_LEVELS)).max(RISK_LEVELS.length).optional(),
    minQuality: z.number().min(0).max(100).optional(),
    search: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type KolPostFilter = z.output<typeof kolPostFilterSchema>;

export interface KolPostPage {
  items: KolPostView[];
  /** Pass back to get the next page; null on the last one. */
  nextCursor: string | null;
}

/** What a review action changed, and the token that undoes it within the undo window. */
export interface ReviewResult {
  posts: KolPostView[];
  undo: { token: string; expiresAt: number } | null;
}

export interface Reviewer {
  name: string;
  source: 'cloud' | 'os';
}

export const REVIEW_UNDO_MS = 10_000;

export const kolCalls = {
  'kol.personas.list': call<PersonaView[]>()(z.object({ clientId: id.optional(), includeArchived: z.boolean().default(false) }).strict()),
  'kol.personas.get': call<PersonaView>()(z.object({ id }).strict()),
  'kol.personas.create': call<PersonaView>()(personaInputSchema),
  'kol.personas.update': call<PersonaView>()(z.object({ id, patch: personaPatchSchema }).strict()),
  'kol.personas.archive': call<{ archived: boolean }>()(z.object({ id }).strict()),
  /** Settings only (no ids, accounts or statistics), as the JSON file holds them. */
  'kol.personas.export': call<PersonaExport>()(z.object({ ids: z.array(id).max(1000).optional() }).strict()),
  /** `json` is the text of an export file; every persona is checked before any is created (all or nothing). */
  'kol.personas.import': call<PersonaView[]>()(z.object({ json: z.string().min(2).max(5_000_000) }).strict()),

  'kol.posts.list': call<KolPostPage>()(
    z.object({ filter: kolPostFilterSchema.default({}), cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  ),
  'kol.posts.get': call<{ post: KolPostView; history: KolPostTransition[] }>()(z.object({ id }).strict()),
  /** A post written by hand: saved as a draft, or sent to review with submit. */
  'kol.posts.create': call<KolPostView>()(
    z
      .object({
        personaId: id,
        topic: z.string().trim().min(1).max(300),
        title: z.string().trim().max(300).default(''),
        content: z.string().trim().min(1).max(100_000),
        tags: tags.default([]),
        submit: z.boolean().default(true),
      })
      .strict(),
  ),
  /** Edit in place (draft, pending review or needs changes); the scores are computed again. */
  'kol.posts.edit': call<KolPostView>()(
    z.object({ id, title: z.string().trim().max(300).optional(), content: z.string().trim().min(1).max(100_000).optional(), tags: tags.optional() }).strict(),
  ),
  'kol.posts.submit': call<KolPostView>()(z.object({ id }).strict()),
  /** Approved posts go out through the outbox: on `at`, or the persona's next free slot (its daily limit and quiet hours) when at is null. */
  'kol.posts.schedule': call<KolPostView>()(z.object({ id, accountId: id, at: time.nullable().default(null) }).strict()),
  'kol.posts.unschedule': call<KolPostView>()(z.object({ id }).strict()),

  'kol.review.approve': call<ReviewResult>()(z.object({ ids: z.array(id).min(1).max(500), notes: notes.optional() }).strict()),
  'kol.review.reject': call<ReviewResult>()(z.object({ id, notes }).strict()),
  'kol.review.requestChanges': call<ReviewResult>()(z.object({ id, notes }).strict()),
  /** Approves every pending post the filter selects whose risk is low (at most `limit`). */
  'kol.review.approveLowRisk': call<ReviewResult>()(z.object({ filter: kolPostFilterSchema.default({}), limit: z.number().int().min(1).max(500).default(100) }).strict()),
  /** Who the review actions record as the reviewer: the signed-in KingJam Cloud account, else this computer's user name. */
  'kol.review.reviewer': call<Reviewer>()(z.object({}).strict()),
  'kol.review.undo': call<{ posts: KolPostView[] }>()(z.object({ token: z.string().min(1).max(200) }).strict()),
} as const;

export type KolCallName = keyof typeof kolCalls;
