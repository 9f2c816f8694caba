import type { FastifyInstance, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import { ApiError } from '../errors.js';
import type { FraudService } from '../fraud/service.js';
import type { ReferralService } from '../referrals/service.js';
import type { IdentityVerification } from '../verification/identity.js';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from '../verification/identity.js';
import type { PhoneVerification } from '../verification/phone.js';
import type { WithdrawalService } from '../withdrawals/service.js';
import * as P from './schemas.js';

export interface PartnerDeps {
  referrals: ReferralService;
  fraud: FraudService;
  phone: PhoneVerification;
  identity: IdentityVerification;
  withdrawals: WithdrawalService;
  runJob: (job: z.output<typeof P.JobParams>['job']) => Promise<unknown>;
}

export interface RouteKit {
  user: RouteShorthandOptions;
  admin: RouteShorthandOptions;
  me: (req: FastifyRequest) => string;
  parse: <T extends z.ZodType>(schema: T, value: unknown) => z.output<T>;
}

/** Referral, verification, withdrawal and fraud-review endpoints (README: "Partners"). */
export async function registerPartnerRoutes(app: FastifyInstance, d: PartnerDeps, k: RouteKit): Promise<void> {
  const { user, admin, me, parse } = k;

  // ---- referrals
  app.post('/v1/referrals/code', user, async (req) => d.referrals.code(me(req)));
  app.get('/v1/referrals/me', user, async (req) => d.referrals.me(me(req)));

  // ---- verification
  app.get('/v1/verification', user, async (req) => d.withdrawals.requirements(me(req)));
  app.post('/v1/verification/phone/send', user, async (req) => d.phone.send(me(req), parse(P.PhoneSendBody, req.body).phone));
  app.post('/v1/verification/phone/confirm', user, async (req) => d.phone.confirm(me(req), parse(P.PhoneConfirmBody, req.body).code));
  await app.register(async (scope) => {
    // Documents arrive as the raw file (no base64 inflation); the limit is enforced while reading.
    for (const type of DOCUMENT_TYPES) scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_req, body, done) => done(null, body));
    scope.post('/v1/verification/identity/document', { ...user, bodyLimit: MAX_DOCUMENT_BYTES }, async (req, reply) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!Buffer.isBuffer(req.body)) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the file with Content-Type ${DOCUMENT_TYPES.join(' | ')}`);
      return reply.status(201).send(await d.identity.upload(me(req), type, req.body));
    });
  });
  app.post('/v1/verification/identity', user, async (req, reply) => reply.status(201).send(await d.identity.submit(me(req), parse(P.IdentityBody, req.body))));
  app.get('/v1/admin/verifications', admin, async (req) => {
    const q = parse(P.VerificationsQuery, req.query);
    return { verifications: await d.identity.list(q.status, q.limit) };
  });
  app.get('/v1/admin/verifications/:id/document', admin, async (req, reply) => {
    const id = parse(P.IdParams, req.params).id;
    const doc = await d.identity.document(id);
    // An identity document is downloaded, never rendered in the admin's browser (issue 11 §2.11).
    const ext = doc.content_type === 'application/pdf' ? 'pdf' : doc.content_type === 'image/png' ? 'png' : 'jpg';
    return reply
      .header('content-type', doc.content_type)
      .header('content-disposition', `attachment; filename="identity-document-${id}.${ext}"`)
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'no-store')
      .send(doc.data);
  });
  app.post('/v1/admin/verifications/:id/decision', admin, async (req) => {
    const body = parse(P.DecisionBody, req.body);
    return d.identity.decide(parse(P.IdParams, req.params).id, me(req), body.decision, body.note);
  });

  // ---- withdrawals
  app.get('/v1/withdrawals', user, async (req) => d.withdrawals.summary(me(req)));
  app.post('/v1/withdrawals', user, async (req, reply) => reply.status(201).send(await d.withdrawals.request(me(req), parse(P.WithdrawalBody, req.body))));
  app.get('/v1/withdrawals/:id', user, async (req) => d.withdrawals.get(parse(P.WithdrawalParams, req.params).id, me(req)));
  app.get('/v1/admin/withdrawals', admin, async (req) => {
    const q = parse(P.WithdrawalsQuery, req.query);
    return { withdrawals: await d.withdrawals.list(q.status ? { status: q.status } : {}, q.limit) };
  });
  app.post('/v1/admin/withdrawals/:id/approve', admin, async (req) => d.withdrawals.approve(parse(P.WithdrawalParams, req.params).id, me(req), parse(P.WithdrawalActionBody, req.body ?? {}).note ?? null));
  app.post('/v1/admin/withdrawals/:id/paid', admin, async (req) => d.withdrawals.markPaid(parse(P.WithdrawalParams, req.params).id, me(req), parse(P.WithdrawalActionBody, req.body ?? {}).note ?? null));
  app.post('/v1/admin/withdrawals/:id/reject', admin, async (req) => d.withdrawals.reject(parse(P.WithdrawalParams, req.params).id, me(req), parse(P.WithdrawalRejectBody, req.body).note));

  // ---- fraud review
  app.get('/v1/admin/fraud/users', admin, async (req) => {
    const q = parse(P.RiskQuery, req.query);
    return { users: await d.fraud.list(q.level, q.limit) };
  });
  app.get('/v1/admin/fraud/users/:id', admin, async (req) => d.fraud.view(parse(P.IdParams, req.params).id));
  app.post('/v1/admin/fraud/users/:id/review', admin, async (req) => {
    const body = parse(P.RiskReviewBody, req.body);
    return d.fraud.review(parse(P.IdParams, req.params).id, me(req), body.action, body.note);
  });

  // ---- jobs (they also run on timers under `serve`)
  app.post('/v1/admin/jobs/:job/run', admin, async (req) => {
    const { job } = parse(P.JobParams, req.params);
    return { job, result: await d.runJob(job) };
  });
}
