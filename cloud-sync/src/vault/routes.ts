import type { FastifyInstance } from 'fastify';
import * as P from '../partners/schemas.js';
import type { RouteKit } from '../partners/routes.js';
import type { VaultService } from './service.js';

/** Connections (README: "Social-token vault"). Only the access-token hand-out ever answers a token. */
export function registerVaultRoutes(app: FastifyInstance, v: VaultService, k: RouteKit): void {
  const { user, me, parse } = k;
  app.post('/v1/clients', user, async (req, reply) => reply.status(201).send(await v.createClient(me(req), parse(P.ClientBody, req.body).name)));
  app.get('/v1/clients', user, async (req) => ({ clients: await v.clients(me(req)) }));
  app.get('/v1/connections', user, async (req) => ({ connections: await v.list(me(req), parse(P.ConnectionsQuery, req.query).client_id) }));
  app.post('/v1/connections/oauth/start', user, async (req) => v.start(me(req), parse(P.OAuthStartBody, req.body)));
  app.post('/v1/connections/oauth/callback', user, async (req, reply) => reply.status(201).send(await v.callback(me(req), parse(P.OAuthCallbackBody, req.body))));
  app.post('/v1/connections/wordpress', user, async (req, reply) => reply.status(201).send(await v.connectWordPress(me(req), parse(P.WordPressBody, req.body))));
  app.post('/v1/connections/line-oa', user, async (req, reply) => reply.status(201).send(await v.connectLineOa(me(req), parse(P.LineOaBody, req.body))));
  app.get('/v1/connections/:id', user, async (req) => v.get(me(req), parse(P.IdParams, req.params).id));
  app.delete('/v1/connections/:id', user, async (req) => {
    await v.remove(me(req), parse(P.IdParams, req.params).id);
    return { ok: true };
  });
  app.get('/v1/connections/:id/audit', user, async (req) => ({ entries: await v.auditLog(me(req), parse(P.IdParams, req.params).id) }));
  app.post('/v1/connections/:id/refresh', user, async (req, reply) => reply.header('cache-control', 'no-store').send(await v.refreshNow(me(req), parse(P.IdParams, req.params).id, req.ip)));
  app.post('/v1/connections/:id/access-token', user, async (req, reply) => {
    const t = await v.accessToken(me(req), parse(P.IdParams, req.params).id, req.ip);
    return reply.header('cache-control', 'no-store').send(t);
  });
}
