import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeCursor, encodeCursor } from './cursor.js';
import { z } from 'zod';
import { GATEWAY_MOUNTS, IDEMPOTENCY_HEADER } from '../../../src/shared/gateway.js';
import { MODEL_CATALOG } from '../../../src/shared/models.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import { CALL_ID_HEADER, type Gateway } from './gateway.js';
import { ReplicatePredictions } from './replicate-calls.js';
import { preferWait, type UpstreamPrediction } from './replicate-upstream.js';
import { GEN_BODY_LIMIT, registerUpstreamScope } from './scope.js';

/**
 * `/v1/gen/replicate/v1`: Replicate's predictions API as the `replicate` SDK
 * speaks it (baseUrl `<cloud>/v1/gen/replicate/v1`, auth = a generation token):
 *
 *   POST /models/{owner}/{name}/predictions  {input}   Prefer: wait | wait=N   → 201 prediction
 *   GET  /predictions/{id}                    the caller's own prediction, else 404
 *   POST /predictions/{id}/cancel             the caller's own prediction, else 404
 *   GET  /predictions[?cursor=]               the caller's own predictions, newest first
 *   POST /predictions {version, input}        a version the catalogue pins (a community model), else 403 GEN_NOT_ALLOWED
 *
 * Answers are Replicate's prediction JSON with its `urls` pointing back here and
 * any webhook left out (none is ever sent upstream for a caller).
 */

const CreateBody = z.looseObject({
  input: z.record(z.string(), z.unknown()),
  // Accepted for the SDK's sake, never forwarded: Replicate would post the platform account's events to them.
  webhook: z.string().optional(),
  webhook_events_filter: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
});
const Cursor = z.object({ cursor: z.string().max(200).optional() });
const IdempotencyKey = z.string().trim().min(1).max(200);

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new ApiError(400, 'VALIDATION_ERROR', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues);
}

const origin = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;

/** A prediction as the caller sees it: links back through the gateway, no webhook, and only the statuses the SDK knows. */
export function predictionView(p: UpstreamPrediction, base: string): Record<string, unknown> {
  const { webhook: _webhook, webhook_events_filter: _filter, urls: _urls, ...rest } = p;
  const self = `${base}${GATEWAY_MOUNTS.replicate}/predictions/${encodeURIComponent(p.id)}`;
  // `aborted` (stopped before it ran) is newer than the SDK, which would poll it forever: it ended like a cancel.
  return { ...rest, status: p.status === 'aborted' ? 'canceled' : p.status, urls: { get: self, cancel: `${self}/cancel` } };
}


/** Mounts the Replicate routes in the gateway's upstream scope; the predictions service is what the reconciler sweeps with. */
export async function mountReplicate(app: FastifyInstance, gateway: Gateway, h: DbHandle, clock: Clock): Promise<ReplicatePredictions> {
  const predictions = new ReplicatePredictions(gateway, h, clock);
  await registerUpstreamScope(app, gateway, GATEWAY_MOUNTS.replicate, (scope) => {
    // The SDK sends `Content-Type: application/json` on a cancel with no body: an empty body is no body here.
    const json = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      const text = body.toString();
      if (text === '') return done(null, undefined);
      json(req, text, done);
    });
    scope.post<{ Params: { owner: string; name: string } }>('/models/:owner/:name/predictions', { bodyLimit: GEN_BODY_LIMIT }, async (req, reply) => {
      const caller = gateway.caller(req);
      const body = parse(CreateBody, req.body);
      const rawKey = req.headers[IDEMPOTENCY_HEADER];
      const key = rawKey === undefined ? null : parse(IdempotencyKey, rawKey);
      const created = await predictions.create(gateway.callId(req), caller, `${req.params.owner}/${req.params.name}`, body.input, preferWait(req.headers.prefer), key);
      if (created.kind === 'no-prediction') return gateway.replay(reply, created.row);
      if (created.kind === 'replayed') reply.header(CALL_ID_HEADER, created.row.id).header('idempotent-replayed', 'true');
      return reply.status(201).send(predictionView(created.prediction, origin(req)));
    });

    // A community model (CodeFormer) has no model-level endpoint: it runs by the one version the catalogue pins; any other version is refused.
    scope.post('/predictions', { bodyLimit: GEN_BODY_LIMIT }, async (req, reply) => {
      const caller = gateway.caller(req);
      const version = (req.body as { version?: unknown } | undefined)?.version;
      const pinned = typeof version === 'string' ? MODEL_CATALOG.find((m) => m.upstream === 'replicate' && m.version === version) : undefined;
      if (!pinned) throw new ApiError(403, 'GEN_NOT_ALLOWED', 'this version is not offered through KingJam Cloud; create by model (POST /models/{owner}/{name}/predictions)');
      const body = parse(CreateBody, req.body);
      const rawKey = req.headers[IDEMPOTENCY_HEADER];
      const key = rawKey === undefined ? null : parse(IdempotencyKey, rawKey);
      const created = await predictions.create(gateway.callId(req), caller, pinned.id, body.input, preferWait(req.headers.prefer), key);
      if (created.kind === 'no-prediction') return gateway.replay(reply, created.row);
      if (created.kind === 'replayed') reply.header(CALL_ID_HEADER, created.row.id).header('idempotent-replayed', 'true');
      return reply.status(201).send(predictionView(created.prediction, origin(req)));
    });

    scope.get<{ Params: { id: string } }>('/predictions/:id', async (req) => predictionView(await predictions.get(gateway.caller(req), req.params.id), origin(req)));

    scope.post<{ Params: { id: string } }>('/predictions/:id/cancel', async (req) => predictionView(await predictions.cancel(gateway.caller(req), req.params.id), origin(req)));

    scope.get('/predictions', async (req) => {
      const { cursor } = parse(Cursor, req.query);
      const page = await predictions.list(gateway.caller(req), cursor ? decodeCursor(cursor) : null);
      const base = origin(req);
      return {
        next: page.last ? `${base}${GATEWAY_MOUNTS.replicate}/predictions?cursor=${encodeCursor(page.last.created_at, page.last.id)}` : null,
        previous: null,
        results: page.predictions.map((p) => predictionView(p, base)),
      };
    });
  });
  return predictions;
}
