import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteKit } from '../partners/routes.js';
import { pickLocale } from './mails.js';
import * as S from './schemas.js';
import type { SignupService } from './service.js';

/**
 * Sign-up by email, verification and password reset (cloud-sync/README.md, "Sign-up"). Every
 * answer that could tell whether an address has an account is the same 202 either way.
 */
export function registerSignupRoutes(app: FastifyInstance, signup: SignupService, kit: Pick<RouteKit, 'parse'>, limited: (req: FastifyRequest) => void): void {
  const { parse } = kit;
  const localeOf = (req: FastifyRequest, given: S.LocaleValue | undefined) => given ?? pickLocale(req.headers['accept-language']);

  app.post('/v1/auth/register', async (req, reply) => {
    limited(req);
    const body = parse(S.RegisterBody, req.body);
    return reply.status(202).send(await signup.register({ ...body, locale: localeOf(req, body.locale) }, req.ip));
  });
  app.post('/v1/auth/verify-email', async (req) => {
    limited(req);
    return signup.verifyEmail(parse(S.VerifyEmailBody, req.body), req.ip);
  });
  app.post('/v1/auth/verify-email/resend', async (req, reply) => {
    limited(req);
    const body = parse(S.EmailOnlyBody, req.body);
    return reply.status(202).send(await signup.resendVerification({ email: body.email, locale: localeOf(req, body.locale) }));
  });
  app.post('/v1/auth/password-reset/request', async (req, reply) => {
    limited(req);
    const body = parse(S.EmailOnlyBody, req.body);
    return reply.status(202).send(await signup.requestPasswordReset({ email: body.email, locale: localeOf(req, body.locale) }));
  });
  app.post('/v1/auth/password-reset/confirm', async (req) => {
    limited(req);
    return signup.confirmPasswordReset(parse(S.ResetConfirmBody, req.body));
  });
}
