import type { FastifyRequest } from 'fastify';
import { IDEMPOTENCY_HEADER } from '../../../../src/shared/gateway.js';
import { ApiError } from '../../errors.js';
import type { Gateway } from '../gateway.js';
import type { GenerateRequest, GenerateResponse } from './metering.js';

/** Small readers of the Gemini wire format shared by the Gemini routes. */

/** A Gemini model id as it appears in a path (`gemini-3.5-flash`, `veo-3.1-generate-preview`). */
const MODEL_ID = /^[a-z0-9][a-z0-9.-]{0,100}$/;

/** `gemini-3.5-flash:generateContent` → its model and method. */
export function splitAction(raw: string): { model: string; method: string } {
  const at = raw.lastIndexOf(':');
  const model = at < 0 ? raw : raw.slice(0, at);
  if (at < 0 || !MODEL_ID.test(model)) throw new ApiError(404, 'NOT_FOUND', 'no such Gemini method');
  return { model, method: raw.slice(at + 1) };
}

export function idempotencyKey(req: FastifyRequest): string | null {
  const k = req.headers[IDEMPOTENCY_HEADER];
  if (k === undefined) return null;
  if (typeof k !== 'string' || !k.trim() || k.length > 200) throw new ApiError(400, 'VALIDATION_ERROR', 'Idempotency-Key: 1 to 200 characters');
  return k.trim();
}

export function jsonBody(req: FastifyRequest): GenerateRequest {
  const b = req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new ApiError(400, 'INVALID_BODY', 'expected a JSON object');
  return b as GenerateRequest;
}

/** Headers of every request to Gemini: the platform key travels only here, never in a URL. */
export const geminiHeaders = (gateway: Gateway): Record<string, string> => ({ 'content-type': 'application/json', 'x-goog-api-key': gateway.key('gemini') });

export function parseResponse(raw: Buffer): GenerateResponse {
  try {
    const v = JSON.parse(raw.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null ? (v as GenerateResponse) : {};
  } catch {
    return {};
  }
}
