import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiError, errorBody } from '../errors.js';
import type { RouteKit } from '../partners/routes.js';
import { RELAY_TYPES, relayType } from './magic.js';
import type { RelayService } from './service.js';

const IdParams = z.object({ id: z.uuid() });
const TokenParams = z.object({ token: z.string().max(100) });

/** A refusal while the body is unread: the connection is closed after it, so the rest of a large upload is not read. */
const closing = (reply: FastifyReply) => reply.header('connection', 'close');

/**
 * The media relay's routes (README: "Media relay"). Uploads and the owner's
 * list and delete take the user's access token; `GET /m/:token` is public (`/r/` is the referral landing page) —
 * the platforms fetch it — and answers only while the file is live.
 */
export async function registerRelayRoutes(app: FastifyInstance, relay: RelayService, k: RouteKit): Promise<void> {
  const { user, me, parse } = k;
  await app.register(async (scope) => {
    // The body is the raw file, streamed to disk by the service: no parser may buffer it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.post('/v1/relay', user, async (req, reply) => {
      const type = relayType(req.headers['content-type']);
      if (!type || !req.body) {
        closing(reply);
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the file itself as the body, with Content-Type ${RELAY_TYPES.join(' | ')}`);
      }
      const length = req.headers['content-length'];
      const declared = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
      try {
        const r = await relay.upload(me(req), type, declared, req.body as Readable);
        return reply.status(r.created ? 201 : 200).send(r.file);
      } catch (err) {
        closing(reply);
        throw err;
      }
    });
  });
  app.get('/v1/relay', user, async (req) => ({ files: await relay.list(me(req)) }));
  app.delete('/v1/relay/:id', user, async (req) => {
    await relay.remove(me(req), parse(IdParams, req.params).id);
    return { ok: true };
  });

  app.get('/m/:token', async (req, reply) => {
    const { token } = parse(TokenParams, req.params);
    const range = typeof req.headers.range === 'string' ? req.headers.range : undefined;
    const served = await relay.serve(token, range, req.method !== 'HEAD');
    // Only the platform's fetcher has the address; nothing on the way keeps a copy past the file's deletion.
    reply
      .header('cache-control', 'private, no-store')
      .header('accept-ranges', 'bytes')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-robots-tag', 'noindex, nofollow');
    if ('unsatisfiable' in served) {
      return reply.status(416).header('content-range', `bytes */${served.unsatisfiable}`).send(errorBody(new ApiError(416, 'BAD_REQUEST', 'the requested range is outside the file')));
    }
    reply.header('content-type', served.contentType).header('content-disposition', 'inline');
    if (served.range) {
      const { start, end } = served.range;
      return reply
        .status(206)
        .header('content-range', `bytes ${start}-${end}/${served.bytes}`)
        .header('content-length', end - start + 1)
        .send(served.body);
    }
    return reply.status(200).header('content-length', served.bytes).send(served.body);
  });
}
