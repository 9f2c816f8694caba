import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Replicate webhook verification (optional path: a render box with a public
 * HTTPS address can receive "completed" callbacks instead of waiting on the
 * next poll). Signature = base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`
 * with the key = base64-decode of the secret's part after the last `_`.
 * Old timestamps are refused so a captured request cannot be replayed.
 */
export interface WebhookCheck {
  id: string | undefined;
  timestamp: string | undefined;
  /** The `webhook-signature` header: space-separated `v1,<base64>` values. */
  signature: string | undefined;
  /** The raw request body, exactly as received. */
  body: string;
  /** `whsec_…` from GET /v1/webhooks/default/secret. */
  secret: string;
  toleranceSec?: number;
  nowMs?: number;
}

export function verifyReplicateWebhook(check: WebhookCheck): boolean {
  const { id, timestamp, signature, body, secret } = check;
  if (!id || !timestamp || !signature) return false;
  const ts = Number(timestamp);
  const now = (check.nowMs ?? Date.now()) / 1000;
  if (!Number.isFinite(ts) || Math.abs(now - ts) > (check.toleranceSec ?? 300)) return false;
  const key = Buffer.from(secret.slice(secret.lastIndexOf('_') + 1), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signature.split(' ').some((part) => {
    const [version, value] = part.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
