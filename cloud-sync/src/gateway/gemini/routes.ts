import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GenPurpose } from '../../../../src/shared/gateway.js';
import { MODEL_CATALOG, type CatalogModel } from '../../../../src/shared/models.js';
import { ApiError } from '../../errors.js';
import { bufferedExchange } from '../exchange.js';
import type { Gateway } from '../gateway.js';
import { checkGrantable, requestedGrant } from '../grants.js';
import { requestHashOf } from '../metering.js';
import { GEN_BODY_LIMIT } from '../scope.js';
import { UpstreamCall } from '../upstream.js';
import { capTextOutput, imageHold, imagesAsked, meterAnswer, speechHold, type GenerateRequest } from './metering.js';
import { streamGenerate } from './stream.js';
import { geminiHeaders, idempotencyKey, jsonBody, parseResponse, splitAction } from './wire.js';
import { registerVeoRoutes, startVideo } from './veo.js';
import type { VeoOperations } from './veo-operations.js';

/**
 * The Gemini API (v1beta) as `@google/genai` speaks it, under /v1/gen/gemini: generateContent for
 * text, structured output, the Gemini image models and speech; streamGenerateContent; Veo's
 * long-running operations and their files; and the model list. Each call is metered (gateway.ts).
 */
export async function registerGeminiRoutes(scope: FastifyInstance, gateway: Gateway, operations: VeoOperations): Promise<void> {
  scope.post('/v1beta/models/:action', { bodyLimit: GEN_BODY_LIMIT }, async (req: FastifyRequest<{ Params: { action: string } }>, reply) => {
    const { model: asked, method } = splitAction(req.params.action);
    if (method === 'generateContent') return generate(gateway, req, reply, asked);
    if (method === 'streamGenerateContent') {
      const model = gateway.allowModel('gemini', asked, ['text']);
      return streamGenerate(gateway, req, reply, model, jsonBody(req), idempotencyKey(req));
    }
    if (method === 'predictLongRunning') return startVideo(gateway, req, reply, asked);
    if (method === 'predict') {
      // Imagen answered :predict; its successors answer generateContent, so a retired Imagen id says so.
      gateway.allowModel('gemini', asked, []);
    }
    throw new ApiError(403, 'GEN_NOT_ALLOWED', `${method} is not offered through KingJam Cloud`);
  });

  registerVeoRoutes(scope, gateway, operations);

  // Everything else of the Gemini API (files upload, caches, embeddings, tuning…) is not sold.
  scope.all('/*', async (req) => {
    throw new ApiError(403, 'GEN_NOT_ALLOWED', `${req.method} ${req.url.split('?')[0]} is not offered through KingJam Cloud`);
  });

  // The models the platform key can use, limited to those the cloud sells (a connection test lists them).
  scope.get('/v1beta/models', async (req, reply) => {
    const q = new URLSearchParams(req.query as Record<string, string>);
    q.delete('key');
    const up = new UpstreamCall(gateway.config.deadlineMs);
    try {
      const res = await up.fetch({ url: `${gateway.baseUrl('gemini')}/v1beta/models?${q}`, method: 'GET', headers: geminiHeaders(gateway) });
      const body = (await res.json()) as { models?: { name?: string }[]; nextPageToken?: string };
      if (!res.ok) return reply.status(res.status).send(JSON.parse(gateway.redact(JSON.stringify(body))));
      const sold = new Set(MODEL_CATALOG.filter((m) => m.upstream === 'gemini' && m.lifecycle.status === 'current').map((m) => `models/${m.id}`));
      return { models: (body.models ?? []).filter((m) => m.name && sold.has(m.name)), ...(body.nextPageToken ? { nextPageToken: body.nextPageToken } : {}) };
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(up.cause === 'timeout' ? 504 : 502, up.cause === 'timeout' ? 'GEN_UPSTREAM_TIMEOUT' : 'GEN_UPSTREAM_ERROR', gateway.redact(`listing Gemini models failed: ${(err as Error).message}`));
    } finally {
      up.done();
    }
  });
}

async function generate(gateway: Gateway, req: FastifyRequest, reply: FastifyReply, asked: string): Promise<FastifyReply> {
  const model = gateway.allowModel('gemini', asked, ['text', 'image', 'speech']);
  const caller = gateway.caller(req);
  const original = jsonBody(req);
  const { body, hold } = priced(model, original, caller.purpose);
  const operation = model.capability === 'text' ? 'text' : model.capability === 'image' ? 'image' : 'speech';
  // The free daily photo (src/shared/gen-grant.ts): one image of the standard tier, paid by the platform.
  const grant = requestedGrant(req);
  if (grant) checkGrantable(model, imagesAsked(original));
  const sent = JSON.stringify(body);
  return bufferedExchange(gateway, req, reply, {
    upstream: 'gemini',
    caller,
    spec: { model: model.id, operation, hold, ...(grant ? { grant } : {}), idempotencyKey: idempotencyKey(req), requestHash: requestHashOf({ upstream: 'gemini', model: model.id, operation, body: JSON.stringify(original) }) },
    request: { url: `${gateway.baseUrl('gemini')}/v1beta/models/${model.id}:generateContent`, method: 'POST', headers: geminiHeaders(gateway), body: sent },
    meter: (raw) => meterAnswer(model, hold, parseResponse(raw), caller.purpose),
  });
}

function priced(model: CatalogModel, body: GenerateRequest, purpose: GenPurpose): { body: GenerateRequest; hold: number } {
  if (model.capability === 'text') return capTextOutput(body, model);
  if (model.capability === 'image') return { body, hold: imageHold(body, model, purpose) };
  return { body, hold: speechHold(body, model) };
}

