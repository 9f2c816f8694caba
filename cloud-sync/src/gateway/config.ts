import type { Upstream } from '../../../src/shared/models.js';
import { GEN_TOKEN_TTL_MS } from './tokens.js';

/** The gateway's server configuration (AppOptions.gateway). Platform keys never leave the server. */
export interface GatewayOptions {
  /** The platform's Gemini API key; without it the Gemini routes answer 503 GEN_NOT_CONFIGURED. */
  geminiApiKey?: string;
  /** Default https://generativelanguage.googleapis.com (no version: the route adds /v1beta). */
  geminiBaseUrl?: string;
  /** The platform's Replicate API token. */
  replicateApiToken?: string;
  /** Default https://api.replicate.com/v1 (with /v1). */
  replicateBaseUrl?: string;
  /** Generation calls per user per minute (default 60). */
  ratePerMinute?: number;
  /** Calls in flight per upstream key (default 16); past it calls wait, Pro first. */
  concurrency?: number;
  /** The longest a call waits for a slot before 503 GEN_BUSY (default 30 s). */
  queueWaitMs?: number;
  /** One upstream call's deadline, whole body included (default 5 min). */
  deadlineMs?: number;
  /** Generation tokens' lifetime (default GEN_TOKEN_TTL_MS, an hour). */
  genTokenTtlMs?: number;
  /** How long a finished answer can be replayed from memory (default 10 min). */
  replayTtlMs?: number;
}

export interface ResolvedGateway {
  keys: Partial<Record<Upstream, string>>;
  baseUrls: Record<Upstream, string>;
  ratePerMinute: number;
  concurrency: number;
  queueWaitMs: number;
  deadlineMs: number;
  genTokenTtlMs: number;
  replayTtlMs: number;
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

export function resolveGateway(o: GatewayOptions = {}): ResolvedGateway {
  return {
    keys: { ...(o.geminiApiKey ? { gemini: o.geminiApiKey } : {}), ...(o.replicateApiToken ? { replicate: o.replicateApiToken } : {}) },
    baseUrls: {
      gemini: trimSlash(o.geminiBaseUrl || 'https://generativelanguage.googleapis.com'),
      replicate: trimSlash(o.replicateBaseUrl || 'https://api.replicate.com/v1'),
    },
    ratePerMinute: o.ratePerMinute ?? 60,
    concurrency: o.concurrency ?? 16,
    queueWaitMs: o.queueWaitMs ?? 30_000,
    deadlineMs: o.deadlineMs ?? 5 * 60_000,
    genTokenTtlMs: o.genTokenTtlMs ?? GEN_TOKEN_TTL_MS,
    replayTtlMs: o.replayTtlMs ?? 10 * 60_000,
  };
}

const positive = (v: string | undefined): number | undefined => {
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/** The same variable names the desktop reads, so a test or a deployment points both at the same place. */
export function gatewayFromEnv(env: NodeJS.ProcessEnv): GatewayOptions {
  return {
    geminiApiKey: env.GEMINI_API_KEY || undefined,
    geminiBaseUrl: env.KINGJAM_GEMINI_BASE_URL || undefined,
    replicateApiToken: env.REPLICATE_API_TOKEN || undefined,
    replicateBaseUrl: env.KINGJAM_REPLICATE_BASE_URL || undefined,
    ratePerMinute: positive(env.KINGJAM_GEN_RATE_PER_MINUTE),
    concurrency: positive(env.KINGJAM_GEN_CONCURRENCY),
    queueWaitMs: positive(env.KINGJAM_GEN_QUEUE_WAIT_MS),
    deadlineMs: positive(env.KINGJAM_GEN_DEADLINE_MS),
  };
}
