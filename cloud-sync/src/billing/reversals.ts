import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { Bucket } from '../db/schema.js';
import type { Ledger } from '../ledger/service.js';
import type { PaymentEvent } from './provider.js';

/** What a reversal took back of a referral commission (the referral programme answers it). */
export interface CommissionReversal {
  owed: number;
  retired: number;
  not_recovered: number;
}

export type ReversedPayment = Extract<PaymentEvent, { type: 'payment.reversed' }>;

/**
 * Refunds and disputes of bought credits (seed §4.1: PAID is refundable). Each payment is recorded
 * with the grant it bought; a refund or dispute makes the payment owe back its share of those
 * credits, proportional to the amount returned, and the ledger takes back what is still unspent.
 * Owed totals only grow (the refunded total and the disputed amount are each kept at their highest;
 * together they count at most the whole payment), so the same event twice, or a refund and then a
 * dispute of the same money, reverse once.
 */
export class PaymentReversals {
  /** Told about every reversal of a payment that may have paid a referral commission. */
  onCommissionReversed: ((p: { paymentRef: string; eventId: string; reversedMinor: number; amountMinor: number }) => Promise<CommissionReversal | null>) | null = null;

  constructor(
    private readonly h: DbHandle,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly provider: string,
  ) {}

  /** The payment behind a grant (`id` is the grant's id). Repeats change nothing. */
  async record(p: { id: string; userId: string; bucket: Bucket; credits: number; amountMinor: number; paymentIntent: string | null; invoiceId: string | null }): Promise<void> {
    if (p.amountMinor <= 0) return;
    await this.h.db
      .insertInto('payments')
      .values({ id: p.id, provider: this.provider, user_id: p.userId, payment_intent: p.paymentIntent, invoice_id: p.invoiceId, bucket: p.bucket, credits: p.credits, amount_minor: p.amountMinor, created_at: this.clock.now() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async link(paymentIntent: string, invoiceId: string): Promise<void> {
    await this.h.db.insertInto('payment_links').values({ payment_intent: paymentIntent, invoice_id: invoiceId, created_at: this.clock.now() }).onConflict((oc) => oc.column('payment_intent').doNothing()).execute();
  }

  private async find(paymentIntent: string) {
    const direct = await this.h.db.selectFrom('payments').selectAll().where('payment_intent', '=', paymentIntent).executeTakeFirst();
    if (direct) return direct;
    const link = await this.h.db.selectFrom('payment_links').select('invoice_id').where('payment_intent', '=', paymentIntent).executeTakeFirst();
    return link ? this.h.db.selectFrom('payments').selectAll().where('invoice_id', '=', link.invoice_id).executeTakeFirst() : undefined;
  }

  /** Applies a refund or dispute; the answer says what was taken back and what had already been spent. */
  async reverse(e: ReversedPayment): Promise<string> {
    if (!e.paymentIntent) return `ignored ${e.reversal} of charge ${e.chargeId}: no payment intent`;
    const found = await this.find(e.paymentIntent);
    if (!found) return `ignored ${e.reversal} of an unknown payment`;
    const column = e.reversal === 'refund' ? 'refunded_minor' : 'disputed_minor';
    await this.h.db
      .updateTable('payments')
      .set({ [column]: e.amountMinor })
      .where('id', '=', found.id)
      .where(column, '<', e.amountMinor)
      .execute();
    const p = await this.h.db.selectFrom('payments').selectAll().where('id', '=', found.id).executeTakeFirstOrThrow();
    const amount = Number(p.amount_minor);
    const reversedMinor = Math.min(amount, Number(p.refunded_minor) + Number(p.disputed_minor));
    const owed = Math.floor((Number(p.credits) * reversedMinor) / amount);
    const r = await this.ledger.settleReversal(p.user_id, {
      // One ledger entry per event: a retry of this event replays it, another event about money
      // already reversed accounts for nothing more.
      id: `reversal:${p.id}:${e.eventId}`,
      parentId: p.id,
      sourceRef: p.id,
      owed,
      reason: `payment ${e.reversal === 'refund' ? 'refunded' : 'disputed'} (${reversedMinor}/${amount})`,
      createdBy: this.provider,
    });
    const commission = await this.onCommissionReversed?.({ paymentRef: p.id, eventId: e.eventId, reversedMinor, amountMinor: amount });
    const parts = [`reversed ${r.retired} ${p.bucket}`, `${r.not_recovered} already spent`];
    if (commission) parts.push(`commission reversed ${commission.retired}, ${commission.not_recovered} not recovered`);
    return parts.join('; ');
  }
}
