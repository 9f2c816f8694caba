import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BOX_ROUTES } from '../../../src/shared/boxes/wire.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { RouteKit } from '../partners/routes.js';
import type { AuditKeyOptions } from './keys.js';
import { AuditService } from './service.js';

const DigestsQuery = z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD (Asia/Taipei)').optional() });

/** The audit log's routes: the head, key and digests are public (anyone may verify); the full check is an admin's. */
export function registerAuditRoutes(app: FastifyInstance, audit: AuditService, kit: RouteKit): void {
  app.get(BOX_ROUTES.auditHead, async () => audit.head());
  app.get(BOX_ROUTES.auditKey, async () => ({ algorithm: 'ed25519', format: 'spki-der-base64', public_key: audit.signingKeys().publicKeyB64 }));
  app.get(BOX_ROUTES.auditDigests, async (req) => audit.digests(kit.parse(DigestsQuery, req.query).day));
  app.get(BOX_ROUTES.auditCheck, kit.admin, async () => audit.check());
}

export interface AuditDeps {
  db: DbHandle;
  clock: Clock;
  keys: AuditKeyOptions;
}

export function mountAudit(app: FastifyInstance, d: AuditDeps, kit: RouteKit): AuditService {
  const audit = new AuditService(d.db, d.clock, d.keys);
  registerAuditRoutes(app, audit, kit);
  return audit;
}
