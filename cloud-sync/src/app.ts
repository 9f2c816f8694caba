import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import * as AuthBodies from './auth/schemas.js';
import { AuthService } from './auth/service.js';
import { PACKS, PLANS } from './billing/catalog.js';
import { registerReturnPages } from './billing/return-pages.js';
import type { PaymentProvider } from './billing/provider.js';
import { BillingService } from './billing/service.js';
import type { Clock } from './clock.js';
import { TestClock, systemClock } from './clock.js';
import type { DbHandle } from './db/connect.js';
import { ping } from './db/connect.js';
import { ApiError, errorBody } from './errors.js';
import type { CheckResult } from './ledger/check.js';
import { hygieneServerOptions, notFound, registerHygiene } from './http-hygiene.js';
import { Ledger } from './ledger/service.js';
import * as S from './schemas.js';
import type { AlertChannel } from './alerts/alerter.js';
import { Alerter } from './alerts/alerter.js';
import { ConsoleChannel } from './alerts/channels.js';
import { Partners, dataDirOf } from './partners/wiring.js';
import type { Mailer } from './mail/mailer.js';
import { ConsoleMailer } from './mail/mailer.js';
import { registerReferralLanding } from './referrals/landing.js';
import { registerSignupRoutes } from './signup/routes.js';
import { SignupService } from './signup/service.js';
import { ensureSignupGrant } from './accounts.js';
import type { PartnerOptions } from './partners/wiring.js';
import type { GatewayOptions } from './gateway/config.js';
import type { Gateway } from './gateway/gateway.js';
import { mountGateway } from './gateway/wiring.js';
import { PredictionReconciler, startReconciler } from './gateway/reconciler.js';
import { mountReplicate } from './gateway/replicate-routes.js';
import type { RelayOptions } from './relay/config.js';
import type { RelayService } from './relay/service.js';
import { mountRelay } from './relay/wiring.js';
import type { Boxes } from './boxes/wiring.js';
import { mountBoxes } from './boxes/wiring.js';
import type { AuditService } from './audit/service.js';
import { mountAudit } from './audit/routes.js';
import type { MarketFraudLimits } from './market/fraud.js';
import type { Market } from './market/routes.js';
import { mountMarket } from './market/routes.js';

export interface AppOptions {
  db: DbHandle;
  jwtSecret: string;
  /** The ledger's clock (a TestClock with --test-clock). */
  clock?: Clock;
  /** Enables POST /v1/admin/clock; needs `clock` to be a TestClock. */
  testClock?: boolean;
  payments?: PaymentProvider | null;
  /** Where users reach this service (referral links, checkout return pages); a function when only known after listening. */
  publicUrl?: string | (() => string);
  /** Mail to users (sign-up codes, password resets, 2FA changes); the console by default. */
  mailer?: Mailer;
  /** Auth attempts (register/login/refresh) per client IP per minute. */
  authRateLimit?: number;
  maxFailedLogins?: number;
  lockoutMs?: number;
  logger?: boolean | { level?: string; stream?: NodeJS.WritableStream };
  /** Background hold-expiry sweep, hourly consistency check and the gateway's prediction reconciler (off by default; `serve` turns them on). */
  background?: { sweepMs?: number; checkMs?: number; reconcileMs?: number; auditDigestMs?: number; auditSealMs?: number; marketSweepMs?: number } | false;
  onAlert?: (result: CheckResult) => void;
  /** Alert channels (Slack, email, LINE-style webhook, console); console only by default. */
  alertChannels?: AlertChannel[];
  /** Take the client IP from X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Referrals, verification, withdrawals, fraud and the token vault (issue 5). */
  partners?: PartnerOptions;
  /** The generation gateway (issue 12): platform keys, base URLs, limits. Without keys its upstream routes answer 503. */
  gateway?: GatewayOptions;
  /** The media relay (issue 13): storage folder or bucket, size limit, quota, lifetime. */
  relay?: RelayOptions;
  /** The audit log's digest signing key (issue 18): PKCS#8 PEM or base64; else KINGJAM_AUDIT_SIGNING_KEY; else a key kept in the data folder. */
  audit?: { signingKey?: string; dataDir?: string };
  /** The resale market's fraud burst limits (issue 18); MARKET_FRAUD by default. */
  marketFraud?: MarketFraudLimits;
}

export interface Principal {
  id: string;
  role: 'user' | 'admin';
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ApiError(400, 'VALIDATION_ERROR', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), issues);
  }
  return r.data;
}

class RateLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly limit: number) {}
  hit(key: string, now: number): void {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size > 10_000) for (const [k, v] of this.windows) if (v.resetAt <= now) this.windows.delete(k);
      this.windows.set(key, { count: 1, resetAt: now + 60_000 });
      return;
    }
    if (++w.count > this.limit) {
      throw new ApiError(429, 'RATE_LIMITED', 'too many attempts from this address; wait a minute', { retry_after_seconds: Math.ceil((w.resetAt - now) / 1000) });
    }
  }
}

export interface App {
  server: FastifyInstance;
  ledger: Ledger;
  auth: AuthService;
  billing: BillingService;
  clock: Clock;
  alerter: Alerter;
  partners: Partners;
  signup: SignupService;
  gateway: Gateway;
  relay: RelayService;
  /** Blind boxes (issue 18): series, openings, compliance. */
  boxes: Boxes;
  audit: AuditService;
  market: Market;
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const clock = opts.clock ?? systemClock;
  if (opts.testClock && !(clock instanceof TestClock)) throw new Error('testClock needs a TestClock');
  const h = opts.db;
  const ledger = new Ledger(h, clock);
  const auth = new AuthService(h, ledger, systemClock, { jwtSecret: opts.jwtSecret, maxFailures: opts.maxFailedLogins, lockoutMs: opts.lockoutMs });
  const given = opts.publicUrl ?? 'http://localhost';
  const publicUrl = typeof given === 'function' ? given : () => given;
  const billing = new BillingService(h, ledger, clock, opts.payments ?? null, publicUrl);
  const limiter = new RateLimiter(opts.authRateLimit ?? 30);

  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024, return503OnClosing: true, trustProxy: opts.trustProxy ?? false, ...hygieneServerOptions });
  registerHygiene(app);
  const alerter = new Alerter(opts.alertChannels ?? [new ConsoleChannel()], clock, { onChannelError: (channel, err) => app.log.error({ channel, err: (err as Error).message }, 'alert channel failed') });
  const partners = new Partners(h, ledger, clock, alerter, { jwtSecret: opts.jwtSecret, publicUrl, ...opts.partners });
  billing.onPlanPaid = (p) => partners.referrals.onPlanPaid(p);
  billing.onCardCharged = (c) => partners.onCardCharged(c);
  billing.reversals.onCommissionReversed = (p) => partners.referrals.reverseCommission(p);
  const mailer = opts.mailer ?? new ConsoleMailer();
  auth.onTotpChanged = (c) => partners.onTotpChanged(c, mailer);
  app.decorateRequest('principal', null);
  const signup = new SignupService(h, clock, auth, partners.hasher, mailer, {
    onSignup: (id, ip, device) => partners.onSignup(id, ip, device),
    onVerified: async (id) => {
      await ensureSignupGrant(h, ledger, id);
      await partners.onEmailVerified(id);
    },
    onLogin: (id, ip, device) => partners.onLogin(id, ip, device),
    onBackgroundError: (err) => app.log.error({ err: err instanceof Error ? err.message : String(err) }, 'sign-up follow-up (fraud signals, code, mail) failed'),
  });

  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    // An unknown route is a 404 even when its body failed to parse.
    if (req.is404) return notFound(req, reply);
    if (err instanceof ApiError) return reply.status(err.status).send(errorBody(err));
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      const code =
        e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : e.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? 'PAYLOAD_TOO_LARGE'
            : e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
              ? 'INVALID_JSON'
              : 'BAD_REQUEST';
      return reply.status(e.statusCode).send(errorBody(new ApiError(e.statusCode, code, e.message ?? 'bad request')));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody(new ApiError(500, 'INTERNAL', 'internal error')));
  });
  app.setNotFoundHandler(notFound);

  const authenticate = (role?: 'admin') => async (req: FastifyRequest) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new ApiError(401, 'UNAUTHENTICATED', 'Authorization: Bearer <access token> required');
    const claims = await auth.verify(header.slice('Bearer '.length).trim());
    if (role && claims.role !== role) throw new ApiError(403, 'FORBIDDEN', 'admin role required');
    req.principal = { id: claims.sub, role: claims.role };
  };
  const user = { onRequest: authenticate() };
  const admin = { onRequest: authenticate('admin') };
  const me = (req: FastifyRequest): string => {
    if (!req.principal) throw new ApiError(401, 'UNAUTHENTICATED', 'not signed in');
    return req.principal.id;
  };
  const limited = (req: FastifyRequest) => limiter.hit(`${req.ip}`, Date.now());

  // ---- health
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await ping(h);
      return { ok: true, database: h.dialect };
    } catch (err) {
      return reply.status(503).send(errorBody(new ApiError(503, 'NOT_READY', `database unreachable: ${(err as Error).message}`)));
    }
  });

  // ---- auth
  registerSignupRoutes(app, signup, { parse }, limited);
  registerReferralLanding(app, h);
  app.post('/v1/auth/login', async (req) => {
    limited(req);
    const body = parse(S.LoginBody, req.body);
    const session = await auth.login(body);
    await partners.onLogin(session.user.id, req.ip, body.device ?? null);
    return session;
  });
  app.post('/v1/auth/refresh', async (req) => {
    limited(req);
    const body = parse(S.RefreshBody, req.body);
    const session = await auth.refresh(body.refresh_token);
    if (body.device) await partners.onLogin(session.user.id, req.ip, body.device);
    return session;
  });
  app.post('/v1/auth/logout', user, async (req) => {
    await auth.logout(me(req), parse(S.RefreshBody, req.body).refresh_token);
    return { ok: true };
  });
  // Changes to how the account is protected re-check the password (and the current code) in the request itself.
  app.post('/v1/auth/password', user, async (req) => {
    limited(req);
    return auth.changePassword(me(req), parse(AuthBodies.PasswordChangeBody, req.body));
  });
  app.post('/v1/auth/totp/enroll', user, async (req) => {
    limited(req);
    return auth.totpEnroll(me(req), parse(AuthBodies.TotpEnrollBody, req.body));
  });
  app.post('/v1/auth/totp/verify', user, async (req) => {
    limited(req);
    return auth.totpVerify(me(req), parse(AuthBodies.TotpVerifyBody, req.body));
  });

  // ---- ledger (the caller's own wallet)
  app.get('/v1/ledger/balance', user, async (req) => ledger.balance(me(req)));
  app.get('/v1/ledger/entries', user, async (req) => {
    const q = parse(S.EntriesQuery, req.query);
    return ledger.entries(me(req), q.cursor ?? null, q.limit);
  });
  app.post('/v1/ledger/holds', user, async (req) => ledger.hold(me(req), parse(S.HoldBody, req.body)));
  app.post('/v1/ledger/holds/:id/capture', user, async (req) => {
    const { id } = parse(S.HoldParams, req.params);
    return ledger.capture(me(req), id, parse(S.CaptureBody, req.body));
  });
  app.post('/v1/ledger/holds/:id/release', user, async (req) => {
    const { id } = parse(S.HoldParams, req.params);
    return ledger.release(me(req), id, parse(S.ReleaseBody, req.body));
  });
  app.post('/v1/ledger/captures/:id/refund', user, async (req) => {
    const { id } = parse(S.HoldParams, req.params);
    return ledger.refund(me(req), id, parse(S.RefundBody, req.body));
  });
  app.post('/v1/ledger/batch', user, async (req) => ({ results: await ledger.batch(me(req), parse(S.BatchBody, req.body).ops) }));

  // ---- admin
  app.post('/v1/admin/grants', admin, async (req) => {
    const body = parse(S.GrantBody, req.body);
    return ledger.grant(body, `admin:${me(req)}`, `admin:${body.id}`);
  });
  app.get('/v1/admin/ledger/check', admin, async () => ledger.check());
  app.get('/v1/admin/users/:id/ledger', admin, async (req) => {
    const { id } = parse(S.UserParams, req.params);
    const q = parse(S.EntriesQuery, req.query);
    const u = await h.db.selectFrom('users').select(['id', 'email', 'phone', 'role', 'created_at']).where('id', '=', id).executeTakeFirst();
    if (!u) throw new ApiError(404, 'USER_NOT_FOUND', `no user ${id}`);
    const [balance, page, lots] = await Promise.all([
      ledger.balance(id),
      ledger.entries(id, q.cursor ?? null, q.limit),
      h.db.selectFrom('lots').selectAll().where('user_id', '=', id).orderBy('created_at', 'desc').limit(200).execute(),
    ]);
    return { user: u, balance, lots, ...page, subscriptions: await billing.subscriptions(id) };
  });
  app.post('/v1/admin/clock', admin, async (req) => {
    if (!opts.testClock || !(clock instanceof TestClock)) throw new ApiError(404, 'NOT_FOUND', 'the test clock is off (start with --test-clock)');
    const { now } = parse(S.ClockBody, req.body);
    clock.set(typeof now === 'number' ? now : Date.parse(now));
    const swept = await ledger.sweep();
    return { now: clock.now(), swept };
  });

  // ---- plans and billing
  app.get('/v1/plans', user, async () => ({ currency: 'TWD', plans: PLANS, packs: PACKS }));
  registerReturnPages(app);
  app.post('/v1/billing/checkout', user, async (req) => billing.checkout(me(req), parse(S.CheckoutBody, req.body)));
  await app.register(async (scope) => {
    // The signature covers the exact bytes: keep the raw body for this route.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post('/v1/billing/webhook', async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new ApiError(400, 'INVALID_BODY', 'expected a JSON webhook body');
      return billing.webhook(req.body, req.headers);
    });
  });

  await partners.registerRoutes(app, { user, admin, me, parse });
  const { gateway, veo } = await mountGateway(app, { db: h, ledger, auth, clock, jwtSecret: opts.jwtSecret, options: opts.gateway }, { user, admin, me, parse });
  const predictions = await mountReplicate(app, gateway, h, clock);
  const { relay, sweepMs: relaySweepMs } = await mountRelay(app, { db: h, clock, jwtSecret: opts.jwtSecret, publicUrl, dataDir: opts.partners?.health?.dataDir ?? dataDirOf(h), options: opts.relay }, { user, admin, me, parse });
  const boxes = await mountBoxes(app, { db: h, ledger, clock, auth, hasher: partners.hasher, jwtSecret: opts.jwtSecret, cipher: opts.partners?.cipher }, { user, admin, me, parse });
  const audit = mountAudit(app, { db: h, clock, keys: { signingKey: opts.audit?.signingKey, dataDir: opts.audit?.dataDir ?? opts.partners?.health?.dataDir ?? dataDirOf(h) } }, { user, admin, me, parse });
  const market = mountMarket(app, { db: h, clock, ledger, fraud: partners.fraud, limits: opts.marketFraud }, { user, admin, me, parse });

  // ---- background work
  const timers: NodeJS.Timeout[] = [];
  if (opts.background) {
    const alert =
      opts.onAlert ??
      ((r: CheckResult) => {
        app.log.error({ violations: r.violations.slice(0, 20), count: r.violations.length }, 'ALERT: ledger consistency check failed');
        void alerter.raise({ key: 'ledger:consistency', level: 'critical', title: 'ledger consistency check failed', message: `${r.violations.length} violation(s), first: ${r.violations[0]?.rule ?? '?'}` });
      });
    let sweeping = false;
    timers.push(
      setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        ledger
          .sweep()
          .then((r) => {
            if (r.holds_expired || r.lots_expired) app.log.info(r, 'ledger sweep');
          })
          .catch((err: unknown) => app.log.error({ err }, 'ledger sweep failed'))
          .finally(() => (sweeping = false));
      }, opts.background.sweepMs ?? 30_000),
    );
    timers.push(
      setInterval(() => {
        ledger
          .check()
          .then((r) => {
            if (!r.ok) alert(r);
          })
          .catch((err: unknown) => app.log.error({ err }, 'ledger check failed'));
      }, opts.background.checkMs ?? 3_600_000),
    );
    // Long-running generation nobody polls any more (a desktop that crashed) is settled when it ends.
    timers.push(startReconciler(new PredictionReconciler(predictions, veo, h, clock), opts.background.reconcileMs ?? 60_000, (msg, err) => app.log.error({ err: err instanceof Error ? err.message : String(err) }, msg)));
    // Relayed media past its lifetime leaves storage (README: "Media relay").
    timers.push(
      setInterval(() => {
        relay.sweep().then(
          (r) => {
            if (r.deleted || r.incomplete) app.log.info(r, 'media relay sweep');
          },
          (err: unknown) => app.log.error({ err: err instanceof Error ? err.message : String(err) }, 'media relay sweep failed'),
        );
      }, relaySweepMs),
    );
    // Each ended Asia/Taipei day's head is signed (docs/audit-log.md); listings past their time go back to their sellers.
    timers.push(
      setInterval(() => {
        audit.makeDigests().catch((err: unknown) => app.log.error({ err: err instanceof Error ? err.message : String(err) }, 'audit digest failed'));
      }, opts.background.auditDigestMs ?? 600_000),
    );
    // Audit entries left unsealed (an opening whose seal failed after its commit) join the chain.
    timers.push(
      setInterval(() => {
        boxes.sealer.seal().catch((err: unknown) => app.log.error({ err: err instanceof Error ? err.message : String(err) }, 'audit sealing failed'));
      }, opts.background.auditSealMs ?? 30_000),
    );
    timers.push(
      setInterval(() => {
        market.listings.expireDue().catch((err: unknown) => app.log.error({ err: err instanceof Error ? err.message : String(err) }, 'market expiry sweep failed'));
      }, opts.background.marketSweepMs ?? 60_000),
    );
    timers.push(...partners.startBackground((msg, err) => app.log.error({ err: err instanceof Error ? err.message : String(err) }, msg)));
    for (const t of timers) t.unref();
  }
  app.addHook('onClose', async () => {
    for (const t of timers) clearInterval(t);
  });

  return { server: app, ledger, auth, billing, clock, alerter, partners, signup, gateway, relay, boxes, audit, market };
}
