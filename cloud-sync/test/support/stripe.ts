import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export const WEBHOOK_SECRET = 'whsec_test_secret_for_kingjam';

export interface FakeStripe {
  base: string;
  requests: { method: string; path: string; form: URLSearchParams; auth: string; idempotencyKey: string | undefined }[];
  close(): Promise<void>;
}

/** A loopback stand-in for api.stripe.com: it speaks the wire format the SDK expects (customers, Checkout Sessions). */
export async function fakeStripeApi(): Promise<FakeStripe> {
  const requests: FakeStripe['requests'] = [];
  const customers = new Map<string, string>();
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
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
        res.end(JSON.stringify({ id, object: 'checkout.session', mode: form.get('mode'), customer: form.get('customer'), url: `https://checkout.stripe.com/c/pay/${id}`, metadata: {} }));
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `no fake for ${req.method} ${req.url}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

const signer = new Stripe('sk_test_signer');

/** The Stripe-Signature header Stripe would send for this exact payload. */
export function signed(payload: string, opts: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, ...(opts.timestamp ? { timestamp: opts.timestamp } : {}) });
  return { 'stripe-signature': header };
}

/** A `charge.succeeded` event as Stripe sends it for a card payment. */
export function chargeSucceeded(eventId: string, charge: { customer: string | null; fingerprint: string; metadata?: Record<string, string> }): object {
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
