import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { WEBHOOK_WINDOW_MS } from '../../shared/kol/triggers.js';
import { noSecretStoreError, type SecretStore } from '../secrets/store.js';

/**
 * A custom trigger's inbound webhook. Each schedule has its own secret, made
 * at creation and shown once, kept in the secret store (keychain, or the
 * encrypted file) and never in SQLite. A request is signed with
 * HMAC-SHA256 over `<timestamp>.<raw body>` — the timestamp is signed so a
 * captured request cannot be replayed later with a fresh one — and refused
 * outside a 5-minute window; the signature is compared in constant time.
 */
const secretName = (scheduleId: string): string => `kol-hook-${scheduleId}`;

export class WebhookSecrets {
  private readonly cache = new Map<string, string>();

  constructor(private readonly secrets: SecretStore | null) {}

  /** Refuses early (before anything is saved) when there is nowhere safe to keep a secret. */
  assertAvailable(): void {
    if (!this.secrets) throw noSecretStoreError();
  }

  /** A new secret for the schedule (replacing any old one); the only time it is returned. */
  async create(scheduleId: string): Promise<string> {
    if (!this.secrets) throw noSecretStoreError();
    const secret = `whsec_${randomBytes(32).toString('hex')}`;
    await this.secrets.set(secretName(scheduleId), secret);
    this.cache.set(scheduleId, secret);
    return secret;
  }

  async get(scheduleId: string): Promise<string | null> {
    const cached = this.cache.get(scheduleId);
    if (cached) return cached;
    const secret = this.secrets ? await this.secrets.get(secretName(scheduleId)) : null;
    if (secret) this.cache.set(scheduleId, secret);
    return secret;
  }

  async delete(scheduleId: string): Promise<void> {
    this.cache.delete(scheduleId);
    await this.secrets?.delete(secretName(scheduleId));
  }
}

export function signWebhook(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type WebhookCheck = { ok: true } | { ok: false; reason: 'signature' | 'timestamp' };

/** Whether the request is signed with the secret and was signed within the window around `now`. */
export function checkWebhook(secret: string, signature: string | undefined, timestamp: string | undefined, body: Buffer, now: number): WebhookCheck {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'timestamp' };
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature ?? '');
  // Length first (timingSafeEqual needs equal lengths; the length of a sha256 hex is no secret).
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  if (Math.abs(now - Number(timestamp) * 1000) > WEBHOOK_WINDOW_MS) return { ok: false, reason: 'timestamp' };
  return { ok: true };
}

export const webhookBodySchema = z
  .object({
    topic: z.string().trim().min(2).max(300).optional(),
    context: z.string().max(4000).optional(),
    /** The event's id: an id already used is refused, so a sender's retry never writes twice. */
    id: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type WebhookBody = z.output<typeof webhookBodySchema>;

export function parseWebhookBody(raw: Buffer): WebhookBody {
  let json: unknown = {};
  if (raw.length > 0) {
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new StudioError({ code: 'BAD_INPUT', message: 'The request body is not valid JSON.', ...say('request.notJson') });
    }
  }
  const parsed = webhookBodySchema.safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'body';
    throw new StudioError({ code: 'BAD_INPUT', message: `The event body is not {topic?, context?, id?} (${field}).`, field, ...say('kol.trig.badEvent', { field }) });
  }
  return parsed.data;
}

/** The item key an event is used once by: its id, else its signature (the same signed request twice is a replay). */
export function eventKey(body: WebhookBody, signature: string): string {
  return body.id ? `event:${body.id}` : `signed:${createHash('sha256').update(signature).digest('hex').slice(0, 32)}`;
}
