import { z } from 'zod';
import type { PaymentEvent } from './provider.js';

/**
 * Every Stripe object the webhook acts on, parsed with zod before anything is written (issue 11
 * §2.8). Objects are loose — Stripe adds fields in every API version — but each field we read
 * must have the type we read it as; anything else is a `malformed` event: refused, recorded, no
 * ledger write.
 */

/** TWD is a two-decimal currency at Stripe: NT$299 is 29900. */
export const TWD_MINOR = 100;

/** A reference Stripe sends either as an id or, expanded, as the object. */
const Ref = z.union([z.string().min(1), z.looseObject({ id: z.string().min(1) })]).transform((r) => (typeof r === 'string' ? r : r.id));
const Minor = z.number().int().nonnegative();
const Metadata = z.record(z.string(), z.string());

const CheckoutSession = z.looseObject({
  id: z.string().min(1),
  mode: z.enum(['payment', 'subscription', 'setup']),
  payment_status: z.string().nullish(),
  amount_total: Minor.nullish(),
  client_reference_id: z.string().nullish(),
  metadata: Metadata.nullish(),
  subscription: Ref.nullish(),
  payment_intent: Ref.nullish(),
});

const Invoice = z.looseObject({
  id: z.string().min(1),
  amount_paid: Minor,
  parent: z.looseObject({ subscription_details: z.looseObject({ subscription: Ref, metadata: Metadata.nullish() }).nullish() }).nullish(),
  lines: z.looseObject({ data: z.array(z.looseObject({ period: z.looseObject({ start: z.number().int().positive(), end: z.number().int().positive() }) })) }),
  // Present when the endpoint expands it: the PaymentIntent that paid the invoice.
  payments: z.looseObject({ data: z.array(z.looseObject({ payment: z.looseObject({ payment_intent: Ref.nullish() }) })) }).nullish(),
});

const Charge = z.looseObject({
  id: z.string().min(1),
  customer: Ref.nullish(),
  metadata: Metadata,
  payment_method_details: z.looseObject({ card: z.looseObject({ fingerprint: z.string().nullish() }).nullish() }).nullish(),
});
const RefundedCharge = z.looseObject({ id: z.string().min(1), amount: Minor, amount_refunded: Minor, payment_intent: Ref.nullish() });

const Dispute = z.looseObject({ id: z.string().min(1), amount: Minor, charge: Ref, payment_intent: Ref.nullish() });
const InvoicePayment = z.looseObject({ id: z.string().min(1), invoice: Ref, payment: z.looseObject({ payment_intent: Ref.nullish() }) });
const Subscription = z.looseObject({ id: z.string().min(1) });

export const StripeEnvelope = z.looseObject({ id: z.string().min(1).max(255), type: z.string().min(1).max(100), data: z.looseObject({ object: z.unknown() }) });

function parsed<T extends z.ZodType>(schema: T, value: unknown, eventId: string, eventType: string): { ok: true; value: z.output<T> } | { ok: false; event: PaymentEvent } {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const reason = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'object'}: ${i.message}`)
    .join('; ');
  return { ok: false, event: { type: 'malformed', eventId, eventType, reason } };
}

/** What a verified Stripe event means for the ledger. */
export function interpretStripeEvent(envelope: z.output<typeof StripeEnvelope>): PaymentEvent {
  const { id: eventId, type } = envelope;
  const object = envelope.data.object;
  const ignored = (why = type): PaymentEvent => ({ type: 'ignored', eventId, eventType: why });
  switch (type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const p = parsed(CheckoutSession, object, eventId, type);
      if (!p.ok) return p.event;
      const s = p.value;
      const userId = s.metadata?.user_id ?? s.client_reference_id;
      const item = s.metadata?.item;
      if (!userId || !item) return ignored();
      if (s.mode === 'payment') {
        if (s.payment_status !== 'paid') return ignored(`${type}:${s.payment_status ?? 'unknown'}`);
        const amountMinor = s.amount_total ?? 0;
        return { type: 'pack.paid', eventId, sessionId: s.id, userId, packId: item, amountTwd: amountMinor / TWD_MINOR, amountMinor, paymentIntent: s.payment_intent ?? null };
      }
      if (s.mode === 'subscription' && s.subscription) return { type: 'subscription.started', eventId, subscriptionId: s.subscription, userId, planId: item };
      return ignored();
    }
    case 'invoice.paid': {
      const p = parsed(Invoice, object, eventId, type);
      if (!p.ok) return p.event;
      const inv = p.value;
      const details = inv.parent?.subscription_details;
      const userId = details?.metadata?.user_id;
      const planId = details?.metadata?.item;
      const line = inv.lines.data[0];
      if (!details || !userId || !planId || !line) return ignored();
      return {
        type: 'subscription.period_paid',
        eventId,
        subscriptionId: details.subscription,
        userId,
        planId,
        periodStart: line.period.start * 1000,
        periodEnd: line.period.end * 1000,
        invoiceId: inv.id,
        amountMinor: inv.amount_paid,
        paymentIntent: inv.payments?.data.find((x) => x.payment.payment_intent)?.payment.payment_intent ?? null,
      };
    }
    case 'invoice_payment.paid': {
      const p = parsed(InvoicePayment, object, eventId, type);
      if (!p.ok) return p.event;
      const pi = p.value.payment.payment_intent;
      return pi ? { type: 'payment.linked', eventId, paymentIntent: pi, invoiceId: p.value.invoice } : ignored(`${type}:no_payment_intent`);
    }
    case 'charge.succeeded': {
      const p = parsed(Charge, object, eventId, type);
      if (!p.ok) return p.event;
      const c = p.value;
      const fingerprint = c.payment_method_details?.card?.fingerprint;
      if (!fingerprint) return ignored(`${type}:no_card_fingerprint`);
      return { type: 'card.charged', eventId, chargeId: c.id, customerId: c.customer ?? null, metadataUserId: c.metadata.user_id ?? null, cardFingerprint: fingerprint };
    }
    case 'charge.refunded': {
      const p = parsed(RefundedCharge, object, eventId, type);
      if (!p.ok) return p.event;
      const c = p.value;
      if (c.amount_refunded > c.amount) return { type: 'malformed', eventId, eventType: type, reason: 'amount_refunded exceeds amount' };
      // amount_refunded is the charge's running total: partial refunds add up, redeliveries repeat it.
      return { type: 'payment.reversed', eventId, reversal: 'refund', chargeId: c.id, paymentIntent: c.payment_intent ?? null, amountMinor: c.amount_refunded };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.funds_withdrawn': {
      const p = parsed(Dispute, object, eventId, type);
      if (!p.ok) return p.event;
      const d = p.value;
      return { type: 'payment.reversed', eventId, reversal: 'dispute', chargeId: d.charge, paymentIntent: d.payment_intent ?? null, amountMinor: d.amount };
    }
    case 'customer.subscription.deleted': {
      const p = parsed(Subscription, object, eventId, type);
      if (!p.ok) return p.event;
      return { type: 'subscription.ended', eventId, subscriptionId: p.value.id };
    }
    default:
      return ignored();
  }
}
