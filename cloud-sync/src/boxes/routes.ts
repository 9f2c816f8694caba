import type { FastifyInstance, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { ShipmentSchema } from '../../../src/shared/boxes/delivery.js';
import { BOX_ROUTES } from '../../../src/shared/boxes/wire.js';
import type { RouteKit } from '../partners/routes.js';
import type { BoxCompliance } from './compliance.js';
import type { DeliveryService } from './deliveries.js';
import type { OpeningService } from './openings.js';
import type { BoxRecords } from './records.js';
import { exportCsv } from './records.js';
import * as B from './schemas.js';
import type { SeriesService } from './series.js';

export interface BoxDeps {
  series: SeriesService;
  openings: OpeningService;
  records: BoxRecords;
  compliance: BoxCompliance;
  deliveries: DeliveryService;
}

export interface BoxRouteKit extends RouteKit {
  /** Signs the caller in when a token is sent, and lets the request through without one. */
  optional: RouteShorthandOptions;
  viewer: (req: FastifyRequest) => string | null;
}

/** The blind-box endpoints (BOX_ROUTES in src/shared/boxes/wire.ts; docs/blind-boxes.md). */
export async function registerBoxRoutes(app: FastifyInstance, d: BoxDeps, k: BoxRouteKit): Promise<void> {
  const { user, optional, me, viewer, parse } = k;
  const id = (req: FastifyRequest) => parse(B.SeriesParams, req.params).id;

  // ---- series (the creator's)
  await app.register(async (scope) => {
    // Item images travel as base64 inside the series: only these two routes take bodies this large.
    const big = { ...user, bodyLimit: B.SERIES_BODY_LIMIT };
    scope.post(BOX_ROUTES.series, big, async (req, reply) => reply.status(201).send(await d.series.create(me(req), parse(B.SeriesBody, req.body))));
    scope.put(BOX_ROUTES.seriesOne, big, async (req) => d.series.update(me(req), id(req), parse(B.SeriesBody, req.body)));
  });
  app.get(BOX_ROUTES.series, optional, async (req) => d.series.list(parse(B.SeriesListQuery, req.query).scope, viewer(req)));
  app.get(BOX_ROUTES.seriesOne, optional, async (req) => d.series.get(id(req), viewer(req)));
  app.post(BOX_ROUTES.seriesOpen, user, async (req) => d.series.open(me(req), id(req)));
  app.post(BOX_ROUTES.seriesClose, user, async (req) => d.series.close(me(req), id(req)));
  app.post(BOX_ROUTES.seriesRotate, user, async (req) => d.series.rotate(me(req), id(req)));
  app.get(BOX_ROUTES.itemImage, async (req, reply) => {
    const img = await d.series.image(id(req));
    return reply.header('content-type', img.content_type).header('cache-control', 'public, max-age=86400, immutable').header('content-security-policy', "default-src 'none'").send(img.data);
  });

  // ---- openings (the buyer's)
  app.post(BOX_ROUTES.openings, user, async (req, reply) => reply.status(201).send(await d.openings.open(me(req), id(req), parse(B.OpenBoxBody, req.body))));
  app.get(BOX_ROUTES.proofs, async (req) => d.records.proofs(id(req)));
  app.get(BOX_ROUTES.myOpenings, user, async (req) => d.records.openings(me(req), parse(B.OpeningsQuery, req.query).series_id ?? null));
  app.get(BOX_ROUTES.opening, user, async (req) => d.records.opening(me(req), id(req)));
  app.get(BOX_ROUTES.collection, user, async (req) => d.records.collection(me(req)));
  app.get(BOX_ROUTES.export, user, async (req, reply) => {
    const { format } = parse(B.ExportQuery, req.query);
    const e = await d.records.export(me(req));
    if (format === 'json') return e;
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="kingjam-blind-boxes.csv"').send(exportCsv(e));
  });

  // ---- deliveries of physical figures (docs/blind-boxes.md "Deliveries")
  app.get(BOX_ROUTES.deliveries, user, async (req) => d.deliveries.mine(me(req)));
  app.post(BOX_ROUTES.deliveries, user, async (req, reply) => reply.status(201).send(await d.deliveries.request(me(req), parse(B.RequestDeliveryBody, req.body))));
  app.post(BOX_ROUTES.deliveryShip, user, async (req) => d.deliveries.ship(me(req), id(req), parse(ShipmentSchema, req.body)));
  app.post(BOX_ROUTES.deliveryReceived, user, async (req) => d.deliveries.received(me(req), id(req)));
  app.post(BOX_ROUTES.deliveryCancel, user, async (req) => d.deliveries.cancel(me(req), id(req)));
  app.get(BOX_ROUTES.seriesDeliveries, user, async (req) => d.deliveries.forSeries(me(req), id(req)));

  // ---- compliance
  app.get(BOX_ROUTES.eligibility, user, async (req) => d.compliance.eligibility(me(req)));
  app.post(BOX_ROUTES.guardian, user, async (req) => d.compliance.recordGuardian(me(req), parse(B.GuardianConsentBody, req.body)));
}
