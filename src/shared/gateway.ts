import type { Upstream } from './models.js';

/**
 * The cloud generation gateway's wire contract, shared by cloud-sync (which
 * serves it) and the studio (which calls it). The gateway speaks each
 * upstream's own wire format under its mount point, so the studio's Gemini
 * and Replicate provider code reaches it unchanged: only the base URL and
 * the credential differ.
 *
 *   Gemini SDK:    baseUrl `${cloudUrl}${GATEWAY_MOUNTS.gemini}`, apiVersion v1beta, apiKey = generation token
 *                  (sent as `x-goog-api-key`).
 *   Replicate SDK: baseUrl `${cloudUrl}${GATEWAY_MOUNTS.replicate}`, auth = generation token (Bearer).
 *
 * Other endpoints:
 *   POST /v1/gen/tokens  (Bearer access token)  {purpose, job_ref?} → GenToken
 *   GET  /v1/gen/prices  (public)                → PriceTable (call-prices.ts)
 *   GET  /v1/gen/calls?cursor=&limit=  (Bearer access token) → {calls: GenCallView[], next_cursor}
 *   GET  /v1/admin/gen/costs?from=&to= (admin)   → GenCostReport
 */

export const GATEWAY_MOUNTS = { gemini: '/v1/gen/gemini', replicate: '/v1/gen/replicate/v1' } as const satisfies Record<Upstream, string>;

/** A retried call carries the same key: it is neither sent upstream twice nor charged twice. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** What a generation is for, as the credits history names it. */
export const GEN_PURPOSES = ['blog', 'social', 'director-script', 'director-scene', 'voice-over', 'image', 'connection-test', 'other'] as const;
export type GenPurpose = (typeof GEN_PURPOSES)[number];

/** A short-lived credential scoped to generation: it cannot read or move anything else. */
export interface GenToken {
  token: string;
  /** Unix ms. */
  expires_at: number;
}

export type GenCallStatus = 'running' | 'succeeded' | 'failed' | 'released';

/** One upstream call as its owner sees it (no prompt, no output). */
export interface GenCallView {
  id: string;
  purpose: GenPurpose;
  upstream: Upstream;
  model: string;
  /** What was measured: tokens in/out, images, seconds of video or speech. */
  units: { input_tokens?: number; output_tokens?: number; images?: number; video_seconds?: number; speech_seconds?: number; models?: number };
  /** Held before it ran, and what was captured (0 when released). */
  held: number;
  credits: number;
  status: GenCallStatus;
  /** Why it did not succeed: a cloud error code. */
  error_code: string | null;
  latency_ms: number | null;
  created_at: number;
}

export interface GenCostReport {
  from: number;
  to: number;
  rows: {
    upstream: Upstream;
    model: string;
    calls: number;
    succeeded: number;
    credits: number;
    units: GenCallView['units'];
    /** Succeeded calls the platform paid for (the free daily photo, src/shared/gen-grant.ts), and their list price in credits. */
    granted: number;
    granted_credits: number;
  }[];
}
