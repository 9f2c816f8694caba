import type http from 'node:http';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { WEBHOOK_MAX_BYTES, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../../shared/kol/triggers.js';
import type { RunResult } from '../../shared/kol/triggers.js';
import type { KolTriggerService } from '../kol-trig/service.js';

/**
 * `POST /hooks/kol/<scheduleId>`: a custom trigger's inbound webhook. Its
 * authentication is the request's HMAC signature with the schedule's own
 * secret (../kol-trig/webhook.ts), not the bridge's session token, which a
 * sending service never has; nothing else is reachable through this route.
 */
export const KOL_HOOK_PATH = /^\/hooks\/kol\/([A-Za-z0-9_-]{1,100})$/;

async function rawBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > WEBHOOK_MAX_BYTES) {
      const limit = `${WEBHOOK_MAX_BYTES / 1024} KiB`;
      throw new StudioError({ code: 'BAD_INPUT', message: `The request body is larger than ${limit}.`, ...say('request.tooLarge', { limit }) });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const header = (req: http.IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

/** Reads, checks and fires one webhook request; a refusal is thrown (401 signature or timestamp, 404 schedule, 409 paused or replayed, 400 body). */
export async function answerKolHook(triggers: KolTriggerService, scheduleId: string, req: http.IncomingMessage): Promise<RunResult> {
  const raw = await rawBody(req);
  return triggers.receiveEvent(scheduleId, header(req, WEBHOOK_SIGNATURE_HEADER), header(req, WEBHOOK_TIMESTAMP_HEADER), raw);
}
