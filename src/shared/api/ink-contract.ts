import { z } from 'zod';
import type { CallSpec } from './contract.js';
import type { ErrorInfo } from '../errors.js';
import { inkOptionsSchema, type InkOptions } from '../ink/options.js';

/** The calls of the 2D studio (issue 16); spread into the contract. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);

export const INK_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const;
export type InkRunStatus = (typeof INK_RUN_STATUSES)[number];

/** A cleanup run of one sketch: its line art, its tracing, and (when asked) its layered PSD. */
export interface InkRunView {
  id: string;
  /** The sketch's file name. */
  name: string;
  /** The sketch's library asset and its file inside the library (for the "before" picture). */
  assetId: string;
  input: string;
  options: InkOptions;
  /** The locked style whose palette fills the PSD's regions, or null (the default palette). */
  styleId: string | null;
  status: InkRunStatus;
  progress: number;
  /** Files are library paths (for mediaUrl). */
  result: {
    png: string;
    svg: string;
    width: number;
    height: number;
    angle: number;
    paths: number;
    curves: number;
  } | null;
  psd: { status: InkRunStatus; file: string | null; preview: string | null; error: ErrorInfo | null } | null;
  /** The outputs added to the library (the line-art PNG, the PSD's flattened preview), by kind. */
  assets: { lineArt?: string; preview?: string };
  error: ErrorInfo | null;
  createdAt: number;
}

export const inkRunRequestSchema = z
  .object({
    /** The sketch, from the library (an upload goes through the library's import first). */
    assetId: id,
    options: inkOptionsSchema.prefault({}),
    styleId: id.nullable().default(null),
  })
  .strict();
export type InkRunRequest = z.input<typeof inkRunRequestSchema>;

export const inkCalls = {
  'ink.run': call<InkRunView>()(inkRunRequestSchema),
  'ink.runs': call<InkRunView[]>()(z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict()),
  'ink.get': call<InkRunView>()(z.object({ id }).strict()),
  /** Queues the layered PSD of a finished run (a second call while one is made or made returns the run as it is). */
  'ink.psd': call<InkRunView>()(z.object({ id, paper: z.enum(['white', 'sketch']).default('white') }).strict()),
} as const;

export type InkCallName = keyof typeof inkCalls;

/** Pushed when one of the 2D studio's records changed; the page reloads what it shows. */
export interface InkChangedEvent {
  id: string;
}
