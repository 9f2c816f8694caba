import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clipCredits } from '../../../../src/shared/call-prices.js';
import { ApiError } from '../../errors.js';
import { bufferedExchange, redactBody } from '../exchange.js';
import type { Gateway } from '../gateway.js';
import { requestHashOf } from '../metering.js';
import { UpstreamCall } from '../upstream.js';
import { parseOperation, type VeoOperations } from './veo-operations.js';
import { geminiHeaders, idempotencyKey } from './wire.js';

/**
 * Veo through the Gemini API: a long-running operation. Starting it holds the clip's price; the
 * hold stays open until a poll — the owner's through the gateway, or the reconciler's when the
 * owner stopped polling — finds the operation done (veo-operations.ts), which charges it once
 * (a video came back) or releases it (an error, or every sample filtered). Only the caller who
 * started an operation may poll it or download the files it made.
 */

/** Veo runs for minutes; its hold waits this long for a poll to find it done. */
const VIDEO_HOLD_TTL_S = 3 * 3600;
/** Veo's own default clip length. */
const DEFAULT_SECONDS = 8;
const OP_ID = /^[A-Za-z0-9_-]{1,200}$/;
const FILE_ID = /^[A-Za-z0-9_-]{1,200}$/;

interface VeoRequest {
  instances?: unknown[];
  parameters?: { durationSeconds?: number; sampleCount?: number; [k: string]: unknown };
}

export async function startVideo(gateway: Gateway, req: FastifyRequest, reply: FastifyReply, asked: string): Promise<FastifyReply> {
  const model = gateway.allowModel('gemini', asked, ['video']);
  const caller = gateway.caller(req);
  const body = (req.body ?? {}) as VeoRequest;
  const seconds = body.parameters?.durationSeconds ?? DEFAULT_SECONDS;
  if ((body.parameters?.sampleCount ?? 1) !== 1) throw new ApiError(403, 'GEN_NOT_ALLOWED', 'one clip per call (sampleCount 1)');
  const price = clipCredits(model, seconds);
  if (price === undefined) throw new ApiError(403, 'GEN_NOT_ALLOWED', `${model.id} is sold in clips of ${Object.keys(model.price.unit === 'clip' ? model.price.bySeconds : {}).join(', ')} seconds`);
  const raw = JSON.stringify(body);
  return bufferedExchange(gateway, req, reply, {
    upstream: 'gemini',
    caller,
    spec: {
      model: model.id,
      operation: 'video',
      hold: price,
      units: { video_seconds: seconds },
      holdTtlSeconds: VIDEO_HOLD_TTL_S,
      idempotencyKey: idempotencyKey(req),
      requestHash: requestHashOf({ upstream: 'gemini', model: model.id, operation: 'video', body: raw }),
    },
    request: { url: `${gateway.baseUrl('gemini')}/v1beta/models/${model.id}:predictLongRunning`, method: 'POST', headers: geminiHeaders(gateway), body: raw },
    meter: (answer) => {
      const op = parseOperation(answer);
      if (!op?.name) return { release: 'GEN_UPSTREAM_ERROR' };
      return { running: op.name };
    },
    rebuild: (row) => (row.upstream_ref ? { status: 200, contentType: 'application/json', body: Buffer.from(JSON.stringify({ name: row.upstream_ref })) } : null),
  });
}

export function registerVeoRoutes(scope: FastifyInstance, gateway: Gateway, operations: VeoOperations): void {
  scope.get('/v1beta/models/:model/operations/:id', async (req: FastifyRequest<{ Params: { model: string; id: string } }>, reply) => {
    const { model, id } = req.params;
    const caller = gateway.caller(req);
    const name = `models/${model}/operations/${id}`;
    const row = OP_ID.test(id) ? await gateway.metering.byUpstreamRef(caller.userId, 'gemini', name) : undefined;
    // Someone else's operation is answered exactly as one that does not exist.
    if (!row) throw new ApiError(404, 'NOT_FOUND', `no operation ${name}`);
    const polled = await operations.poll(row);
    reply.header('x-kingjam-call-id', row.id);
    return reply.status(polled.status).header('content-type', polled.contentType).send(redactBody(polled.raw, polled.contentType, gateway.secrets));
  });

  scope.get('/v1beta/files/:action', async (req: FastifyRequest<{ Params: { action: string } }>, reply) => {
    const m = /^([^:]+):download$/.exec(req.params.action);
    const id = m?.[1];
    const caller = gateway.caller(req);
    if (!id || !FILE_ID.test(id) || !(await gateway.metering.ownsFile(caller.userId, 'gemini', id))) throw new ApiError(404, 'NOT_FOUND', 'no such file');
    const up = new UpstreamCall(gateway.config.deadlineMs);
    let handedOver = false;
    try {
      let res = await up.fetch({ url: `${gateway.baseUrl('gemini')}/v1beta/files/${id}:download?alt=media`, method: 'GET', headers: { 'x-goog-api-key': gateway.key('gemini') }, redirect: 'manual' });
      // The bytes may live behind a redirect to storage: follow it without the platform key.
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (location) res = await up.fetch({ url: new URL(location, gateway.baseUrl('gemini')).toString(), method: 'GET', headers: {} });
      const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
      if (!res.ok || !res.body) {
        const raw = Buffer.from(await res.arrayBuffer());
        return reply.status(res.status).header('content-type', contentType).send(redactBody(raw, contentType, gateway.secrets));
      }
      const length = res.headers.get('content-length');
      if (length) reply.header('content-length', length);
      const stream = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
      stream.on('close', () => up.done());
      handedOver = true;
      return reply.status(200).header('content-type', contentType).send(stream);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(up.cause === 'timeout' ? 504 : 502, up.cause === 'timeout' ? 'GEN_UPSTREAM_TIMEOUT' : 'GEN_UPSTREAM_ERROR', gateway.redact(`downloading the file failed: ${(err as Error).message}`));
    } finally {
      if (!handedOver) up.done();
    }
  });
}
