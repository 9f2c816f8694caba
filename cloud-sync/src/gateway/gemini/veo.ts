import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clipCredits } from '../../../../src/shared/call-prices.js';
import { ApiError } from '../../errors.js';
import { bufferedExchange, redactBody } from '../exchange.js';
import type { Gateway } from '../gateway.js';
import { requestHashOf, type GenCallRow, type GenUnits } from '../metering.js';
import { UpstreamCall } from '../upstream.js';
import { geminiHeaders, idempotencyKey } from './wire.js';

/**
 * Veo through the Gemini API: a long-running operation. Starting it holds the clip's price; the
 * hold stays open until a poll through the gateway finds the operation done, which charges it once
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
interface Operation {
  name?: string;
  done?: boolean;
  error?: { code?: number; message?: string };
  response?: { generateVideoResponse?: { generatedSamples?: { video?: { uri?: string } }[]; raiMediaFilteredCount?: number } };
}

function parseJson<T>(raw: Buffer): T | null {
  try {
    return JSON.parse(raw.toString('utf8')) as T;
  } catch {
    return null;
  }
}

/** `https://…/v1beta/files/abc:download?alt=media` or `files/abc` → `abc`. */
export function fileIdOf(uri: string): string | null {
  const m = /(?:^|\/)files\/([A-Za-z0-9_-]+)/.exec(uri);
  return m ? m[1]! : null;
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
      const op = parseJson<Operation>(answer);
      if (!op?.name) return { release: 'GEN_UPSTREAM_ERROR' };
      return { running: op.name };
    },
    rebuild: (row) => (row.upstream_ref ? { status: 200, contentType: 'application/json', body: Buffer.from(JSON.stringify({ name: row.upstream_ref })) } : null),
  });
}

/** A finished operation settles its call once: charged for a video, released for an error or a filtered clip. */
async function settleOperation(gateway: Gateway, row: GenCallRow, op: Operation): Promise<void> {
  if (!op.done || row.status !== 'running') return;
  const call = gateway.metering.resume(row);
  const asked = JSON.parse(row.units) as GenUnits;
  const files = (op.response?.generateVideoResponse?.generatedSamples ?? []).map((s) => fileIdOf(s.video?.uri ?? '')).filter((f): f is string => f !== null);
  // A clip that never came is no seconds of video (the row asked for them at the start).
  if (op.error) return call.abandon('GEN_UPSTREAM_ERROR', { video_seconds: 0 });
  if (files.length === 0) return call.abandon((op.response?.generateVideoResponse?.raiMediaFilteredCount ?? 0) > 0 ? 'GEN_FILTERED' : 'GEN_NO_OUTPUT', { video_seconds: 0 });
  await call.settle(row.held, asked, files);
}

export function registerVeoRoutes(scope: FastifyInstance, gateway: Gateway): void {
  scope.get('/v1beta/models/:model/operations/:id', async (req: FastifyRequest<{ Params: { model: string; id: string } }>, reply) => {
    const { model, id } = req.params;
    const caller = gateway.caller(req);
    const name = `models/${model}/operations/${id}`;
    const row = OP_ID.test(id) ? await gateway.metering.byUpstreamRef(caller.userId, 'gemini', name) : undefined;
    // Someone else's operation is answered exactly as one that does not exist.
    if (!row) throw new ApiError(404, 'NOT_FOUND', `no operation ${name}`);
    const up = new UpstreamCall(gateway.config.deadlineMs);
    try {
      const res = await up.fetch({ url: `${gateway.baseUrl('gemini')}/v1beta/${name}`, method: 'GET', headers: geminiHeaders(gateway) });
      const raw = Buffer.from(await res.arrayBuffer());
      const contentType = res.headers.get('content-type') ?? 'application/json';
      if (res.ok) {
        const op = parseJson<Operation>(raw);
        if (op) await settleOperation(gateway, row, op);
      }
      reply.header('x-kingjam-call-id', row.id);
      return reply.status(res.status).header('content-type', contentType).send(redactBody(raw, contentType, gateway.secrets));
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(up.cause === 'timeout' ? 504 : 502, up.cause === 'timeout' ? 'GEN_UPSTREAM_TIMEOUT' : 'GEN_UPSTREAM_ERROR', gateway.redact(`polling the operation failed: ${(err as Error).message}`));
    } finally {
      up.done();
    }
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
