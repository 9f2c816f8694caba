import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Upstream } from '../../../src/shared/models.js';
import type { CloudErrorCode } from '../error-codes.js';
import { ApiError } from '../errors.js';
import type { Gateway } from './gateway.js';
import type { CallSpec, GenCaller, GenCallRow, GenUnits, MeteredCall } from './metering.js';
import type { StoredAnswer } from './replay.js';
import { redact, UpstreamCall, type UpstreamRequest } from './upstream.js';

/** What a 2xx upstream answer is worth. */
export type Metered =
  /** Charge it (capped at the hold; 0 releases). */
  | { charge: number; units: GenUnits }
  /** Release the hold: nothing billable came back (filtered, no image made). The answer still goes to the client. */
  | { release: CloudErrorCode; units?: GenUnits }
  /** Long-running work started: the hold stays open until a poll finds it done. */
  | { running: string };

export interface BufferedExchange {
  upstream: Upstream;
  caller: GenCaller;
  spec: Omit<CallSpec, 'upstream'>;
  /** The upstream request, with the platform key in a header (never in the URL). */
  request: Omit<UpstreamRequest, 'deadlineMs'>;
  meter: (body: Buffer, res: Response) => Metered;
  /**
   * Long-running work: the answer to a retry whose kept answer is gone, rebuilt from the call's
   * row (its upstream_ref), so a restart does not strand a client that lost the first answer.
   */
  rebuild?: (row: GenCallRow) => StoredAnswer | null;
}

/**
 * One metered, non-streamed upstream call, start to end: idempotency (replay), hold, a slot on the
 * upstream key, the request under the deadline and the client's hang-up, then charge or release
 * from what came back, and the answer kept for retries. An upstream error answer goes to the
 * client as the upstream wrote it (its SDK parses it), with the platform key redacted.
 */
export async function bufferedExchange(gateway: Gateway, req: FastifyRequest, reply: FastifyReply, x: BufferedExchange): Promise<FastifyReply> {
  gateway.admit(x.caller);
  const begun = await gateway.metering.begin(gateway.callId(req), x.caller, { upstream: x.upstream, ...x.spec });
  if (begun.kind === 'replay') return gateway.replay(reply, begun.row, x.rebuild);
  const call = begun.call;
  return inUpstreamSlot(gateway, reply, call, x.upstream, x.caller, async (up) => {
    let res: Response;
    let body: Buffer;
    try {
      res = await up.fetch(x.request);
      body = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      throw await failed(gateway, call, up, err);
    }
    const contentType = res.headers.get('content-type') ?? 'application/json';
    const text = redactBody(body, contentType, gateway.secrets);
    if (!res.ok) {
      await call.abandon('GEN_UPSTREAM_ERROR');
      return reply.status(res.status).header('content-type', contentType).send(text);
    }
    const m = x.meter(body, res);
    if ('running' in m) await call.upstreamRef(m.running);
    else if ('release' in m) await call.abandon(m.release, m.units);
    else await call.settle(m.charge, m.units);
    gateway.remember(call.id, { status: res.status, contentType, body: text });
    return reply.status(res.status).header('content-type', contentType).send(text);
  });
}

/**
 * The upstream part of a begun call: one signal for its deadline and the client's hang-up, a slot
 * on the upstream key (the hold released when none can be had), and anything that fails before the
 * call was metered (a bug, a database error) releases the hold.
 */
export async function inUpstreamSlot(
  gateway: Gateway,
  reply: FastifyReply,
  call: MeteredCall,
  upstream: Upstream,
  caller: GenCaller,
  run: (up: UpstreamCall) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  const up = new UpstreamCall(gateway.config.deadlineMs);
  const onClose = () => {
    if (!reply.raw.writableEnded) up.abort('client');
  };
  reply.raw.on('close', onClose);
  let free: (() => void) | null = null;
  try {
    free = await gateway.slot(upstream, caller, up.signal).catch(async (err: unknown) => {
      await call.abandon(err instanceof ApiError ? err.code : 'GEN_BUSY');
      throw err;
    });
    return await run(up);
  } catch (err) {
    await call.abandon(err instanceof ApiError ? err.code : 'INTERNAL').catch(() => undefined);
    throw err;
  } finally {
    up.done();
    free?.();
    reply.raw.off('close', onClose);
  }
}

/** A request that never got a whole answer: release the hold and say why (504 timeout, 502 unreachable). */
export async function failed(gateway: Gateway, call: MeteredCall, up: UpstreamCall, err: unknown): Promise<ApiError> {
  if (up.cause === 'timeout') {
    await call.abandon('GEN_UPSTREAM_TIMEOUT');
    return new ApiError(504, 'GEN_UPSTREAM_TIMEOUT', `the model provider did not answer within ${Math.round(gateway.config.deadlineMs / 1000)} s`);
  }
  if (up.cause === 'client') {
    await call.abandon('GEN_CLIENT_GONE');
    return new ApiError(499, 'GEN_CLIENT_GONE', 'the client disconnected');
  }
  await call.abandon('GEN_UPSTREAM_ERROR');
  const why = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
  return new ApiError(502, 'GEN_UPSTREAM_ERROR', redact(`the model provider could not be reached: ${why}`, gateway.secrets));
}

/** A body as it may go to the client: text bodies with any platform key redacted, binary ones as they are. */
export function redactBody(body: Buffer, contentType: string, secrets: readonly string[]): Buffer {
  if (!/json|text|event-stream/i.test(contentType)) return body;
  const s = body.toString('utf8');
  const r = redact(s, secrets);
  return r === s ? body : Buffer.from(r, 'utf8');
}
