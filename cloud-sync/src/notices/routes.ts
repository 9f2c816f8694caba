import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteKit } from '../partners/routes.js';
import type { NoticeService } from './service.js';

const UnreadQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(50) });
const ReadBody = z.strictObject({ ids: z.array(z.uuid()).min(1).max(100) });

/** The signed-in user's own notices: unread ones, and marking them read. */
export function registerNoticeRoutes(app: FastifyInstance, notices: NoticeService, k: RouteKit): void {
  const { user, me, parse } = k;
  app.get('/v1/notifications', user, async (req) => ({ notifications: await notices.unread(me(req), parse(UnreadQuery, req.query).limit) }));
  app.post('/v1/notifications/read', user, async (req) => notices.markRead(me(req), parse(ReadBody, req.body).ids));
}
