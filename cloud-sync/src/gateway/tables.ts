/** Tables of migration 007 (the generation gateway). Times are epoch ms. */

export type GenOperation = 'text' | 'stream' | 'image' | 'speech' | 'video' | 'prediction';

/**
 * One upstream call through the gateway: who, what, what it held and cost, how it ended.
 * Prompts and outputs are never stored.
 */
export interface GenCallsTable {
  id: string;
  user_id: string;
  /** The client's Idempotency-Key; freed (null) when the call ends with nothing charged, so a retry may run. */
  idempotency_key: string | null;
  /** sha256 of the request as sent (model, operation, body): the same key with another body is refused. */
  request_hash: string;
  purpose: string;
  job_ref: string | null;
  upstream: string;
  model: string;
  operation: GenOperation;
  /** The ledger hold placed before going upstream (null when none was placed). */
  hold_id: string | null;
  held: number;
  credits: number;
  /** JSON of GenCallView['units']. */
  units: string;
  status: 'running' | 'succeeded' | 'failed' | 'released';
  error_code: string | null;
  /** Long-running work: the Veo operation name or the Replicate prediction id. */
  upstream_ref: string | null;
  /** JSON array of the upstream file ids a finished call made (Veo videos): the only files its owner may download. */
  upstream_files: string | null;
  first_byte_ms: number | null;
  latency_ms: number | null;
  created_at: number;
  finished_at: number | null;
  /** The platform-paid grant this call was made on (migration 009: 'photo-free-daily'), or null for a paid call. */
  grant_kind: string | null;
}

/** Migration 009: one platform-paid grant per user and Taipei day (the photo studio's free variant). */
export interface GenGrantsTable {
  user_id: string;
  /** 'YYYY-MM-DD' in Asia/Taipei. */
  day: string;
  kind: string;
  call_id: string;
  /** The call's list price in credits, recorded when it succeeds: what the free tier cost the platform. */
  list_credits: number;
  created_at: number;
}

export interface GatewayTables {
  gen_calls: GenCallsTable;
  gen_grants: GenGrantsTable;
}
