import { imageCredits } from '../../../src/shared/call-prices.js';
import type { GenGrant } from '../../../src/shared/gen-grant.js';
import { findModel, type CatalogModel } from '../../../src/shared/models.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { CloudErrorCode } from '../error-codes.js';
import { ApiError } from '../errors.js';
import type { Gateway } from './gateway.js';
import { checkGrantable } from './grants.js';
import { UserRateLimit } from './limits.js';
import { requestHashOf, type GenCaller, type GenCallRow, type MeteredCall } from './metering.js';
import { actualCost, isUnpriceable, maxCost, noUnits, type MaxCost } from './replicate-prices.js';
import { ENDED, ReplicateUpstream, UpstreamFailure, type UpstreamPrediction } from './replicate-upstream.js';

/**
 * Replicate predictions through the gateway, metered as long-running work:
 * a create holds the prediction's maximum cost before it goes upstream; the
 * hold stays open while the prediction runs; the first request that sees it
 * end (a poll, a cancel, a `Prefer: wait` answer, or the reconciler) charges
 * it once when it succeeded (images by what came back) or releases it.
 * Every prediction is tied to the call that created it (gen_calls.upstream_ref),
 * so a user reaches only their own.
 */

/** A prediction's hold outlives any run Replicate allows; the reconciler settles it long before. */
export const PREDICTION_HOLD_TTL_S = 6 * 3600;
/** Deadlines of the gateway's own requests to Replicate (a `Prefer: wait` create is held up to 60 s there), within the gateway's call deadline. */
const UPSTREAM_TIMEOUT_MS = 30_000;
const UPSTREAM_WAIT_TIMEOUT_MS = 75_000;
/** How far back a lost create's prediction is looked for (clock skew between us and Replicate). */
const ORPHAN_SKEW_MS = 60_000;
/** Pages of the platform's recent predictions searched for a lost create. */
const ORPHAN_PAGES = 2;
/** The caller's predictions per page of GET /predictions. */
export const LIST_PAGE = 20;
/**
 * Polls, cancels and lists per user per minute: each goes upstream with the platform token, so one
 * user cannot spend the platform account's own rate limit. The SDK polls every 0.5 s: this is ten
 * predictions followed at once.
 */
const READS_PER_MINUTE = 1_200;

/** JSON with object keys sorted: the same input hashes the same whichever order Replicate echoes it in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** What a create is, for idempotency and for finding its prediction again: the model and the input, nothing else. */
export const predictionHash = (model: string, input: unknown): string => requestHashOf({ upstream: 'replicate', model, operation: 'prediction', body: canonicalJson({ input }) });

/** Why a prediction ended without a charge, as a cloud error code on the call record. */
function endCode(p: UpstreamPrediction): CloudErrorCode {
  if (p.status === 'canceled' || p.status === 'aborted') return 'GEN_CANCELED';
  // Replicate's safety filter: E005 "flagged as sensitive".
  return /\bE005\b|flagged as sensitive/i.test(String(p.error ?? '')) ? 'GEN_FILTERED' : 'GEN_UPSTREAM_ERROR';
}

/** An upstream refusal as the caller gets it: their input's 422 as Replicate said it; the platform's own troubles as 502/504. */
export function upstreamError(err: unknown): ApiError {
  if (!(err instanceof UpstreamFailure)) return new ApiError(502, 'GEN_UPSTREAM_ERROR', 'Replicate answered something that is not a prediction');
  if (err.status === 0) return err.timedOut ? new ApiError(504, 'GEN_UPSTREAM_TIMEOUT', 'Replicate did not answer in time') : new ApiError(502, 'GEN_UPSTREAM_ERROR', 'Replicate could not be reached');
  const detail = (err.body as { detail?: unknown } | null)?.detail;
  if (err.status === 422) return new ApiError(422, 'VALIDATION_ERROR', typeof detail === 'string' ? detail : 'Replicate refused the input', err.body);
  if (err.status === 429) {
    const wait = Number(err.retryAfter);
    return new ApiError(429, 'RATE_LIMITED', 'Replicate is throttling the platform account; retry shortly', { retry_after_seconds: Number.isFinite(wait) && wait > 0 ? Math.ceil(wait) : 5 });
  }
  if (err.status === 404) return new ApiError(404, 'NOT_FOUND', 'Replicate does not know this prediction or model');
  // 401/402/403 are the platform account's (its token, its credit): the caller can do nothing but wait.
  return new ApiError(502, 'GEN_UPSTREAM_ERROR', `Replicate answered ${err.status}`);
}

/**
 * A call's hold as written at create: its credits and what they buy. A granted call holds nothing;
 * its ceiling is the list price of the images it asked for (what the platform pays for it).
 */
function heldOf(row: GenCallRow, model: CatalogModel): MaxCost {
  let units: MaxCost['units'] = {};
  try {
    units = JSON.parse(row.units) as MaxCost['units'];
  } catch {
    units = {};
  }
  return { credits: row.grant_kind ? imageCredits(model, units.images ?? 1) : row.held, units };
}

export type Created =
  | { kind: 'created'; prediction: UpstreamPrediction }
  /** The same Idempotency-Key again: the first attempt's prediction, as it is now. */
  | { kind: 'replayed'; row: GenCallRow; prediction: UpstreamPrediction }
  /** The same Idempotency-Key while the first create has no prediction yet: the core's replay answers. */
  | { kind: 'no-prediction'; row: GenCallRow };

export class ReplicatePredictions {
  /** When each running call was last polled by anyone (its owner or the reconciler): the reconciler leaves fresh ones alone. */
  private readonly polled = new Map<string, number>();
  private readonly reads = new UserRateLimit(READS_PER_MINUTE);

  constructor(
    private readonly gateway: Gateway,
    private readonly h: DbHandle,
    private readonly clock: Clock,
  ) {}

  upstream(): ReplicateUpstream {
    const deadline = this.gateway.config.deadlineMs;
    return new ReplicateUpstream({
      token: this.gateway.key('replicate'),
      baseUrl: this.gateway.baseUrl('replicate'),
      timeoutMs: Math.min(deadline, UPSTREAM_TIMEOUT_MS),
      waitTimeoutMs: Math.min(deadline, UPSTREAM_WAIT_TIMEOUT_MS),
    });
  }

  lastPolled(callId: string): number | undefined {
    return this.polled.get(callId);
  }

  /**
   * Creates a prediction for `caller`. The hold is placed first (402 with nothing sent); a create
   * that fails upstream with a 5xx or no answer may still have made the prediction, so the
   * platform's recent predictions are searched for it before the hold is released — found, it
   * becomes this call's, and a retry under the same Idempotency-Key replays it.
   */
  async create(callId: string, caller: GenCaller, modelRef: string, input: Record<string, unknown>, prefer: string | null, idempotencyKey: string | null, grant: GenGrant | null = null): Promise<Created> {
    const upstream = this.upstream();
    this.gateway.admit(caller);
    const model = this.gateway.allowModel('replicate', modelRef, ['image', 'video', 'mesh']);
    const cost = maxCost(model, input);
    if (isUnpriceable(cost)) throw new ApiError(400, 'VALIDATION_ERROR', `${cost.field}: ${cost.message}`, [{ path: cost.field, message: cost.message }]);
    if (grant) checkGrantable(model, cost.units.images ?? 0);
    const requestHash = predictionHash(model.id, input);
    // `units` is what the hold buys: the charge that a later request (or the reconciler) makes reads it back.
    const begun = await this.gateway.metering.begin(callId, caller, { upstream: 'replicate', model: model.id, operation: 'prediction', hold: cost.credits, units: cost.units, requestHash, idempotencyKey, holdTtlSeconds: PREDICTION_HOLD_TTL_S, ...(grant ? { grant } : {}) });
    if (begun.kind === 'replay') {
      // The first attempt's prediction, never a second one; without one yet, the core's replay answers (409).
      const row = begun.row;
      return row.upstream_ref ? { kind: 'replayed', row, prediction: await this.current(row, upstream) } : { kind: 'no-prediction', row };
    }
    const call = begun.call;
    let release: () => void;
    try {
      release = await this.gateway.slot('replicate', caller);
    } catch (err) {
      await call.abandon(err instanceof ApiError ? err.code : 'GEN_BUSY');
      throw err;
    }
    const startedAt = Date.now();
    let prediction: UpstreamPrediction;
    try {
      prediction = await upstream.create(model.id, input, prefer, model.version);
    } catch (err) {
      const lost = err instanceof UpstreamFailure && (err.status === 0 || err.status >= 500);
      const found = lost ? await this.findOrphan(upstream, model.id, requestHash, startedAt).catch(() => undefined) : undefined;
      if (!found) {
        const mapped = upstreamError(err);
        await call.abandon(mapped.code);
        throw mapped;
      }
      prediction = found;
    } finally {
      release();
    }
    await call.upstreamRef(prediction.id);
    if (ENDED.includes(prediction.status)) await this.end(call, model, cost, prediction);
    return { kind: 'created', prediction };
  }

  /** The caller's prediction as Replicate has it now, settled if it has ended; 404 for anyone else's. */
  async get(caller: GenCaller, id: string): Promise<UpstreamPrediction> {
    const row = await this.owned(caller, id);
    return this.current(row, this.upstream());
  }

  async cancel(caller: GenCaller, id: string): Promise<UpstreamPrediction> {
    const row = await this.owned(caller, id);
    const p = await this.upstream()
      .cancel(id)
      .catch((err: unknown) => Promise.reject(upstreamError(err)));
    await this.settle(row, p);
    return p;
  }

  /** The caller's own predictions, newest first, each as Replicate has it now. */
  async list(caller: GenCaller, before: [number, string] | null): Promise<{ predictions: UpstreamPrediction[]; last: GenCallRow | null }> {
    this.reads.hit(caller.userId);
    let q = this.h.db
      .selectFrom('gen_calls')
      .selectAll()
      .where('user_id', '=', caller.userId)
      .where('upstream', '=', 'replicate')
      .where('upstream_ref', 'is not', null);
    if (before) q = q.where((eb) => eb.or([eb('created_at', '<', before[0]), eb.and([eb('created_at', '=', before[0]), eb('id', '<', before[1])])]));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(LIST_PAGE + 1).execute();
    const page = rows.slice(0, LIST_PAGE);
    const upstream = this.upstream();
    // A prediction Replicate no longer has (deleted upstream) is left out rather than failing the whole page.
    const found = await Promise.all(page.map((row) => this.current(row, upstream).catch((err: unknown) => (err instanceof ApiError && err.status === 404 ? null : Promise.reject(err)))));
    return { predictions: found.filter((p): p is UpstreamPrediction => p !== null), last: rows.length > LIST_PAGE ? (page.at(-1) ?? null) : null };
  }

  /** Polls a running call's prediction and settles it if it has ended (the reconciler's step). */
  async reconcile(row: GenCallRow): Promise<UpstreamPrediction | undefined> {
    const upstream = this.upstream();
    if (row.upstream_ref) return this.current(row, upstream);
    // The create never came back (the server stopped mid-call): the prediction may exist anyway.
    const found = await this.findOrphan(upstream, row.model, row.request_hash, row.created_at);
    if (!found) {
      await this.gateway.metering.resume(row).abandon('GEN_UPSTREAM_ERROR');
      return undefined;
    }
    const call = this.gateway.metering.resume(row);
    await call.upstreamRef(found.id);
    await this.settle({ ...row, upstream_ref: found.id }, found);
    return found;
  }

  /**
   * Cancels the platform account's predictions that are still running, were created before
   * `before`, and belong to no call: a create that failed and was released, whose prediction
   * Replicate listed only later. Nobody will ever be charged for it, so it should stop costing the
   * platform. (The platform token is the gateway's own: every prediction on it comes from a call.)
   */
  async cancelOrphans(before: number): Promise<number> {
    if (!this.gateway.config.keys.replicate) return 0;
    const upstream = this.upstream();
    let canceled = 0;
    for (const p of await upstream.recent(ORPHAN_PAGES)) {
      if (ENDED.includes(p.status) || !p.created_at || Date.parse(p.created_at) >= before) continue;
      if (await this.claimed(p.id)) continue;
      await upstream.cancel(p.id);
      canceled++;
    }
    return canceled;
  }

  private claimed(ref: string): Promise<boolean> {
    return this.h.db
      .selectFrom('gen_calls')
      .select('id')
      .where('upstream', '=', 'replicate')
      .where('upstream_ref', '=', ref)
      .executeTakeFirst()
      .then((r) => r !== undefined);
  }

  private async owned(caller: GenCaller, id: string): Promise<GenCallRow> {
    this.reads.hit(caller.userId);
    const row = await this.gateway.metering.byUpstreamRef(caller.userId, 'replicate', id);
    // Someone else's prediction and one that does not exist look the same.
    if (!row) throw new ApiError(404, 'NOT_FOUND', 'no such prediction');
    return row;
  }

  private async current(row: GenCallRow, upstream: ReplicateUpstream): Promise<UpstreamPrediction> {
    const p = await upstream.get(row.upstream_ref ?? '').catch(async (err: unknown) => {
      // Replicate no longer has it: nothing will ever be delivered, so nothing is charged.
      if (err instanceof UpstreamFailure && err.status === 404 && row.status === 'running') await this.gateway.metering.resume(row).abandon('GEN_UPSTREAM_ERROR');
      throw upstreamError(err);
    });
    await this.settle(row, p);
    return p;
  }

  private async settle(row: GenCallRow, p: UpstreamPrediction): Promise<void> {
    if (row.status !== 'running') return;
    if (!ENDED.includes(p.status)) {
      this.polled.set(row.id, this.clock.now());
      return;
    }
    this.polled.delete(row.id);
    const model = findModel('replicate', row.model);
    if (!model) throw new Error(`gen call ${row.id} names ${row.model}, which is not in the catalogue`);
    await this.end(this.gateway.metering.resume(row), model, heldOf(row, model), p);
  }

  /** Charges a succeeded prediction once (by what it made, never more than held), releases any other end. */
  private async end(call: MeteredCall, model: CatalogModel, held: MaxCost, p: UpstreamPrediction): Promise<void> {
    if (p.status === 'succeeded') {
      const cost = actualCost(model, held, p.output);
      await call.settle(cost.credits, cost.units);
    } else {
      await call.abandon(endCode(p), noUnits(model));
    }
  }

  /** A prediction of the platform account made by this create (same model and input, not before it, no one's yet). */
  private async findOrphan(upstream: ReplicateUpstream, model: string, requestHash: string, since: number): Promise<UpstreamPrediction | undefined> {
    for (const p of await upstream.recent(ORPHAN_PAGES)) {
      if (p.model !== model || !p.input) continue;
      if (p.created_at && Date.parse(p.created_at) < since - ORPHAN_SKEW_MS) break;
      if (predictionHash(model, p.input) !== requestHash) continue;
      if (await this.claimed(p.id)) continue;
      return p;
    }
    return undefined;
  }
}
