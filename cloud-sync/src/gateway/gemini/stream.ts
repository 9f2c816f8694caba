import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { textChargeCredits } from '../../../../src/shared/call-prices.js';
import type { CatalogModel } from '../../../../src/shared/models.js';
import { failed, inUpstreamSlot, redactBody } from '../exchange.js';
import { CALL_ID_HEADER, type Gateway } from '../gateway.js';
import { requestHashOf, type MeteredCall } from '../metering.js';
import { readStream, streamRequest } from '../upstream.js';
import { capTextOutput, filteredBy, promptBytes, textUnits, type GenerateRequest, type GenerateResponse } from './metering.js';
import { geminiHeaders } from './wire.js';

/** Without any usageMetadata (a client that left early), prompt and text are counted at this many UTF-8 bytes per token. */
const BYTES_PER_TOKEN_ESTIMATE = 4;

/** The blank line that ends an SSE event. */
const EVENT_END = /\r?\n\r?\n/;

/** An SSE event's data: its `data:` lines joined by newlines. */
const dataOf = (event: string): string =>
  event
    .split(/\r?\n/)
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trimStart())
    .join('\n');

/** Reads Gemini's SSE (`data: <GenerateContentResponse>` + blank line) as it passes through, keeping what metering needs. */
class SseWatcher {
  private pending = '';
  usage: GenerateResponse['usageMetadata'] | null = null;
  last: GenerateResponse | null = null;
  filtered: string | null = null;
  /** UTF-8 bytes of candidate text seen: the fallback measure when no usage came. */
  textBytes = 0;
  /** An event carried candidate output. */
  produced = false;

  /** Bytes of an event not yet ended by its blank line. */
  get partial(): boolean {
    return this.pending.trim().length > 0;
  }

  feed(chunk: string): void {
    this.pending += chunk;
    for (;;) {
      const m = EVENT_END.exec(this.pending);
      if (!m) return;
      const event = this.pending.slice(0, m.index);
      this.pending = this.pending.slice(m.index + m[0].length);
      // Gemini sends one `data:` line per event; other fields (and several data lines) are rare.
      const data = event.startsWith('data:') && !event.includes('\n') ? event.slice(5).trimStart() : dataOf(event);
      if (data) this.onEvent(data);
    }
  }

  private onEvent(data: string): void {
    let r: GenerateResponse;
    try {
      r = JSON.parse(data) as GenerateResponse;
    } catch {
      return;
    }
    this.last = r;
    if (r.usageMetadata) this.usage = r.usageMetadata;
    this.filtered ??= filteredBy(r);
    for (const c of r.candidates ?? []) {
      for (const p of c.content?.parts ?? []) {
        if (typeof p.text === 'string' && p.text) {
          this.textBytes += Buffer.byteLength(p.text, 'utf8');
          this.produced = true;
        }
      }
    }
  }
}

/**
 * streamGenerateContent passed through as it arrives: each upstream chunk is written to the client
 * at once (no buffering). Charged by the last usageMetadata seen. The client leaving before any
 * output aborts upstream and releases the hold; leaving after output charges what was produced.
 * A timeout, an upstream failure or a filtered answer releases the hold.
 */
export async function streamGenerate(gateway: Gateway, req: FastifyRequest, reply: FastifyReply, model: CatalogModel, original: GenerateRequest, key: string | null): Promise<FastifyReply> {
  const caller = gateway.caller(req);
  // 503 without a platform key, before anything is held.
  const headers = geminiHeaders(gateway);
  gateway.admit(caller);
  const { body, hold } = capTextOutput(original, model);
  const begun = await gateway.metering.begin(gateway.callId(req), caller, {
    upstream: 'gemini',
    model: model.id,
    operation: 'stream',
    hold,
    idempotencyKey: key,
    requestHash: requestHashOf({ upstream: 'gemini', model: model.id, operation: 'stream', body: JSON.stringify(original) }),
  });
  if (begun.kind === 'replay') return gateway.replay(reply, begun.row);
  const call = begun.call;
  return inUpstreamSlot(gateway, reply, call, 'gemini', caller, async (up) => {
    let res: IncomingMessage;
    try {
      res = await streamRequest({ url: `${gateway.baseUrl('gemini')}/v1beta/models/${model.id}:streamGenerateContent?alt=sse`, headers, body: JSON.stringify(body) }, up.signal);
    } catch (err) {
      throw await failed(gateway, call, up, err);
    }
    const status = res.statusCode ?? 502;
    const contentType = res.headers['content-type'] ?? 'text/event-stream';
    if (status < 200 || status >= 300) {
      let raw: Buffer;
      try {
        raw = await readStream(res);
      } catch (err) {
        throw await failed(gateway, call, up, err);
      }
      await call.abandon('GEN_UPSTREAM_ERROR');
      return reply.status(status).header('content-type', contentType).send(redactBody(raw, contentType, gateway.secrets));
    }

    // From here the answer is written straight to the socket, chunk by chunk.
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', [CALL_ID_HEADER]: call.id });
    const watch = new SseWatcher();
    const cut = await relay(res, reply.raw, watch, call);
    if (cut !== null && up.cause !== 'client') {
      // Timeout or upstream failure mid-stream: the answer is incomplete, so nothing is charged, and
      // the client is told in the stream itself (the SDK throws on an event carrying `error`).
      const timeout = up.cause === 'timeout';
      await call.abandon(timeout ? 'GEN_UPSTREAM_TIMEOUT' : 'GEN_UPSTREAM_ERROR');
      const error = timeout
        ? { code: 504, status: 'DEADLINE_EXCEEDED', message: `KingJam Cloud cut the stream: no end within ${Math.round(gateway.config.deadlineMs / 1000)} s (no credits charged)` }
        : { code: 502, status: 'UNAVAILABLE', message: 'the model provider broke off the stream (no credits charged)' };
      reply.raw.write(`${watch.partial ? '\r\n\r\n' : ''}data: ${JSON.stringify({ error })}\r\n\r\n`);
    } else if (watch.filtered) {
      await call.abandon('GEN_FILTERED', watch.last ? textUnits(watch.last) : {});
    } else if (up.cause === 'client' && !watch.produced) {
      await call.abandon('GEN_CLIENT_GONE');
    } else {
      const units = watch.usage
        ? textUnits({ usageMetadata: watch.usage })
        : { input_tokens: Math.ceil(promptBytes(original) / BYTES_PER_TOKEN_ESTIMATE), output_tokens: Math.ceil(watch.textBytes / BYTES_PER_TOKEN_ESTIMATE) };
      await call.settle(textChargeCredits(model, { inputTokens: units.input_tokens, outputTokens: units.output_tokens }, call.held), units);
    }
    reply.raw.end();
    return reply;
  });
}

/**
 * Writes each upstream chunk to the client as it arrives (Node stream events: an async iterator
 * costs a promise per chunk), pausing the upstream while the client's socket is full. Resolves
 * with null when the stream ended, or with what cut it (the call's signal destroys the upstream
 * answer on a timeout or the client's hang-up; an upstream that closes early is cut too).
 */
function relay(res: IncomingMessage, out: ServerResponse, watch: SseWatcher, call: MeteredCall): Promise<unknown> {
  const decoder = new TextDecoder();
  return new Promise((resolve) => {
    res.on('data', (chunk: Buffer) => {
      // To the client first: metering reads the same bytes, and its parse need not delay them.
      const full = !out.write(chunk);
      watch.feed(decoder.decode(chunk, { stream: true }));
      if (watch.produced) call.firstByte();
      if (full) {
        res.pause();
        out.once('drain', () => res.resume());
      }
    });
    res.once('end', () => resolve(null));
    res.once('error', (err) => resolve(err));
    res.once('close', () => resolve(res.complete ? null : new Error('the upstream closed the stream before its end')));
  });
}
