import type { Pack, PaidPlanId, Plan } from './catalog.js';

export interface CheckoutRequest {
  userId: string;
  /** The user's customer at the provider (see createCustomer). */
  customerId: string;
  purchase: { kind: 'pack'; pack: Pack } | { kind: 'plan'; plan: Plan & { id: PaidPlanId } };
  successUrl: string;
  cancelUrl: string;
}

export interface CheckoutSession {
  id: string;
  url: string;
}

/** What a verified provider event means for the ledger. Amounts `…Minor` are in the currency's minor unit (TWD cents). */
export type PaymentEvent =
  | { type: 'pack.paid'; eventId: string; sessionId: string; userId: string; packId: string; amountTwd: number; amountMinor: number; paymentIntent: string | null }
  | { type: 'subscription.started'; eventId: string; subscriptionId: string; userId: string; planId: string }
  | {
      type: 'subscription.period_paid';
      eventId: string;
      subscriptionId: string;
      userId: string;
      planId: string;
      periodStart: number;
      periodEnd: number;
      invoiceId: string;
      amountMinor: number;
      paymentIntent: string | null;
    }
  | { type: 'subscription.ended'; eventId: string; subscriptionId: string }
  /** A card was charged: its fingerprint identifies the card across accounts (the self-referral rule). */
  | { type: 'card.charged'; eventId: string; chargeId: string; customerId: string | null; metadataUserId: string | null; cardFingerprint: string }
  /** Which PaymentIntent paid a subscription invoice (the charge a refund names points only to it). */
  | { type: 'payment.linked'; eventId: string; paymentIntent: string; invoiceId: string }
  /** A refund (amountMinor: the charge's refunded total so far) or a dispute (the disputed amount). */
  | { type: 'payment.reversed'; eventId: string; reversal: 'refund' | 'dispute'; chargeId: string; paymentIntent: string | null; amountMinor: number }
  /** Verified but not the shape we act on: refused and recorded, nothing written. */
  | { type: 'malformed'; eventId: string; eventType: string; reason: string }
  | { type: 'ignored'; eventId: string; eventType: string };

/** A payment service. Stripe is the first implementation. */
export interface PaymentProvider {
  readonly name: string;
  /** The user's customer record at the provider; charges name it, so it is created before the first checkout. */
  createCustomer(req: { userId: string; email: string | null }): Promise<string>;
  createCheckout(req: CheckoutRequest): Promise<CheckoutSession>;
  /** Verifies the signature (throws ApiError 400 when it fails) and interprets the event. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent;
}
