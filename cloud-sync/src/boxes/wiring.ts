import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuditSealer } from '../audit/sealer.js';
import type { AuthService } from '../auth/service.js';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { Hasher } from '../fraud/hash.js';
import type { Ledger } from '../ledger/service.js';
import type { RouteKit } from '../partners/routes.js';
import { TokenCipher } from '../vault/cipher.js';
import { BoxCompliance } from './compliance.js';
import { AddressSeal } from './address-seal.js';
import { DeliveryService } from './deliveries.js';
import { OpeningService } from './openings.js';
import { BoxRecords } from './records.js';
import { registerBoxRoutes } from './routes.js';
import { SeedKeeper } from './seeds.js';
import { SeriesService } from './series.js';

export interface BoxesDeps {
  db: DbHandle;
  ledger: Ledger;
  clock: Clock;
  auth: AuthService;
  /** The partners' keyed hasher (guardian phones, buyer pseudonyms). */
  hasher: Hasher;
  jwtSecret: string;
  /** Seals server seeds and delivery addresses at rest; else KINGJAM_VAULT_KEYS (as the token vault), else (development) a key derived from the JWT secret. */
  cipher?: TokenCipher | undefined;
}

export interface Boxes {
  series: SeriesService;
  openings: OpeningService;
  records: BoxRecords;
  compliance: BoxCompliance;
  deliveries: DeliveryService;
  /** Links audit entries written unchained into the chain (audit/sealer.ts). */
  sealer: AuditSealer;
}

/** Builds the blind-box services (issue 18) and mounts their routes. */
export async function mountBoxes(app: FastifyInstance, deps: BoxesDeps, kit: RouteKit): Promise<Boxes> {
  const cipher = boxCipher(deps);
  const seeds = new SeedKeeper(cipher);
  const compliance = new BoxCompliance(deps.db, deps.clock, deps.hasher);
  const deliveries = new DeliveryService(deps.db, deps.clock, new AddressSeal(cipher));
  const sealer = new AuditSealer(deps.db, (err) => app.log.error({ err: err instanceof Error ? err.message : String(err) }, 'audit sealing failed'));
  // Entries a crashed process committed but never sealed join the chain before anything new.
  await sealer.seal();
  const boxes: Boxes = {
    series: new SeriesService(deps.db, deps.clock, seeds),
    openings: new OpeningService(deps.db, deps.ledger, seeds, compliance, sealer),
    records: new BoxRecords(deps.db, deps.clock, deps.hasher, deliveries),
    compliance,
    deliveries,
    sealer,
  };
  const optional = {
    onRequest: async (req: FastifyRequest) => {
      const header = req.headers.authorization;
      if (!header?.startsWith('Bearer ')) return;
      const claims = await deps.auth.verify(header.slice('Bearer '.length).trim());
      req.principal = { id: claims.sub, role: claims.role };
    },
  };
  await registerBoxRoutes(app, boxes, { ...kit, optional, viewer: (req) => req.principal?.id ?? null });
  return boxes;
}

/**
 * The vault's keys when configured (production requires them, see Partners). Without them a seed
 * (and a delivery address) must still outlive a restart of a development server — or its openings
 * could never be revealed — so the key is derived from the JWT secret rather than drawn per process.
 */
function boxCipher(deps: BoxesDeps): TokenCipher {
  const configured = deps.cipher ?? TokenCipher.fromEnv(process.env);
  if (configured) return configured;
  const key = createHash('sha256').update(`kingjam-box-seeds\u0000${deps.jwtSecret}`).digest();
  return new TokenCipher(new Map([['jwt-derived', key]]), 'jwt-derived');
}
