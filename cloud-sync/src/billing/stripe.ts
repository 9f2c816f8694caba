import Stripe from 'stripe';
import { ApiError } from '../errors.js';
import type { CheckoutRequest, CheckoutSession, PaymentEvent, PaymentProvider } from './provider.js';
import { StripeEnvelope, TWD_MINOR, interpretStripeEvent } from './stripe-events.js';

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API endpoint (a loopback fake in tests), e.g. http://127.0.0.1:12111. */
  apiBase?: string | undefined;
}

/** How far a webhook's signed timestamp may be from now, either way (Stripe's default, 5 minutes). */
const WEBHOOK_TOLERANCE_S = 300;

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
    let event: unknown;
    try {
      // Checks the HMAC and that the timestamp is at most 5 minutes old (replays of old deliveries fail here)…
      event = this.stripe.webhooks.constructEvent(rawBody, sig, this.opts.webhookSecret, WEBHOOK_TOLERANCE_S);
    } catch (err) {
      throw new ApiError(400, 'WEBHOOK_SIGNATURE_INVALID', `webhook signature verification failed: ${(err as Error).message}`);
    }
    // …but not that it is not in the future: a signature made ahead of time would stay usable.
    const t = Number(/(?:^|,)\s*t=(\d+)/.exec(sig)?.[1]);
    if (!Number.isFinite(t) || Math.abs(Math.floor(Date.now() / 1000) - t) > WEBHOOK_TOLERANCE_S) {
      throw new ApiError(400, 'WEBHOOK_SIGNATURE_INVALID', 'webhook signature verification failed: timestamp outside the tolerance zone');
    }
    const envelope = StripeEnvelope.safeParse(event);
    if (!envelope.success) throw new ApiError(400, 'WEBHOOK_MALFORMED', 'the event has no id, type or data.object');
    return interpretStripeEvent(envelope.data);
  }
}
