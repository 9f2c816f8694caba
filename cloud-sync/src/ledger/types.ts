import { createHash } from 'node:crypto';
import type { Bucket, JournalKind, LotState } from '../db/schema.js';
import type { BucketAmounts } from './burn-down.js';

/** The ledger's inputs and results (the API's JSON shapes) and the request hash that makes every write idempotent. */
export interface LedgerOptions {
  /**
   * Hold and capture through the hand-written statements of hot-path.ts (default), or through
   * Kysely like the other writes (false) — the tests run both and compare them.
   */
  hotPath?: boolean;
}

/** A refunded capture whose lot has expired meanwhile comes back as a PROMO lot valid this long. */
export const REFUND_REGRANT_TTL_MS = 7 * 24 * 3600 * 1000;
/** How long past its expiry a hold may stay open (or a lot keep available credit) before the check flags it. */
export const SWEEP_GRACE_MS = 10 * 60 * 1000;

export interface HoldInput {
  id: string;
  amount: number;
  ttl_seconds: number;
  reason: string;
  job_ref?: string | null | undefined;
}
export interface CaptureInput {
  id: string;
  amount: number;
}
export interface ReleaseInput {
  id: string;
}
export interface RefundInput {
  id: string;
}
export interface GrantInput {
  id: string;
  user_id: string;
  bucket: Bucket;
  amount: number;
  expires_at?: number | null | undefined;
  reason: string;
}

export interface HoldResult {
  id: string;
  kind: 'hold';
  status: 'open';
  amount: number;
  expires_at: number;
  buckets: BucketAmounts;
}
export interface CaptureResult {
  id: string;
  kind: 'capture';
  hold_id: string;
  captured: number;
  released: number;
  buckets: BucketAmounts;
}
export interface ReleaseResult {
  id: string;
  kind: 'release';
  hold_id: string;
  released: number;
  buckets: BucketAmounts;
}
export interface RefundResult {
  id: string;
  kind: 'refund';
  capture_id: string;
  refunded: number;
  buckets: BucketAmounts;
  regranted: number;
}
export interface GrantResult {
  id: string;
  kind: 'grant';
  lot_id: string;
  bucket: Bucket;
  amount: number;
  expires_at: number | null;
}

export interface WithdrawInput {
  id: string;
  amount: number;
  /** The calendar month the cap counts in ('YYYY-MM'). */
  period: string;
  monthlyCap: number;
  reason: string;
}
export interface WithdrawResult {
  id: string;
  kind: 'withdraw' | 'adjust';
  amount: number;
  period: string;
}

export interface ReversalResult {
  id: string;
  kind: 'adjust';
  /** The owed share this call accounted for (0 when earlier reversals already covered it). */
  accounted: number;
  retired: number;
  /** Owed but no longer there to take back: already spent, held by a job, withdrawn or expired. */
  not_recovered: number;
}

export type BatchOp =
  | ({ op: 'hold' } & HoldInput)
  | ({ op: 'capture'; hold_id: string } & CaptureInput)
  | ({ op: 'release'; hold_id: string } & ReleaseInput)
  | ({ op: 'refund'; capture_id: string } & RefundInput);

export type BatchResult =
  | { id: string; op: BatchOp['op']; ok: true; status: 200; result: HoldResult | CaptureResult | ReleaseResult | RefundResult }
  | { id: string; op: BatchOp['op']; ok: false; status: number; error: { code: string; message: string } };

export interface Balance {
  user_id: string;
  as_of: number;
  total: number;
  available: number;
  held: number;
  buckets: Record<Bucket, { available: number; held: number }>;
  expiring: { bucket: Bucket; amount: number; expires_at: number }[];
}

export interface JournalEntryView {
  seq: number;
  id: string;
  kind: JournalKind;
  amount: number;
  parent_id: string | null;
  reason: string | null;
  created_at: number;
  created_by: string;
  postings: { bucket: Bucket; lot_id: string; from: LotState; to: LotState; amount: number }[];
}

export interface SweepResult {
  holds_expired: number;
  lots_expired: number;
  credits_expired: number;
}

/** JSON with object keys sorted and undefined left out: the same facts always give the same bytes (request hashes, the audit chain). */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(kind: string, request: object): string {
  return createHash('sha256').update(canonical({ kind, ...request })).digest('hex');
}
