import { timeOrderedId } from '../db/time-ordered-id.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentModel, findModel, type CatalogModel, type ModelCapability, type Upstream } from '../../../src/shared/models.js';
import type { AuthService } from '../auth/service.js';
import { systemClock, type Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { Ledger } from '../ledger/service.js';
import { PLANS } from '../billing/catalog.js';
import { resolveGateway, type GatewayOptions, type ResolvedGateway } from './config.js';
import { UpstreamGate, UserRateLimit } from './limits.js';
import { Metering, type GenCaller, type GenCallRow } from './metering.js';
import { ReplayCache, type StoredAnswer } from './replay.js';
import { GenTokenVerifier, presentedGenToken } from './tokens.js';
import { redact } from './upstream.js';

export interface GatewayDeps {
  db: DbHandle;
  ledger: Ledger;
  auth: AuthService;
  clock: Clock;
  jwtSecret: string;
  options?: GatewayOptions;
}

/** The header every gateway answer carries: the call it was (also on refusals, and the original call's id on a replay). */
export const CALL_ID_HEADER = 'x-kingjam-call-id';

/** Plans whose users are served first when an upstream key is at its cap (the seed's Pro "priority processing"). */
const PRIORITY_PLANS: readonly string[] = PLANS.filter((p) => p.priority).map((p) => p.id);
/** A user's plan is read at most this often (it changes on a webhook; a minute late is fine for queue order). */
const PRIORITY_CACHE_MS = 60_000;

/**
 * The generation gateway's core, upstream-agnostic: who is calling (generation tokens), what may be
 * called (the catalogue's allow-list), the limits (per-user rate, per-key concurrency with
 * priority), the metering (holds, settles, idempotency) and the replay of finished answers. The
 * upstream route modules (gemini/, replicate/) build on it:
 *
 *   const caller = gateway.caller(req)                 // set by the scope's auth hook
 *   gateway.admit(caller)                              // 429 past the per-user rate
 *   const model = gateway.allowModel('gemini', id, ['text'])      // 403 / 410, rewrites retired ids
 *   const begun = await gateway.metering.begin(gateway.callId(req), caller, spec)   // hold or 402
 *   if (begun.kind === 'replay') return gateway.replay(reply, begun.row)            // never upstream again
 *   const release = await gateway.slot('gemini', caller, signal)  // waits at the cap, Pro first; 503
 *   ... go upstream with gateway.key('gemini') under an UpstreamCall (deadline + client hang-up) ...
 *   await call.settle(credits, units) | await call.abandon(code)
 *   gateway.remember(call.id, answer)                  // so a retry gets the same answer
 */
export class Gateway {
  readonly config: ResolvedGateway;
  readonly metering: Metering;
  readonly replays: ReplayCache;
  readonly gates: Record<Upstream, UpstreamGate>;
  private readonly rate: UserRateLimit;
  private readonly plans = new Map<string, { priority: boolean; at: number }>();
  private readonly tokens: GenTokenVerifier;

  constructor(private readonly deps: GatewayDeps) {
    this.config = resolveGateway(deps.options);
    this.metering = new Metering(deps.db, deps.ledger, deps.clock);
    this.tokens = new GenTokenVerifier(deps.jwtSecret, deps.auth.revoked);
    this.replays = new ReplayCache(this.config.replayTtlMs);
    this.rate = new UserRateLimit(this.config.ratePerMinute);
    this.gates = { gemini: new UpstreamGate(this.config.concurrency, this.config.queueWaitMs), replicate: new UpstreamGate(this.config.concurrency, this.config.queueWaitMs) };
  }

  /** The platform secrets, for redaction: none of them may reach an answer, a log line or an error. */
  get secrets(): string[] {
    return Object.values(this.config.keys).filter((k): k is string => !!k);
  }

  /** A text with every platform secret replaced. */
  redact(text: string): string {
    return redact(text, this.secrets);
  }

  /** The platform key of an upstream, or 503 when the server has none. */
  key(upstream: Upstream): string {
    const k = this.config.keys[upstream];
    if (!k) throw new ApiError(503, 'GEN_NOT_CONFIGURED', `generation through ${upstream} is not configured on this server`);
    return k;
  }

  baseUrl(upstream: Upstream): string {
    return this.config.baseUrls[upstream];
  }

  /** Verifies the generation token the SDK sent (its API key); access tokens are refused here. */
  async authenticate(req: FastifyRequest): Promise<GenCaller> {
    const token = presentedGenToken(req.headers);
    if (!token) throw new ApiError(401, 'GEN_TOKEN_REQUIRED', 'a generation token is required (POST /v1/gen/tokens), sent as the API key');
    // Token times run on the real clock, like access tokens (AuthService); the ledger's may be a test clock.
    const c = await this.tokens.verify(token, systemClock.now());
    return { userId: c.sub, purpose: c.purpose, jobRef: c.job_ref };
  }

  /** The id of the call this request is (assigned when it arrived, sent as x-kingjam-call-id). */
  callId(req: FastifyRequest): string {
    return req.genCallId ?? timeOrderedId();
  }

  caller(req: FastifyRequest): GenCaller {
    if (!req.genCaller) throw new ApiError(401, 'GEN_TOKEN_REQUIRED', 'a generation token is required');
    return req.genCaller;
  }

  /** Counts a call against the caller's per-minute rate (429 with Retry-After past it). */
  admit(caller: GenCaller): void {
    this.rate.hit(caller.userId);
  }

  /**
   * The model a call runs on: a current catalogue model of the upstream whose capability is one of
   * `capabilities` (403 GEN_NOT_ALLOWED otherwise, nothing held or sent). A retired id is rewritten
   * to its successor when the successor answers the same operation; else 410 MODEL_RETIRED naming it.
   */
  allowModel(upstream: Upstream, id: string, capabilities: readonly ModelCapability[]): CatalogModel {
    const named = findModel(upstream, id);
    if (!named) throw new ApiError(403, 'GEN_NOT_ALLOWED', `${upstream} model ${id} is not offered through KingJam Cloud`);
    const model = currentModel(upstream, id);
    if (named.lifecycle.status !== 'current') {
      const successor = model?.id ?? named.lifecycle.successor;
      if (!model || !capabilities.includes(model.capability)) {
        throw new ApiError(410, 'MODEL_RETIRED', `${id} was shut down on ${named.lifecycle.shutdownOn}; use ${successor}`, { successor });
      }
      return model;
    }
    if (!capabilities.includes(named.capability)) throw new ApiError(403, 'GEN_NOT_ALLOWED', `${id} does not do this operation (it is a ${named.capability} model)`);
    return named;
  }

  /** Whether the user's plan buys priority processing (an active Pro or Enterprise subscription). */
  async priority(userId: string): Promise<boolean> {
    const now = Date.now();
    const known = this.plans.get(userId);
    if (known && now - known.at < PRIORITY_CACHE_MS) return known.priority;
    const row = await this.deps.db.db
      .selectFrom('subscriptions')
      .select('id')
      .where('user_id', '=', userId)
      .where('status', '=', 'active')
      .where('plan', 'in', PRIORITY_PLANS)
      .executeTakeFirst();
    if (this.plans.size > 10_000) this.plans.clear();
    this.plans.set(userId, { priority: !!row, at: now });
    return !!row;
  }

  /** A slot on the upstream key (waits at the cap, priority first); give it back when the call ends. */
  async slot(upstream: Upstream, caller: GenCaller, signal?: AbortSignal): Promise<() => void> {
    return this.gates[upstream].acquire(await this.priority(caller.userId), signal);
  }

  /** Keeps a finished non-streamed answer for retries under the same Idempotency-Key. */
  remember(callId: string, answer: StoredAnswer): void {
    this.replays.put(callId, answer);
  }

  /**
   * Answers a retried call from the first attempt, never going upstream again: the kept answer;
   * 409 GEN_IN_PROGRESS (Retry-After) while the first still runs; 409 GEN_ALREADY_DONE when it
   * finished but its answer is no longer kept (the client reads the call record). `rebuild` makes
   * the answer again from the row where it can (a long-running call's operation name).
   */
  replay(reply: FastifyReply, row: GenCallRow, rebuild?: (row: GenCallRow) => StoredAnswer | null): FastifyReply {
    reply.header(CALL_ID_HEADER, row.id);
    const kept = this.replays.get(row.id) ?? rebuild?.(row) ?? undefined;
    if (kept) return reply.status(kept.status).header('content-type', kept.contentType).header('idempotent-replayed', 'true').send(kept.body);
    if (row.status === 'running') throw new ApiError(409, 'GEN_IN_PROGRESS', 'this Idempotency-Key is still being answered; retry shortly', { call_id: row.id, retry_after_seconds: 2 });
    throw new ApiError(409, 'GEN_ALREADY_DONE', 'this Idempotency-Key was already answered; read the call record (GET /v1/gen/calls)', { call_id: row.id, status: row.status });
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on gateway routes: the generation token's caller, and this request's call id. */
    genCaller: GenCaller | null;
    genCallId: string | null;
  }
}
