import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { ApiError, errorBody } from './errors.js';

/**
 * Headers and error shapes every answer keeps (issue 11 §2.11): `X-Content-Type-Options: nosniff`
 * on all of them; `Cache-Control: no-store` on everything answered to a signed-in request and on
 * the auth routes (they hand out tokens) unless the route chose its own; and the documented error
 * format `{"error":{"code","message"}}` even for what Fastify rejects before any route runs — an
 * undecodable URL, or a request Node cannot parse.
 */
export const hygieneServerOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors: (_err: Error, _req: FastifyRequest, reply: FastifyReply) => {
    void reply.status(400).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').send(errorBody(new ApiError(400, 'BAD_REQUEST', 'the request URL is not valid')));
  },
  clientErrorHandler: (_err: Error, socket: Socket) => {
    if (!socket.writable) return;
    const body = JSON.stringify(errorBody(new ApiError(400, 'BAD_REQUEST', 'malformed HTTP request')));
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  },
};

export function registerHygiene(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    const signedIn = req.headers.authorization !== undefined || req.url.startsWith('/v1/auth/');
    if (signedIn && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** The unknown-route answer: 404 in the documented format, whatever the body (it is not parsed first). */
export function notFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = (req.url.split('?')[0] ?? '').slice(0, 200);
  return reply.status(404).send(errorBody(new ApiError(404, 'NOT_FOUND', `no route ${req.method} ${path}`)));
}
