import { z } from 'zod';
import type { CallSpec } from './contract.js';
import { MISSED_POLICIES, OUTBOX_STATES, postOptionsSchema, type OutboxPostView, type PostProblem, type PublishAccountView } from '../publish/post.js';
import { PUBLISH_PLATFORMS, type PublishPlatform } from '../publish/platforms.js';

/** Publishing: accounts, the outbox, the calendar and bulk import (issue 13); spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const empty = z.object({}).strict();
const id = z.string().min(1).max(100);
const time = z.number().int().min(0).max(8_640_000_000_000_000);

/** A media item as the composer names it: a library asset, or a file path (the CLI, CSV import); main fills in the rest. */
export const draftMediaSchema = z.union([
  z.object({ assetId: id, altText: z.string().max(1000).optional() }).strict(),
  z.object({ path: z.string().min(1).max(4096), altText: z.string().max(1000).optional() }).strict(),
]);

export const draftContentSchema = z
  .object({
    text: z.string().max(1_000_000),
    title: z.string().max(500).optional(),
    media: z.array(draftMediaSchema).max(20).default([]),
    options: postOptionsSchema.default({}),
  })
  .strict();
export type DraftContent = z.infer<typeof draftContentSchema>;

export const PUBLISH_ACTIONS = ['draft', 'schedule', 'now'] as const;

export interface PostCheck {
  accountId: string;
  platform: PublishPlatform;
  problems: PostProblem[];
}

export interface CsvImportRow {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  problems: { field: string; message: PostProblem['message'] }[];
  /** What the import decided that the user should know but need not fix (an ambiguous fall-back time read as its first occurrence). */
  notes?: { field: string; message: PostProblem['message'] }[];
  accountId: string | null;
  scheduledAt: number | null;
}

export interface CsvImportResult {
  dryRun: boolean;
  rows: CsvImportRow[];
  /** Posts scheduled (0 on a dry run, and 0 when any row has a problem: an import is all or nothing). */
  created: number;
}

const listFilter = z
  .object({
    from: time.optional(),
    to: time.optional(),
    states: z.array(z.enum(OUTBOX_STATES)).max(OUTBOX_STATES.length).optional(),
    accountIds: z.array(id).max(500).optional(),
    platforms: z.array(z.enum(PUBLISH_PLATFORMS)).max(PUBLISH_PLATFORMS.length).optional(),
    clientId: id.optional(),
    limit: z.number().int().min(1).max(5000).default(1000),
  })
  .strict();

export const publishCalls = {
  /** The accounts posts can go to, from the vault's connections (a Meta login lists its Pages and Instagram accounts). */
  'publish.accounts': call<PublishAccountView[]>()(z.object({ refresh: z.boolean().default(false) }).strict()),
  'publish.updateAccount': call<PublishAccountView>()(
    z
      .object({
        id,
        timeZone: z.string().min(1).max(64).optional(),
        missedPolicy: z.enum(MISSED_POLICIES).optional(),
      })
      .strict(),
  ),
  /** Checks one draft for each account without saving anything (the composer's live limits). */
  'publish.check': call<PostCheck[]>()(
    z.object({ accountIds: z.array(id).min(1).max(100), content: draftContentSchema, perPlatform: z.partialRecord(z.enum(PUBLISH_PLATFORMS), draftContentSchema).default({}) }).strict(),
  ),
  /** One draft to many accounts: a row per account, refused as a whole when any account's post has problems (unless saved as a draft). */
  'publish.create': call<OutboxPostView[]>()(
    z
      .object({
        accountIds: z.array(id).min(1).max(100),
        content: draftContentSchema,
        /** What differs on one platform (its own text, title or options), written in the composer's tab. */
        perPlatform: z.partialRecord(z.enum(PUBLISH_PLATFORMS), draftContentSchema).default({}),
        action: z.enum(PUBLISH_ACTIONS),
        scheduledAt: time.nullable().default(null),
        missedPolicy: z.enum(MISSED_POLICIES).optional(),
      })
      .strict(),
  ),
  'publish.list': call<OutboxPostView[]>()(listFilter),
  'publish.get': call<OutboxPostView>()(z.object({ id }).strict()),
  /** Edits a draft, scheduled, failed or canceled post (never one publishing or published). */
  'publish.update': call<OutboxPostView>()(
    z.object({ id, content: draftContentSchema.optional(), scheduledAt: time.nullable().optional(), missedPolicy: z.enum(MISSED_POLICIES).optional() }).strict(),
  ),
  /** Drag on the calendar. */
  'publish.reschedule': call<OutboxPostView>()(z.object({ id, scheduledAt: time }).strict()),
  'publish.retry': call<OutboxPostView>()(z.object({ id }).strict()),
  'publish.cancel': call<OutboxPostView>()(z.object({ id }).strict()),
  'publish.now': call<OutboxPostView>()(z.object({ id }).strict()),
  'publish.importCsv': call<CsvImportResult>()(z.object({ csv: z.string().min(1).max(10_000_000), dryRun: z.boolean().default(true) }).strict()),
  'publish.exportCsv': call<{ csv: string }>()(listFilter),
  'publish.summary': call<Record<(typeof OUTBOX_STATES)[number], number>>()(empty),
} as const;
