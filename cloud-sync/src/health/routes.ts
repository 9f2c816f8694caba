import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteKit } from '../partners/routes.js';
import type { HealthMonitor } from './monitor.js';

const NoQuery = z.strictObject({});

/** Seed §8.1 over HTTP: a bare liveness answer for anyone (load balancers), the findings for admins only. */
export function registerHealthRoutes(app: FastifyInstance, monitor: HealthMonitor, k: RouteKit): void {
  const { admin, parse } = k;
  app.get('/v1/health', async (req) => {
    parse(NoQuery, req.query);
    return { ok: true };
  });
  app.get('/v1/admin/health', admin, async (req) => {
    parse(NoQuery, req.query);
    return monitor.report();
  });
}
