import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { GenCallView, GenPurpose } from '../../../src/shared/gateway.js';
import type { Upstream } from '../../../src/shared/models.js';
import type { Clock } from '../clock.js';
import { grantDay, isGenGrant, type GenGrant } from '../../../src/shared/gen-grant.js';
import { constraintKind, transact, type DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import { CallStore, type CallEnd } from './call-store.js';
import { grantUsed } from './grants.js';
import { LEDGER_REASONS } from '../ledger/reasons.js';
import type { Ledger, LedgerAlong } from '../ledger/service.js';
import type { GenCallsTable, GenOperation } from './tables.js';

export type GenCallRow = Selectable<GenCallsTable>;
export type GenUnits = GenCallView['units'];

/** Who is calling, from their generation token. */
export interface GenCaller {
  userId: string;
  purpose: GenPurpose;
  jobRef: string | null;
}

/** What a route is about to send upstream, priced at its most. */
export interface CallSpec {
  upstream: Upstream;
  /** The id actually sent (after a retired id was rewritten to its successor). */
  model: string;
  operation: GenOperation;
  /** Credits held before going upstream: the call's maximum cost. */
  hold: number;
  /** requestHashOf(...) of what is sent: the same Idempotency-Key with another body is refused. */
  requestHash: string;
  /** The client's Idempotency-Key, or null (every request is then a new call). */
  idempotencyKey: string | null;
  /** What was asked, recorded at begin (a clip's seconds); settle records what was made. */
  units?: GenUnits;
  /** How long the hold may stay open: long-running work (Veo, predictions) keeps it until polled done. */
  holdTtlSeconds?: number;
  /**
   * The platform pays for this call (grants.ts checked it qualifies): nothing is held or charged,
   * and `hold` is only its list price, kept on the grant as what the free call cost the platform.
   */
  grant?: GenGrant;
}

/** A call already made under this Idempotency-Key: the route replays it and never goes upstream. */
export interface Replay {
  kind: 'replay';
  row: GenCallRow;
}
export interface Started {
  kind: 'started';
  call: MeteredCall;
}

/** Sync calls: the hold outlives the upstream deadline; the ledger sweep releases one left open by a crash. */
const SYNC_HOLD_TTL_S = 30 * 60;

const isGrant = (kind: string | null): kind is GenGrant => kind !== null && isGenGrant(kind);

/** sha256 over the parts of a request that make it the same call. */
export function requestHashOf(parts: { upstream: Upstream; model: string; operation: GenOperation; body: string | Buffer }): string {
  return createHash('sha256').update(`${parts.upstream}\n${parts.model}\n${parts.operation}\n`).update(parts.body).digest('hex');
}

/** Ledger ids of a call's hold, capture and release: derived from the call id, so every retry of a settle is the same write. */
export const ledgerIds = (callId: string) => ({ hold: `gen:${callId}:hold`, capture: `gen:${callId}:capture`, release: `gen:${callId}:release` });

/**
 * The metering every gateway route goes through:
 *   begin()   claims the Idempotency-Key (or finds the call already made under it) and places the
 *             ledger hold for the call's maximum cost — 402 INSUFFICIENT_CREDITS (balance and price
 *             in `details`) before anything goes upstream;
 *   settle()  captures what the call did cost (never more than held) and releases the rest;
 *   abandon() releases the whole hold (upstream error, timeout, filtered, client gone before output)
 *             and frees the key so a retry may run.
 * Every ledger write has an id derived from the call id, and the row only moves out of 'running'
 * once, so a settle repeated (a second poll, a crash between the two writes) charges nothing twice.
 */
export class Metering {
  private readonly calls: CallStore;
  /** SQLite: the ledger's hold and capture and this call's row written in one transaction. */
  private readonly together: { ledger: LedgerAlong; calls: NonNullable<ReturnType<CallStore['inLedgerTransaction']>> } | null;

  constructor(
    private readonly h: DbHandle,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
  ) {
    this.calls = new CallStore(h);
    const along = ledger.along;
    const calls = this.calls.inLedgerTransaction();
    this.together = along && calls ? { ledger: along, calls } : null;
  }

  async begin(callId: string, caller: GenCaller, spec: CallSpec): Promise<Started | Replay> {
    if (spec.grant) return this.beginGranted(callId, caller, spec, spec.grant);
    const ids = ledgerIds(callId);
    const now = this.clock.now();
    const row = runningCall(callId, caller, spec, now, { hold_id: ids.hold, held: spec.hold, grant_kind: null });
    const hold = { id: ids.hold, amount: spec.hold, ttl_seconds: spec.holdTtlSeconds ?? SYNC_HOLD_TTL_S, reason: LEDGER_REASONS.generation(caller.purpose, spec.model), job_ref: caller.jobRef };
    // The Idempotency-Key is claimed by inserting the call's row (the unique index on user and key
    // decides); the call already made under it is read only when the insert collides.
    if (this.together) {
      // SQLite: the row and the hold commit together — one COMMIT before going upstream, not two.
      const { ledger, calls } = this.together;
      const out = await ledger.hold(caller.userId, hold, {
        before: () => calls.insert(row),
        refused: (err) => void calls.finish(callId, refusedEnd(err), now),
      });
      if (out.kind === 'blocked') return this.keyTaken(out.err, caller, spec);
      if (out.kind === 'refused') throw await this.refusal(out.err, caller, spec);
    } else {
      try {
        await this.calls.insert(row);
      } catch (err) {
        return this.keyTaken(err, caller, spec);
      }
      try {
        await this.ledger.hold(caller.userId, hold);
      } catch (err) {
        await this.finish(callId, refusedEnd(err));
        throw await this.refusal(err, caller, spec);
      }
    }
    const t0 = performance.now();
    return { kind: 'started', call: new MeteredCall(this, callId, caller.userId, ids, spec.hold, () => performance.now() - t0, true) };
  }

  /**
   * The Idempotency-Key is taken: by an earlier call (replayed, or refused if its request
   * differs), or by one running at this moment (the loser replays the winner).
   */
  private async keyTaken(err: unknown, caller: GenCaller, spec: CallSpec): Promise<Replay> {
    const prior = spec.idempotencyKey === null ? undefined : await this.calls.byKey(caller.userId, spec.idempotencyKey);
    if (prior) return this.replayOf(prior, spec);
    throw err;
  }

  /** What the client is told when the hold was refused: 402 with the balance and the price when the wallet was short. */
  private async refusal(err: unknown, caller: GenCaller, spec: CallSpec): Promise<unknown> {
    if (err instanceof ApiError && err.code === 'INSUFFICIENT_CREDITS') {
      const { available } = await this.ledger.balance(caller.userId, 0);
      return new ApiError(402, 'INSUFFICIENT_CREDITS', `this call needs ${spec.hold} credits; the wallet has ${available}`, { balance: available, price: spec.hold });
    }
    return err;
  }

  /**
   * A call the platform pays for: today's grant row (unique per user and Taipei day) and the call
   * row are inserted in one transaction, so of any number of racing requests exactly one gets the
   * day's grant; no hold is placed. A collision on the Idempotency-Key replays the call made under
   * it (that call holds the grant); otherwise the day's grant is taken: 429 GEN_GRANT_USED.
   */
  private async beginGranted(callId: string, caller: GenCaller, spec: CallSpec, grant: GenGrant): Promise<Started | Replay> {
    const now = this.clock.now();
    const row = runningCall(callId, caller, spec, now, { hold_id: null, held: 0, grant_kind: grant });
    try {
      await transact(this.h, async (tx) => {
        await tx.insertInto('gen_grants').values({ user_id: caller.userId, day: grantDay(now), kind: grant, call_id: callId, list_credits: 0, created_at: now }).execute();
        await tx.insertInto('gen_calls').values(row).execute();
      });
    } catch (err) {
      if (constraintKind(err) !== 'unique') throw err;
      const prior = spec.idempotencyKey === null ? undefined : await this.calls.byKey(caller.userId, spec.idempotencyKey);
      if (prior) return this.replayOf(prior, spec);
      throw grantUsed(now);
    }
    const t0 = performance.now();
    return { kind: 'started', call: new MeteredCall(this, callId, caller.userId, ledgerIds(callId), 0, () => performance.now() - t0, true, grant) };
  }

  /** A running call found again (a poll of a long-running operation), to settle or abandon it. */
  resume(row: GenCallRow): MeteredCall {
    return new MeteredCall(this, row.id, row.user_id, ledgerIds(row.id), row.held, () => this.clock.now() - row.created_at, false, isGrant(row.grant_kind) ? row.grant_kind : null);
  }

  /** The caller's call that started this upstream operation / prediction; undefined for anyone else's. */
  async byUpstreamRef(userId: string, upstream: Upstream, ref: string): Promise<GenCallRow | undefined> {
    return this.h.db.selectFrom('gen_calls').selectAll().where('upstream', '=', upstream).where('upstream_ref', '=', ref).where('user_id', '=', userId).executeTakeFirst();
  }

  /** Whether a succeeded call of this user made this upstream file (the only files the owner may download). */
  async ownsFile(userId: string, upstream: Upstream, fileId: string): Promise<boolean> {
    const rows = await this.h.db
      .selectFrom('gen_calls')
      .select('upstream_files')
      .where('user_id', '=', userId)
      .where('upstream', '=', upstream)
      .where('status', '=', 'succeeded')
      .where('upstream_files', 'like', `%${JSON.stringify(fileId)}%`)
      .execute();
    return rows.some((r) => (JSON.parse(r.upstream_files ?? '[]') as string[]).includes(fileId));
  }

  async get(callId: string): Promise<GenCallRow | undefined> {
    return this.h.db.selectFrom('gen_calls').selectAll().where('id', '=', callId).executeTakeFirst();
  }

  /**
   * @internal MeteredCall's charge: captures `amount` and ends the row `captured`; a hold the
   * ledger's sweep already closed ends it `expired` instead and returns false. On SQLite both
   * writes commit together.
   */
  async charge(callId: string, userId: string, ids: ReturnType<typeof ledgerIds>, amount: number, ends: { captured: CallEnd; expired: CallEnd }): Promise<boolean> {
    const capture = { id: ids.capture, amount };
    const now = this.clock.now();
    if (this.together) {
      const { ledger, calls } = this.together;
      const out = await ledger.capture(userId, ids.hold, capture, {
        after: () => void calls.finish(callId, ends.captured, now),
        refused: (err) => {
          if (holdGone(err)) calls.finish(callId, ends.expired, now);
        },
      });
      if (out.kind === 'done') return true;
      if (out.kind === 'refused' && holdGone(out.err)) return false;
      throw out.err;
    }
    try {
      await this.ledger.capture(userId, ids.hold, capture);
    } catch (err) {
      if (!holdGone(err)) throw err;
      await this.finish(callId, ends.expired);
      return false;
    }
    await this.finish(callId, ends.captured);
    return true;
  }
  /** @internal */
  async release(userId: string, ids: ReturnType<typeof ledgerIds>): Promise<void> {
    await this.ledger.release(userId, ids.hold, { id: ids.release });
  }
  /** @internal Moves a running row to its end state; false when another request already did. */
  async finish(callId: string, set: CallEnd): Promise<boolean> {
    return this.calls.finish(callId, set, this.clock.now());
  }
  /** @internal A granted call that made nothing: its grant is given back, so the user may try again today. */
  async giveBackGrant(callId: string): Promise<void> {
    await this.h.db.deleteFrom('gen_grants').where('call_id', '=', callId).execute();
  }
  /** @internal A granted call that made its image: what it would have cost, for the platform's own accounts. */
  async recordGrantCost(callId: string, credits: number): Promise<void> {
    await this.h.db.updateTable('gen_grants').set({ list_credits: credits }).where('call_id', '=', callId).execute();
  }
  /** @internal */
  async setUpstreamRef(callId: string, ref: string): Promise<void> {
    await this.h.db.updateTable('gen_calls').set({ upstream_ref: ref }).where('id', '=', callId).execute();
  }

  private replayOf(row: GenCallRow, spec: CallSpec): Replay {
    if (row.request_hash !== spec.requestHash) {
      throw new ApiError(422, 'IDEMPOTENCY_CONFLICT', `Idempotency-Key ${spec.idempotencyKey ?? ''} was already used with a different request`, { call_id: row.id });
    }
    return { kind: 'replay', row };
  }
}

/** One call between begin and its end: settle or abandon it exactly once. */
export class MeteredCall {
  private firstByteMs: number | null = null;
  private ended = false;

  constructor(
    private readonly m: Metering,
    readonly id: string,
    readonly userId: string,
    private readonly ids: ReturnType<typeof ledgerIds>,
    /** Credits held for it. */
    readonly held: number,
    /** Milliseconds since the call began. */
    private readonly elapsed: () => number,
    /** False for a call resumed by a later request (a poll): its first byte was not this request's. */
    private readonly live: boolean,
    /** The platform pays for it: no ledger writes; nothing made gives the grant back. */
    readonly grant: GenGrant | null = null,
  ) {}

  /** The first byte of the answer went to the client: recorded as first_byte_ms (streams: output exists from here on). */
  firstByte(): void {
    if (this.firstByteMs === null) this.firstByteMs = Math.round(this.elapsed());
  }

  get hasOutput(): boolean {
    return this.firstByteMs !== null;
  }

  /** Long-running work: the upstream's operation name / prediction id, by which polls find the call. */
  async upstreamRef(ref: string): Promise<void> {
    await this.m.setUpstreamRef(this.id, ref);
  }

  /**
   * Charges what the call did cost (capped at the hold; the rest is released). A call that
   * produced nothing billable (0 credits) is released instead. Returns the credits charged.
   */
  async settle(credits: number, units: GenUnits, files?: readonly string[]): Promise<number> {
    if (this.ended) return 0;
    this.ended = true;
    if (this.grant) return this.settleGranted(credits, units, files);
    const amount = Math.max(0, Math.min(this.held, Math.round(credits)));
    if (amount === 0) {
      await this.m.release(this.userId, this.ids);
      await this.m.finish(this.id, { status: 'released', units: JSON.stringify(units), idempotency_key: null, ...this.timing() });
      return 0;
    }
    const uploaded = files?.length ? JSON.stringify(files) : null;
    const captured = await this.m.charge(this.id, this.userId, this.ids, amount, {
      captured: { status: 'succeeded', credits: amount, units: JSON.stringify(units), upstream_files: uploaded, ...this.timing() },
      // The hold outlived its time (a long-running call nobody polled for hours) and the ledger
      // sweep released it: nothing can be charged any more; the call says so.
      expired: { status: 'released', error_code: 'HOLD_EXPIRED', units: JSON.stringify(units), upstream_files: uploaded, ...this.timing() },
    });
    return captured ? amount : 0;
  }

  /**
   * Releases the whole hold and frees the Idempotency-Key (nothing was charged, so a retry may run).
   * A hold the ledger's sweep already released (long-running work nobody polled for hours) has
   * nothing left to release: the call ends released all the same, marked HOLD_EXPIRED.
   */
  async abandon(errorCode: string, units: GenUnits = {}): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.grant) {
      await this.m.giveBackGrant(this.id);
      await this.m.finish(this.id, { status: 'released', error_code: errorCode, units: JSON.stringify(units), idempotency_key: null, ...this.timing() });
      return;
    }
    let code = errorCode;
    try {
      await this.m.release(this.userId, this.ids);
    } catch (err) {
      if (!holdGone(err)) throw err;
      code = 'HOLD_EXPIRED';
    }
    await this.m.finish(this.id, { status: 'released', error_code: code, units: JSON.stringify(units), idempotency_key: null, ...this.timing() });
  }

  /** A granted call's end: charged nothing; made something → succeeded at its list price on the grant, else the grant goes back. */
  private async settleGranted(credits: number, units: GenUnits, files?: readonly string[]): Promise<number> {
    const worth = Math.max(0, Math.round(credits));
    if (worth === 0) {
      await this.m.giveBackGrant(this.id);
      await this.m.finish(this.id, { status: 'released', units: JSON.stringify(units), idempotency_key: null, ...this.timing() });
      return 0;
    }
    await this.m.recordGrantCost(this.id, worth);
    await this.m.finish(this.id, { status: 'succeeded', credits: 0, units: JSON.stringify(units), upstream_files: files?.length ? JSON.stringify(files) : null, ...this.timing() });
    return 0;
  }

  private timing(): { first_byte_ms?: number | null; latency_ms: number } {
    const latency_ms = Math.round(this.elapsed());
    return this.live ? { first_byte_ms: this.firstByteMs, latency_ms } : { latency_ms };
  }
}

/** The hold is closed already: expired, or released by the ledger's sweep (only the sweep closes a hold its call did not). */
const holdGone = (err: unknown): boolean => err instanceof ApiError && (err.code === 'HOLD_EXPIRED' || err.code === 'HOLD_NOT_OPEN');

/** A call whose hold was refused ends failed, its Idempotency-Key freed (a retry may run once the wallet can pay). */
function refusedEnd(err: unknown): CallEnd {
  return { status: 'failed', error_code: err instanceof ApiError ? err.code : 'INTERNAL', held: 0, hold_id: null, idempotency_key: null };
}

/** A call's row as it starts: running, nothing charged yet; a held call names its hold, a granted one its grant. */
function runningCall(callId: string, caller: GenCaller, spec: CallSpec, now: number, funding: Pick<GenCallRow, 'hold_id' | 'held' | 'grant_kind'>): GenCallRow {
  return {
    id: callId,
    user_id: caller.userId,
    idempotency_key: spec.idempotencyKey,
    request_hash: spec.requestHash,
    purpose: caller.purpose,
    job_ref: caller.jobRef,
    upstream: spec.upstream,
    model: spec.model,
    operation: spec.operation,
    ...funding,
    credits: 0,
    units: JSON.stringify(spec.units ?? {}),
    status: 'running',
    error_code: null,
    upstream_ref: null,
    upstream_files: null,
    first_byte_ms: null,
    latency_ms: null,
    created_at: now,
    finished_at: null,
  };
}
