import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { Ledger } from '../ledger/service.js';
import { findPack, findPlan } from './catalog.js';
import type { PaidPlanId, Plan } from './catalog.js';
import type { PaymentEvent, PaymentProvider } from './provider.js';
import { PaymentReversals } from './reversals.js';
import { LEDGER_REASONS } from '../ledger/reasons.js';

export interface WebhookOutcome {
  received: true;
  event_id: string;
  duplicate: boolean;
  action: string;
}

export class BillingService {
  /** Told about every paid plan period (the referral programme's commission). */
  onPlanPaid: ((p: { paymentRef: string; userId: string; planId: string; amountTwd: number }) => Promise<void>) | null = null;
  /** Told about every card charge of a known user (the fraud rules compare card fingerprints). The fingerprint is never stored here. */
  onCardCharged: ((c: { userId: string; chargeId: string; cardFingerprint: string }) => Promise<void>) | null = null;

  /** Refunds and disputes of what a payment bought. */
  readonly reversals: PaymentReversals;

  constructor(
    private readonly h: DbHandle,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly provider: PaymentProvider | null,
    /** Where users reach this service; a function, as the port may be known only after listening (`serve --port 0`). */
    private readonly publicUrl: () => string,
  ) {
    this.reversals = new PaymentReversals(h, ledger, clock, provider?.name ?? 'none');
  }

  private requireProvider(): PaymentProvider {
    if (!this.provider) throw new ApiError(503, 'PAYMENTS_NOT_CONFIGURED', 'payments are not configured on this server (STRIPE_SECRET_KEY)');
    return this.provider;
  }

  async checkout(userId: string, choice: { plan?: string | undefined; pack?: string | undefined }): Promise<{ checkout_url: string; session_id: string }> {
    const provider = this.requireProvider();
    const user = await this.h.db.selectFrom('users').select(['id', 'email']).where('id', '=', userId).executeTakeFirstOrThrow();
    let purchase;
    if (choice.pack !== undefined) {
      const pack = findPack(choice.pack);
      if (!pack) throw new ApiError(404, 'UNKNOWN_PACK', `no pack ${choice.pack}`);
      purchase = { kind: 'pack' as const, pack };
    } else {
      const plan = findPlan(choice.plan ?? '');
      if (!plan) throw new ApiError(404, 'UNKNOWN_PLAN', `no plan ${choice.plan ?? ''}`);
      if (plan.id === 'free') throw new ApiError(422, 'FREE_PLAN', 'the Free plan needs no checkout');
      purchase = { kind: 'plan' as const, plan: plan as Plan & { id: PaidPlanId } };
    }
    const session = await provider.createCheckout({
      userId,
      customerId: await this.customer(provider, userId, user.email),
      purchase,
      successUrl: `${this.publicUrl()}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${this.publicUrl()}/billing/cancel`,
    });
    await this.h.db
      .insertInto('checkout_sessions')
      .values({ id: session.id, user_id: userId, kind: purchase.kind, item: purchase.kind === 'pack' ? purchase.pack.id : purchase.plan.id, created_at: this.clock.now(), completed_at: null })
      .execute();
    return { checkout_url: session.url, session_id: session.id };
  }

  /** The user's customer at the provider, created once (the provider's idempotency key covers a race). */
  private async customer(provider: PaymentProvider, userId: string, email: string | null): Promise<string> {
    const known = await this.h.db.selectFrom('billing_customers').select('customer_id').where('user_id', '=', userId).executeTakeFirst();
    if (known) return known.customer_id;
    const customerId = await provider.createCustomer({ userId, email });
    await this.h.db
      .insertInto('billing_customers')
      .values({ user_id: userId, provider: provider.name, customer_id: customerId, created_at: this.clock.now() })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    return customerId;
  }

  /** Who was charged: the customer we created for them, else the user named in the payment's metadata (older packs). */
  private async chargedUser(customerId: string | null, metadataUserId: string | null): Promise<string | null> {
    if (customerId) {
      const c = await this.h.db.selectFrom('billing_customers').select('user_id').where('customer_id', '=', customerId).executeTakeFirst();
      if (c) return c.user_id;
    }
    return metadataUserId && (await this.userExists(metadataUserId)) ? metadataUserId : null;
  }

  /**
   * Verified, idempotent on the event id; every grant is idempotent on its own id as well. A
   * verified event that is refused (malformed, an unknown purchase, a wrong amount) is recorded as
   * `refused` with its reason and answered 4xx, having written nothing to the ledger; Stripe's
   * redelivery of it is judged again.
   */
  async webhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<WebhookOutcome> {
    const provider = this.requireProvider();
    const event = provider.parseWebhook(rawBody, headers);
    const seen = await this.h.db.selectFrom('webhook_events').select('id').where('id', '=', event.eventId).where('status', '=', 'applied').executeTakeFirst();
    if (seen) return { received: true, event_id: event.eventId, duplicate: true, action: 'none' };
    const userId = 'userId' in event ? event.userId : null;
    let action: string;
    try {
      action = await this.apply(event);
    } catch (err) {
      if (err instanceof ApiError && err.status < 500) await this.recordEvent(provider.name, event.eventId, event.type === 'malformed' ? event.eventType : event.type, userId, 'refused', `${err.code}: ${err.message}`);
      throw err;
    }
    await this.recordEvent(provider.name, event.eventId, event.type, userId, 'applied', null);
    return { received: true, event_id: event.eventId, duplicate: false, action };
  }

  private async recordEvent(provider: string, id: string, type: string, userId: string | null, status: 'applied' | 'refused', reason: string | null): Promise<void> {
    const now = this.clock.now();
    await this.h.db
      .insertInto('webhook_events')
      .values({ id, provider, type, user_id: userId, received_at: now, status, reason: reason?.slice(0, 500) ?? null })
      .onConflict((oc) => oc.column('id').doUpdateSet({ type, user_id: userId, received_at: now, status, reason: reason?.slice(0, 500) ?? null }))
      .execute();
  }

  private async userExists(userId: string): Promise<boolean> {
    return (await this.h.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
  }

  private async apply(e: PaymentEvent): Promise<string> {
    const now = this.clock.now();
    switch (e.type) {
      case 'ignored':
        return `ignored ${e.eventType}`;
      case 'malformed':
        throw new ApiError(400, 'WEBHOOK_MALFORMED', `${e.eventType}: ${e.reason}`);
      case 'payment.linked':
        await this.reversals.link(e.paymentIntent, e.invoiceId);
        return 'payment linked to its invoice';
      case 'payment.reversed':
        return this.reversals.reverse(e);
      case 'pack.paid': {
        const pack = findPack(e.packId);
        if (!pack || !(await this.userExists(e.userId))) throw new ApiError(422, 'WEBHOOK_UNKNOWN_PURCHASE', 'the event names an unknown pack or user');
        if (e.amountTwd !== pack.price_twd) throw new ApiError(422, 'WEBHOOK_AMOUNT_MISMATCH', `paid NT$${e.amountTwd} for a NT$${pack.price_twd} pack`);
        const ref = `stripe:checkout:${e.sessionId}`;
        await this.ledger.grant({ id: ref, user_id: e.userId, bucket: 'PAID', amount: pack.credits, expires_at: null, reason: LEDGER_REASONS.packPurchase(pack.id) }, 'stripe', ref);
        await this.reversals.record({ id: ref, userId: e.userId, bucket: 'PAID', credits: pack.credits, amountMinor: e.amountMinor, paymentIntent: e.paymentIntent, invoiceId: null });
        await this.h.db.updateTable('checkout_sessions').set({ completed_at: now }).where('id', '=', e.sessionId).execute();
        return `granted ${pack.credits} PAID`;
      }
      case 'subscription.started': {
        const plan = findPlan(e.planId);
        if (!plan || !(await this.userExists(e.userId))) throw new ApiError(422, 'WEBHOOK_UNKNOWN_PURCHASE', 'the event names an unknown plan or user');
        await this.h.db
          .insertInto('subscriptions')
          .values({ id: e.subscriptionId, user_id: e.userId, plan: plan.id, status: 'active', current_period_end: null, updated_at: now })
          .onConflict((oc) => oc.column('id').doUpdateSet({ status: 'active', plan: plan.id, updated_at: now }))
          .execute();
        return `subscription ${plan.id} active`;
      }
      case 'subscription.period_paid': {
        const plan = findPlan(e.planId);
        if (!plan || plan.one_time || !(await this.userExists(e.userId))) throw new ApiError(422, 'WEBHOOK_UNKNOWN_PURCHASE', 'the event names an unknown plan or user');
        // One grant per subscription period, whatever the number of deliveries or events.
        const ref = `stripe:sub:${e.subscriptionId}:${e.periodStart}`;
        const expiresAt = e.periodEnd;
        if (expiresAt <= now) return 'period already over: nothing granted';
        await this.ledger.grant({ id: ref, user_id: e.userId, bucket: 'SUB', amount: plan.monthly_credits, expires_at: expiresAt, reason: LEDGER_REASONS.planMonth(plan.id) }, 'stripe', ref);
        await this.reversals.record({ id: ref, userId: e.userId, bucket: 'SUB', credits: plan.monthly_credits, amountMinor: e.amountMinor, paymentIntent: e.paymentIntent, invoiceId: e.invoiceId });
        await this.h.db
          .insertInto('subscriptions')
          .values({ id: e.subscriptionId, user_id: e.userId, plan: plan.id, status: 'active', current_period_end: e.periodEnd, updated_at: now })
          .onConflict((oc) => oc.column('id').doUpdateSet({ status: 'active', plan: plan.id, current_period_end: e.periodEnd, updated_at: now }))
          .execute();
        await this.onPlanPaid?.({ paymentRef: ref, userId: e.userId, planId: plan.id, amountTwd: plan.price_twd });
        return `granted ${plan.monthly_credits} SUB until ${new Date(expiresAt).toISOString()}`;
      }
      case 'card.charged': {
        const userId = await this.chargedUser(e.customerId, e.metadataUserId);
        if (!userId) return 'ignored charge of an unknown customer';
        await this.onCardCharged?.({ userId, chargeId: e.chargeId, cardFingerprint: e.cardFingerprint });
        return 'card fingerprint recorded';
      }
      case 'subscription.ended':
        await this.h.db.updateTable('subscriptions').set({ status: 'canceled', updated_at: now }).where('id', '=', e.subscriptionId).execute();
        return 'subscription canceled';
    }
  }

  async subscriptions(userId: string) {
    return this.h.db.selectFrom('subscriptions').select(['id', 'plan', 'status', 'current_period_end']).where('user_id', '=', userId).execute();
  }
}
