import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export const WEBHOOK_SECRET = 'whsec_test_secret_for_kingjam';

/** A Checkout Session as the fake keeps it: what the SDK sent, and what became of it. */
export interface FakeSession {
  id: string;
  mode: 'payment' | 'subscription';
  customer: string | null;
  clientReferenceId: string | null;
  /** In minor units (NT$250 is 25000), as Stripe counts TWD. */
  amountTotal: number;
  metadata: Record<string, string>;
  /** payment_intent_data[metadata] (packs) or subscription_data[metadata] (plans). */
  childMetadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
  status: 'open' | 'complete' | 'expired';
  subscription: string | null;
}

/** An event as Stripe posts it to a webhook endpoint (`object` and `created` are added when sent). */
export interface StripeEvent {
  id: string;
  type: string;
  [field: string]: unknown;
}

export interface Delivery {
  eventId: string;
  type: string;
  payload: string;
  status: number;
  body: unknown;
}

export interface FakeStripe {
  base: string;
  requests: { method: string; path: string; form: URLSearchParams; auth: string; idempotencyKey: string | undefined }[];
  sessions: Map<string, FakeSession>;
  /** Every webhook delivery to the endpoint named by deliverTo(), in order, with the endpoint's answer. */
  deliveries: Delivery[];
  /** Where webhooks go (the cloud's /v1/billing/webhook), once it is listening. */
  deliverTo(url: string): void;
  /** Sends an event (signed with `secret`, WEBHOOK_SECRET by default) to the endpoint. */
  send(event: StripeEvent, opts?: { secret?: string }): Promise<Delivery>;
  /** Sends an earlier event's exact payload again, freshly signed, as Stripe does when it retries a delivery. */
  redeliver(eventId: string): Promise<Delivery>;
  /** The session times out unpaid: Stripe sends checkout.session.expired. */
  expire(sessionId: string): Promise<Delivery>;
  close(): Promise<void>;
}

export interface FakeStripeOptions {
  /**
   * Checkout URLs point at a page this fake serves (Pay and Cancel buttons)
   * instead of https://checkout.stripe.com, so a browser can complete the
   * session: Pay sends the signed webhooks Stripe would and follows success_url.
   */
  hostedCheckout?: boolean;
}

/** `prefix[key]=value` form fields (how the SDK encodes metadata) as a record. */
function nested(form: URLSearchParams, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) {
    if (k.startsWith(`${prefix}[`) && k.endsWith(']') && !k.slice(prefix.length + 1, -1).includes('[')) out[k.slice(prefix.length + 1, -1)] = v;
  }
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function checkoutPage(s: FakeSession, name: string): string {
  const action = (what: string) => `/c/pay/${encodeURIComponent(s.id)}/${what}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title></head>
<body><main data-session="${escapeHtml(s.id)}" data-status="${s.status}"><h1>${escapeHtml(name)}</h1>
<p data-testid="amount">NT$ ${s.amountTotal / 100}</p>
<form method="post" action="${action('pay')}"><button type="submit" data-testid="pay">Pay</button></form>
<form method="post" action="${action('cancel')}"><button type="submit" data-testid="cancel">Back to KingJam</button></form>
</main></body></html>`;
}

/**
 * A loopback stand-in for api.stripe.com: it speaks the wire format the SDK
 * expects (customers, Checkout Sessions) and, when told where, delivers
 * signed webhook events for what happens to a session.
 */
export async function fakeStripeApi(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const requests: FakeStripe['requests'] = [];
  const customers = new Map<string, string>();
  const sessions = new Map<string, FakeSession>();
  const names = new Map<string, string>();
  const deliveries: Delivery[] = [];
  let webhookUrl: string | null = null;
  let n = 0;
  let base = '';

  async function post(payload: string, eventId: string, type: string, secret = WEBHOOK_SECRET): Promise<Delivery> {
    if (!webhookUrl) throw new Error('fake Stripe: deliverTo() was not called');
    const res = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...signed(payload, { secret }) }, body: payload });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text for the test to read.
    }
    const delivery = { eventId, type, payload, status: res.status, body };
    deliveries.push(delivery);
    return delivery;
  }

  const send: FakeStripe['send'] = (event, opts = {}) => post(JSON.stringify({ object: 'event', created: Math.floor(Date.now() / 1000), ...event }), event.id, event.type, opts.secret);

  /** What Stripe sends when a session is paid: the card charge, the completed session, and for a plan its first invoice. */
  async function complete(s: FakeSession): Promise<void> {
    s.status = 'complete';
    if (s.mode === 'subscription') s.subscription = `sub_test_${++n}`;
    const charge = ++n;
    await send(chargeSucceeded(`evt_test_${charge}`, { customer: s.customer, fingerprint: `fpFake${charge}`, metadata: s.childMetadata }));
    await send({
      id: `evt_test_${++n}`,
      type: 'checkout.session.completed',
      data: {
        object: {
          id: s.id,
          object: 'checkout.session',
          mode: s.mode,
          status: 'complete',
          payment_status: 'paid',
          amount_total: s.amountTotal,
          currency: 'twd',
          customer: s.customer,
          client_reference_id: s.clientReferenceId,
          subscription: s.subscription,
          metadata: s.metadata,
        },
      },
    });
    if (s.mode === 'subscription' && s.subscription) {
      const start = Math.floor(Date.now() / 1000);
      await send({
        id: `evt_test_${++n}`,
        type: 'invoice.paid',
        data: {
          object: {
            id: `in_test_${n}`,
            object: 'invoice',
            customer: s.customer,
            amount_paid: s.amountTotal,
            parent: { type: 'subscription_details', subscription_details: { subscription: s.subscription, metadata: s.childMetadata } },
            lines: { object: 'list', data: [{ id: `il_test_${n}`, object: 'line_item', period: { start, end: start + 30 * 86400 } }] },
          },
        },
      });
    }
  }

  function hosted(req: IncomingMessage, res: ServerResponse): boolean {
    const m = /^\/c\/pay\/([^/?]+)(?:\/(pay|cancel))?$/.exec(req.url ?? '');
    const s = m ? sessions.get(decodeURIComponent(m[1]!)) : undefined;
    if (!m || !s) return false;
    const redirect = (to: string) => {
      res.statusCode = 303;
      res.setHeader('location', to);
      res.end();
    };
    if (req.method === 'GET' && !m[2]) {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(checkoutPage(s, names.get(s.id) ?? s.id));
    } else if (req.method === 'POST' && m[2] === 'pay' && s.status === 'open') {
      void complete(s).then(
        () => redirect(s.successUrl.replace('{CHECKOUT_SESSION_ID}', s.id)),
        (err: unknown) => {
          res.statusCode = 500;
          res.end(String(err));
        },
      );
    } else if (req.method === 'POST' && m[2] === 'cancel') {
      redirect(s.cancelUrl);
    } else {
      res.statusCode = 409;
      res.end(`session ${s.id} is ${s.status}`);
    }
    return true;
  }

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (hosted(req, res)) return;
      const form = new URLSearchParams(body);
      const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
      requests.push({ method: req.method ?? '', path: req.url ?? '', form, auth: req.headers.authorization ?? '', idempotencyKey });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && req.url === '/v1/customers') {
        // Like Stripe, the same idempotency key answers the same customer.
        const id = (idempotencyKey && customers.get(idempotencyKey)) ?? `cus_test_${++n}`;
        if (idempotencyKey) customers.set(idempotencyKey, id);
        res.end(JSON.stringify({ id, object: 'customer', email: form.get('email'), metadata: { user_id: form.get('metadata[user_id]') } }));
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
        const id = `cs_test_${++n}`;
        const mode = form.get('mode') === 'subscription' ? 'subscription' : 'payment';
        sessions.set(id, {
          id,
          mode,
          customer: form.get('customer'),
          clientReferenceId: form.get('client_reference_id'),
          amountTotal: Number(form.get('line_items[0][price_data][unit_amount]') ?? 0) * Number(form.get('line_items[0][quantity]') ?? 1),
          metadata: nested(form, 'metadata'),
          childMetadata: nested(form, mode === 'subscription' ? 'subscription_data[metadata]' : 'payment_intent_data[metadata]'),
          successUrl: form.get('success_url') ?? '',
          cancelUrl: form.get('cancel_url') ?? '',
          status: 'open',
          subscription: null,
        });
        names.set(id, form.get('line_items[0][price_data][product_data][name]') ?? id);
        const url = options.hostedCheckout ? `${base}/c/pay/${id}` : `https://checkout.stripe.com/c/pay/${id}`;
        res.end(JSON.stringify({ id, object: 'checkout.session', mode, customer: form.get('customer'), url, metadata: {} }));
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `no fake for ${req.method} ${req.url}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    base,
    requests,
    sessions,
    deliveries,
    deliverTo(url) {
      webhookUrl = url;
    },
    send,
    redeliver(eventId) {
      const earlier = deliveries.find((d) => d.eventId === eventId);
      if (!earlier) throw new Error(`fake Stripe: no delivery of ${eventId} to repeat`);
      return post(earlier.payload, earlier.eventId, earlier.type);
    },
    expire(sessionId) {
      const s = sessions.get(sessionId);
      if (!s || s.status !== 'open') throw new Error(`fake Stripe: session ${sessionId} is not open`);
      s.status = 'expired';
      return send({
        id: `evt_test_${++n}`,
        type: 'checkout.session.expired',
        data: { object: { id: s.id, object: 'checkout.session', mode: s.mode, status: 'expired', payment_status: 'unpaid', customer: s.customer, client_reference_id: s.clientReferenceId, metadata: s.metadata } },
      });
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const signer = new Stripe('sk_test_signer');

/** The Stripe-Signature header Stripe would send for this exact payload. */
export function signed(payload: string, opts: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, ...(opts.timestamp ? { timestamp: opts.timestamp } : {}) });
  return { 'stripe-signature': header };
}

/** A `charge.succeeded` event as Stripe sends it for a card payment. */
export function chargeSucceeded(eventId: string, charge: { customer: string | null; fingerprint: string; metadata?: Record<string, string> }): StripeEvent {
  return {
    id: eventId,
    object: 'event',
    type: 'charge.succeeded',
    data: {
      object: {
        id: `ch_${eventId}`,
        object: 'charge',
        amount: 29900,
        currency: 'twd',
        paid: true,
        status: 'succeeded',
        customer: charge.customer,
        metadata: charge.metadata ?? {},
        payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030, fingerprint: charge.fingerprint, country: 'TW' } },
      },
    },
  };
}
