import type { FastifyInstance } from 'fastify';
import { Gateway, type GatewayDeps } from './gateway.js';
import { GATEWAY_MOUNTS } from '../../../src/shared/gateway.js';
import { registerGeminiRoutes } from './gemini/routes.js';
import { VeoOperations } from './gemini/veo-operations.js';
import { registerCoreRoutes, type CoreRouteDeps } from './routes.js';
import { registerUpstreamScope } from './scope.js';

/**
 * Builds the generation gateway and mounts its endpoints: the core ones (tokens, prices, calls,
 * costs) and each upstream's routes in its own scope (registerUpstreamScope). An upstream module
 * adds itself here: `await registerUpstreamScope(app, gateway, GATEWAY_MOUNTS.<upstream>, (s) => register…Routes(s, gateway))`.
 */
export async function mountGateway(app: FastifyInstance, deps: GatewayDeps, routeDeps: Omit<CoreRouteDeps, 'db' | 'auth' | 'clock' | 'jwtSecret'>): Promise<{ gateway: Gateway; veo: VeoOperations }> {
  const gateway = new Gateway(deps);
  app.decorateRequest('genCaller', null);
  app.decorateRequest('genCallId', null);
  registerCoreRoutes(app, gateway, { db: deps.db, auth: deps.auth, clock: deps.clock, jwtSecret: deps.jwtSecret, ...routeDeps });
  const veo = new VeoOperations(gateway, deps.clock);
  await registerUpstreamScope(app, gateway, GATEWAY_MOUNTS.gemini, (s) => registerGeminiRoutes(s, gateway, veo));
  return { gateway, veo };
}
