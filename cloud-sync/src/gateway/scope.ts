import { timeOrderedId } from '../db/time-ordered-id.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorBody } from '../errors.js';
import { CALL_ID_HEADER, type Gateway } from './gateway.js';
import { redact } from './upstream.js';

/** Upstream request bodies may carry an inline image (image edits, image-to-video): more than the API's 1 MiB. */
export const GEN_BODY_LIMIT = 20 * 1024 * 1024;

/**
 * Mounts an upstream's routes (`/v1/gen/gemini`, `/v1/gen/replicate/v1`) in their own scope: every
 * request there gets a call id (x-kingjam-call-id, on errors too) and must carry a generation
 * token (access tokens are refused); errors carry Retry-After when they have a wait, and never a
 * platform key.
 */
export async function registerUpstreamScope(app: FastifyInstance, gateway: Gateway, prefix: string, routes: (scope: FastifyInstance) => void | Promise<void>): Promise<void> {
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
        req.genCallId = timeOrderedId();
        reply.header(CALL_ID_HEADER, req.genCallId);
        req.genCaller = await gateway.authenticate(req);
      });
      scope.setErrorHandler((err: unknown, _req: FastifyRequest, reply: FastifyReply) => {
        // Anything else (a body that did not parse, a crash) goes to the app's handler, which logs it.
        if (!(err instanceof ApiError)) throw err;
        const wait = (err.details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
        if (typeof wait === 'number') reply.header('retry-after', String(wait));
        const body = errorBody(err);
        body.error.message = redact(body.error.message, gateway.secrets);
        return reply.status(err.status).send(body);
      });
      await routes(scope);
    },
    { prefix },
  );
}
