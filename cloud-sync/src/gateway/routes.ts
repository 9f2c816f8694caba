import type { FastifyInstance, FastifyRequest, preHandlerHookHandler, onRequestHookHandler } from 'fastify';
import { decodeCursor, encodeCursor } from './cursor.js';
import { z } from 'zod';
import { GEN_PURPOSES, type GenCallView, type GenCostReport, type GenPurpose } from '../../../src/shared/gateway.js';
import { priceTable } from '../../../src/shared/call-prices.js';
import type { Upstream } from '../../../src/shared/models.js';
import type { AuthService } from '../auth/service.js';
import { systemClock, type Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { Gateway } from './gateway.js';
import type { GenCallRow, GenUnits } from './metering.js';
import { signGenToken } from './tokens.js';

export interface CoreRouteDeps {
  db: DbHandle;
  auth: AuthService;
  clock: Clock;
  jwtSecret: string;
  user: { onRequest: onRequestHookHandler | preHandlerHookHandler };
  admin: { onRequest: onRequestHookHandler | preHandlerHookHandler };
  me: (req: FastifyRequest) => string;
  parse: <T extends z.ZodType>(schema: T, value: unknown) => z.output<T>;
}

const TokenBody = z.strictObject({ purpose: z.enum(GEN_PURPOSES), job_ref: z.string().trim().min(1).max(200).nullish() });
const CallsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  job_ref: z.string().min(1).max(200).optional(),
});
const time = z.union([z.coerce.number().int().nonnegative(), z.iso.datetime().transform((s) => Date.parse(s))]);
const CostsQuery = z.object({ from: time.optional(), to: time.optional() });

const REPORT_DAYS_DEFAULT = 30;

function units(text: string): GenUnits {
  try {
    return JSON.parse(text) as GenUnits;
  } catch {
    return {};
  }
}

export function callView(r: GenCallRow): GenCallView {
  return {
    id: r.id,
    purpose: r.purpose as GenPurpose,
    upstream: r.upstream as Upstream,
    model: r.model,
    units: units(r.units),
    held: r.held,
    credits: r.credits,
    status: r.status,
    error_code: r.error_code,
    latency_ms: r.latency_ms,
    created_at: r.created_at,
  };
}


function addUnits(into: GenUnits, u: GenUnits): void {
  for (const [k, v] of Object.entries(u) as [keyof GenUnits, number | undefined][]) if (typeof v === 'number') into[k] = (into[k] ?? 0) + v;
}

/** The gateway's own endpoints: generation tokens, the price table, the caller's calls, the admin's cost report. */
export function registerCoreRoutes(app: FastifyInstance, gateway: Gateway, d: CoreRouteDeps): void {
  app.post('/v1/gen/tokens', d.user, async (req) => {
    const body = d.parse(TokenBody, req.body);
    // The session (fam) goes into the token, so signing out revokes it with the access token.
    const claims = await d.auth.verify((req.headers.authorization ?? '').slice('Bearer '.length).trim());
    return signGenToken(d.jwtSecret, claims, body.purpose, body.job_ref ?? null, systemClock.now(), gateway.config.genTokenTtlMs);
  });

  app.get('/v1/gen/prices', async () => priceTable());

  app.get('/v1/gen/calls', d.user, async (req) => {
    const q = d.parse(CallsQuery, req.query);
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const rows = await d.db.db
      .selectFrom('gen_calls')
      .selectAll()
      .where('user_id', '=', d.me(req))
      .$if(q.job_ref !== undefined, (qb) => qb.where('job_ref', '=', q.job_ref ?? ''))
      .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('created_at', '<', after![0]), eb.and([eb('created_at', '=', after![0]), eb('id', '<', after![1])])])))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit);
    return { calls: page.map(callView), next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.created_at, page[page.length - 1]!.id) : null };
  });

  app.get('/v1/admin/gen/costs', d.admin, async (req): Promise<GenCostReport> => {
    const q = d.parse(CostsQuery, req.query);
    const to = q.to ?? d.clock.now();
    const from = q.from ?? to - REPORT_DAYS_DEFAULT * 86_400_000;
    if (from > to) throw new ApiError(400, 'VALIDATION_ERROR', 'from: after to');
    // A granted call charged nothing; its grant row says what it cost the platform at list price.
    const rows = await d.db.db
      .selectFrom('gen_calls')
      .leftJoin('gen_grants', 'gen_grants.call_id', 'gen_calls.id')
      .select(['gen_calls.upstream', 'gen_calls.model', 'gen_calls.status', 'gen_calls.credits', 'gen_calls.units', 'gen_calls.grant_kind', 'gen_grants.list_credits'])
      .where('gen_calls.created_at', '>=', from)
      .where('gen_calls.created_at', '<', to)
      .execute();
    const byModel = new Map<string, GenCostReport['rows'][number]>();
    for (const r of rows) {
      const k = `${r.upstream}\n${r.model}`;
      let row = byModel.get(k);
      if (!row) byModel.set(k, (row = { upstream: r.upstream as Upstream, model: r.model, calls: 0, succeeded: 0, credits: 0, units: {}, granted: 0, granted_credits: 0 }));
      row.calls++;
      if (r.status === 'succeeded') row.succeeded++;
      row.credits += r.credits;
      if (r.grant_kind && r.status === 'succeeded') {
        row.granted++;
        row.granted_credits += Number(r.list_credits ?? 0);
      }
      addUnits(row.units, units(r.units));
    }
    return { from, to, rows: [...byModel.values()].sort((a, b) => b.credits - a.credits || a.model.localeCompare(b.model)) };
  });
}
