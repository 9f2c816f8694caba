import { randomUUID } from 'node:crypto';
import { StudioError } from '../../shared/errors.js';
import type { Store } from '../store/db.js';
import type { CreditAllowancesTable } from '../store/schema.js';
import { say } from '../../shared/messages.js';

/** No new spends in an allowance's last hour: its settlement needs time to reach the cloud before the hold expires. */
export const SPEND_MARGIN_MS = 60 * 60 * 1000;

export type AllowanceRow = CreditAllowancesTable;

/** "Recent use" is what this device spent (captured) from its allowances in this window. */
export const RECENT_USE_MS = 7 * 24 * 60 * 60 * 1000;
/** What a device with no recent use reserves: enough for a first few paid jobs. */
export const ALLOWANCE_FLOOR = 100;

/**
 * How many credits an allowance reserves: a week's recent use (at least the
 * floor), but never more than `max` (2,000 by default) nor half of what the
 * wallet has available, so the rest stays usable on other devices. A job
 * that needs more than that still gets exactly what it needs, if the wallet
 * has it.
 */
export function allowanceSize(input: { needed: number; available: number; recentUse: number; max: number }): number {
  const sized = Math.min(input.max, Math.floor(input.available / 2), Math.max(ALLOWANCE_FLOOR, input.recentUse));
  return Math.min(input.available, Math.max(input.needed, sized));
}

/**
 * The desktop's side of the offline allowance (ledger.md): a long hold taken
 * on the cloud ledger while online, spent locally job by job — each spend
 * recorded before the job runs — and settled later as one capture of what
 * was spent (the rest returns to the wallet).
 */
export class AllowanceLedger {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  private get q() {
    return this.store.q;
  }

  get(id: string): AllowanceRow | undefined {
    return this.store.first(this.q.selectFrom('credit_allowances').selectAll().where('id', '=', id));
  }

  /** The allowance new spends go to, if it is still usable. */
  open(userId: string): AllowanceRow | undefined {
    const row = this.store.first(
      this.q.selectFrom('credit_allowances').selectAll().where('user_id', '=', userId).where('status', '=', 'open').orderBy('created_at', 'desc'),
    );
    return row && (row.expires_at ?? 0) - SPEND_MARGIN_MS > this.now() ? row : undefined;
  }

  /** Held plus captured credits of an allowance. */
  used(allowanceId: string): { held: number; captured: number } {
    const rows = this.store.all(
      this.q
        .selectFrom('credit_spends')
        .select((eb) => ['status', eb.fn.sum<number>('amount').as('amount'), eb.fn.sum<number>('captured').as('captured')])
        .where('allowance_id', '=', allowanceId)
        .groupBy('status'),
    );
    return {
      held: rows.find((r) => r.status === 'held')?.amount ?? 0,
      captured: rows.find((r) => r.status === 'captured')?.captured ?? 0,
    };
  }

  remaining(userId: string): number {
    const open = this.open(userId);
    if (!open) return 0;
    const { held, captured } = this.used(open.id);
    return open.amount - held - captured;
  }

  /** Takes `amount` for a job; synchronous so it commits together with the job row. */
  hold(userId: string, jobId: string, amount: number): string {
    const open = this.open(userId);
    const left = open ? this.remaining(userId) : 0;
    if (!open || left < amount) {
      throw new StudioError({
        code: 'INSUFFICIENT_CREDITS',
        message: `This job needs ${amount} credits; ${left} are reserved on this device.`,
        hint: 'Connect to the internet so more credits can be reserved, or buy credits on the Credits page.',
        ...say('credits.allowanceShort', { amount, reserved: left }),
      });
    }
    const id = randomUUID();
    this.store.run(
      this.q.insertInto('credit_spends').values({ id, allowance_id: open.id, job_id: jobId, amount, captured: null, status: 'held', created_at: this.now(), resolved_at: null }),
    );
    return id;
  }

  capture(spendId: string, actual: number): void {
    this.store.run(
      this.q
        .updateTable('credit_spends')
        .set({ status: 'captured', captured: actual, resolved_at: this.now() })
        .where('id', '=', spendId)
        .where('status', '=', 'held'),
    );
  }

  release(spendId: string): void {
    this.store.run(
      this.q.updateTable('credit_spends').set({ status: 'released', resolved_at: this.now() }).where('id', '=', spendId).where('status', '=', 'held'),
    );
  }

  // ── the allowance's own life, driven by the sync service ──────────────

  /** Recorded before the cloud is asked, so a retry reuses the same id. */
  request(userId: string, amount: number): AllowanceRow {
    const row: AllowanceRow = {
      id: randomUUID(), user_id: userId, amount, status: 'requested', expires_at: null, settle_id: null,
      settled_amount: null, error: null, created_at: this.now(), settled_at: null,
    };
    this.store.run(this.q.insertInto('credit_allowances').values(row));
    return row;
  }

  requested(userId: string): AllowanceRow[] {
    return this.store.all(this.q.selectFrom('credit_allowances').selectAll().where('user_id', '=', userId).where('status', '=', 'requested'));
  }

  opened(id: string, amount: number, expiresAt: number): void {
    this.store.transaction(() => {
      // One open allowance at a time: an older one drains (no new spends) and settles.
      const current = this.store.first(this.q.selectFrom('credit_allowances').select('user_id').where('id', '=', id));
      if (current) {
        this.store.run(
          this.q.updateTable('credit_allowances').set({ status: 'draining' }).where('user_id', '=', current.user_id).where('status', '=', 'open'),
        );
      }
      this.store.run(this.q.updateTable('credit_allowances').set({ status: 'open', amount, expires_at: expiresAt }).where('id', '=', id));
    });
  }

  /** The cloud refused it (no credits): nothing was recorded there, so nothing to settle. */
  refused(id: string): void {
    this.store.run(this.q.deleteFrom('credit_allowances').where('id', '=', id).where('status', '=', 'requested'));
  }

  drain(id: string): void {
    this.store.run(this.q.updateTable('credit_allowances').set({ status: 'draining' }).where('id', '=', id).where('status', '=', 'open'));
  }

  /** Draining allowances whose jobs have all finished, and settlements that have not been confirmed. */
  toSettle(userId: string): AllowanceRow[] {
    const rows = this.store.all(
      this.q.selectFrom('credit_allowances').selectAll().where('user_id', '=', userId).where('status', 'in', ['draining', 'settling']),
    );
    return rows.filter((r) => r.status === 'settling' || this.used(r.id).held === 0);
  }

  /** Fixes what the settlement sends (id and amount) before it is sent. */
  startSettling(row: AllowanceRow): { settleId: string; amount: number } {
    if (row.status === 'settling' && row.settle_id) return { settleId: row.settle_id, amount: row.settled_amount ?? 0 };
    const settleId = randomUUID();
    const amount = this.used(row.id).captured;
    this.store.run(
      this.q.updateTable('credit_allowances').set({ status: 'settling', settle_id: settleId, settled_amount: amount }).where('id', '=', row.id),
    );
    return { settleId, amount };
  }

  settled(id: string): void {
    this.store.run(this.q.updateTable('credit_allowances').set({ status: 'settled', settled_at: this.now(), error: null }).where('id', '=', id));
  }

  failed(id: string, error: string): void {
    this.store.run(this.q.updateTable('credit_allowances').set({ status: 'failed', error, settled_at: this.now() }).where('id', '=', id));
  }

  /** Credits this device spent for the user (captured spends) since `since`. */
  spentSince(userId: string, since: number): number {
    const row = this.store.first(
      this.q
        .selectFrom('credit_spends')
        .innerJoin('credit_allowances', 'credit_allowances.id', 'credit_spends.allowance_id')
        .select((eb) => eb.fn.sum<number | null>('credit_spends.captured').as('spent'))
        .where('credit_allowances.user_id', '=', userId)
        .where('credit_spends.status', '=', 'captured')
        .where('credit_spends.resolved_at', '>=', since),
    );
    return row?.spent ?? 0;
  }

  /** Credits spent on this device that the cloud has not been told about yet. */
  unsettled(userId: string): number {
    const rows = this.store.all(
      this.q.selectFrom('credit_allowances').select('id').where('user_id', '=', userId).where('status', 'in', ['open', 'draining', 'settling']),
    );
    return rows.reduce((sum, r) => sum + this.used(r.id).captured, 0);
  }
}
