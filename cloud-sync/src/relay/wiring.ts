import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import type { RouteKit } from '../partners/routes.js';
import type { RelayOptions } from './config.js';
import { resolveRelay } from './config.js';
import { registerRelayRoutes } from './routes.js';
import { RelayService } from './service.js';
import type { RelayStorage } from './storage.js';
import { DiskStorage } from './storage.js';
import { S3Storage } from './s3.js';

export interface RelayDeps {
  db: DbHandle;
  clock: Clock;
  jwtSecret: string;
  publicUrl: () => string;
  dataDir: string;
  options?: RelayOptions | undefined;
}

/** Builds the media relay on its storage (a folder, or a bucket when an S3 URL is configured) and mounts its routes. */
export async function mountRelay(app: FastifyInstance, d: RelayDeps, kit: RouteKit): Promise<{ relay: RelayService; sweepMs: number }> {
  const cfg = resolveRelay(d.options ?? {}, d.dataDir);
  const storage: RelayStorage = cfg.s3Url ? S3Storage.fromUrl(cfg.s3Url, cfg.dir) : new DiskStorage(cfg.dir);
  const relay = new RelayService(d.db, d.clock, storage, cfg, d.publicUrl, d.jwtSecret);
  await registerRelayRoutes(app, relay, kit);
  return { relay, sweepMs: cfg.sweepMs };
}
