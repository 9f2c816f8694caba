import Stripe from 'stripe';
import { ApiError } from '../errors.js';
import type { CheckoutRequest, CheckoutSession, PaymentEvent, PaymentProvider } from './provider.js';

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API endpoint (a loopback fake in tests), e.g. http://127.0.0.1:12111. */
  apiBase?: string | undefined;
}

/** TWD is a two-decimal currency at Stripe: NT$299 is 29900. */
const TWD_MINOR = 100;

export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly stripe: Stripe;

  constructor(private readonly opts: StripeOptions) {
    const config: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 20_000 };
    if (opts.apiBase) {
      const u = new URL(opts.apiBase);
      config.host = u.hostname;
      config.port = u.port || (u.protocol === 'https:' ? 443 : 80);
      config.protocol = u.protocol === 'http:' ? 'http' : 'https';
    }
    this.stripe = new Stripe(opts.secretKey, config);
  }

  async createCustomer(req: { userId: string; email: string | null }): Promise<string> {
    // The idempotency key makes a retried or racing first checkout reuse one customer.
    const customer = await this.stripe.customers.create({ ...(req.email ? { email: req.email } : {}), metadata: { user_id: req.userId } }, { idempotencyKey: `kingjam-customer-${req.userId}` });
    return customer.id;
  }

  async createCheckout(req: CheckoutRequest): Promise<CheckoutSession> {
    const p = req.purchase;
    const metadata = { user_id: req.userId, kind: p.kind, item: p.kind === 'pack' ? p.pack.id : p.plan.id };
    const params: Stripe.Checkout.SessionCreateParams =
      p.kind === 'pack'
        ? {
            mode: 'payment',
            line_items: [
              { quantity: 1, price_data: { currency: 'twd', unit_amount: p.pack.price_twd * TWD_MINOR, product_data: { name: `KingJam ${p.pack.name} (${p.pack.credits} credits)` } } },
            ],
            metadata,
            payment_intent_data: { metadata },
          }
        : {
            mode: 'subscription',
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: 'twd',
                  unit_amount: p.plan.price_twd * TWD_MINOR,
                  recurring: { interval: 'month' },
                  product_data: { name: `KingJam ${p.plan.name} plan (${p.plan.monthly_credits} credits a month)` },
                },
              },
            ],
            metadata,
            subscription_data: { metadata },
          };
    const session = await this.stripe.checkout.sessions.create({
      ...params,
      client_reference_id: req.userId,
      customer: req.customerId,
      success_url: req.successUrl,
      cancel_url: req.cancelUrl,
    });
    if (!session.url) throw new ApiError(502, 'PAYMENT_PROVIDER_ERROR', 'Stripe returned no checkout URL');
    return { id: session.id, url: session.url };
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent {
    const sig = headers['stripe-signature'];
    if (typeof sig !== 'string') throw new ApiError(400, 'WEBHOOK_SIGNATURE_MISSING', 'Stripe-Signature header missing');
    let event: Stripe.Event;
    try {
      // Checks the HMAC and that the timestamp is within 5 minutes (replays of old deliveries fail here).
      event = this.stripe.webhooks.constructEvent(rawBody, sig, this.opts.webhookSecret);
    } catch (err) {
      throw new ApiError(400, 'WEBHOOK_SIGNATURE_INVALID', `webhook signature verification failed: ${(err as Error).message}`);
    }
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded': {
        const s = event.data.object;
        const userId = s.metadata?.user_id ?? s.client_reference_id;
        const item = s.metadata?.item;
        if (!userId || !item) return { type: 'ignored', eventId: event.id, eventType: event.type };
        if (s.mode === 'payment') {
          if (s.payment_status !== 'paid') return { type: 'ignored', eventId: event.id, eventType: `${event.type}:${s.payment_status}` };
          return { type: 'pack.paid', eventId: event.id, sessionId: s.id, userId, packId: item, amountTwd: (s.amount_total ?? 0) / TWD_MINOR };
        }
        if (s.mode === 'subscription' && typeof s.subscription === 'string') {
          return { type: 'subscription.started', eventId: event.id, subscriptionId: s.subscription, userId, planId: item };
        }
        return { type: 'ignored', eventId: event.id, eventType: event.type };
      }
      case 'invoice.paid': {
        const inv = event.data.object;
        const details = inv.parent?.subscription_details;
        const userId = details?.metadata?.user_id;
        const planId = details?.metadata?.item;
        const line = inv.lines.data[0];
        if (!details || !userId || !planId || !line) return { type: 'ignored', eventId: event.id, eventType: event.type };
        const subscriptionId = typeof details.subscription === 'string' ? details.subscription : details.subscription.id;
        return {
          type: 'subscription.period_paid',
          eventId: event.id,
          subscriptionId,
          userId,
          planId,
          periodStart: line.period.start * 1000,
          periodEnd: line.period.end * 1000,
        };
      }
      case 'charge.succeeded': {
        const c = event.data.object;
        const fingerprint = c.payment_method_details?.card?.fingerprint;
        if (!fingerprint) return { type: 'ignored', eventId: event.id, eventType: `${event.type}:no_card_fingerprint` };
        const customerId = typeof c.customer === 'string' ? c.customer : (c.customer?.id ?? null);
        return { type: 'card.charged', eventId: event.id, chargeId: c.id, customerId, metadataUserId: c.metadata.user_id ?? null, cardFingerprint: fingerprint };
      }
      case 'customer.subscription.deleted':
        return { type: 'subscription.ended', eventId: event.id, subscriptionId: event.data.object.id };
      default:
        return { type: 'ignored', eventId: event.id, eventType: event.type };
    }
  }
}
