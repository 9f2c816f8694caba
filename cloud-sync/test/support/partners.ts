import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { App, AppOptions } from '../../src/app.js';
import { buildApp } from '../../src/app.js';
import { createAccount } from '../../src/accounts.js';
import type { Alert, AlertChannel } from '../../src/alerts/alerter.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { totpAt } from '../../src/auth/totp.js';
import { TestClock } from '../../src/clock.js';
import type { DbHandle } from '../../src/db/connect.js';
import type { DbKind, FreshDb } from './db.js';
import { freshDb } from './db.js';
import type { Reply, Session } from './http.js';
import { JWT_SECRET, call } from './http.js';
import { RecordingMailer, registerAndVerify } from './mail.js';

/** A loopback HTTP server answering with `handler`; records every request with its body. */
export interface Loopback {
  base: string;
  requests: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

export async function loopback(handler: (req: { method: string; path: string; headers: IncomingMessage['headers']; body: string }, res: ServerResponse) => void | Promise<void>): Promise<Loopback> {
  const requests: Loopback['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
      requests.push(r);
      void Promise.resolve(handler(r, res)).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

export const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
};

/** Records alerts (a channel at the edge, like Slack would receive them). */
export class RecordingChannel implements AlertChannel {
  readonly name = 'recording';
  readonly alerts: Alert[] = [];
  send(a: Alert): Promise<void> {
    this.alerts.push(a);
    return Promise.resolve();
  }
}

export interface PartnerServer {
  app: App;
  base: string;
  db: DbHandle;
  fresh: FreshDb;
  clock: TestClock;
  alerts: RecordingChannel;
  mail: RecordingMailer;
  logs: string[];
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<Reply<T>>;
  /** Registers from its own IP (X-Forwarded-For) unless told otherwise. */
  register(extra?: Record<string, unknown>, ip?: string): Promise<Session>;
  admin(): Promise<Session>;
  close(): Promise<void>;
}

let ipCounter = 0;
export const nextIp = (): string => `10.${(++ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;

export async function startPartnerServer(kind: DbKind, opts: Partial<AppOptions> = {}): Promise<PartnerServer> {
  const fresh = await freshDb(kind);
  const db = await fresh.open();
  const clock = new TestClock();
  const alerts = new RecordingChannel();
  // Every mail is recorded (sign-up codes are read from it); a mailer the test gives gets it too (a loopback SMTP server).
  const mail = new RecordingMailer(opts.mailer);
  const logs: string[] = [];
  const stream = { write: (s: string) => (logs.push(s), true) } as unknown as NodeJS.WritableStream;
  const app = await buildApp({
    db,
    jwtSecret: JWT_SECRET,
    clock,
    testClock: true,
    authRateLimit: 10_000,
    trustProxy: true,
    alertChannels: [alerts],
    logger: { level: 'info', stream },
    ...opts,
    mailer: mail,
  });
  const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
  const base = address.replace('localhost', '127.0.0.1');
  const c = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>) => call<T>(base, method, path, body, token, headers);
  return {
    app,
    base,
    db,
    fresh,
    clock,
    alerts,
    mail,
    logs,
    call: c,
    async register(extra = {}, ip = nextIp()) {
      const email = `u-${randomUUID()}@example.test`;
      const password = 'correct horse battery';
      const s = await registerAndVerify(c, mail, { email, password, ...extra }, { 'x-forwarded-for': ip });
      return { id: s.user.id, token: s.access_token, refresh: s.refresh_token, email, password };
    },
    async admin() {
      const email = `admin-${randomUUID()}@example.test`;
      const password = 'admin password 1';
      await createAccount(db, clock, { email, passwordHash: await hashPassword(password), role: 'admin' });
      const r = await c<{ user: { id: string }; access_token: string; refresh_token: string }>('POST', '/v1/auth/login', { email, password });
      return { id: r.body.user.id, token: r.body.access_token, refresh: r.body.refresh_token, email, password };
    },
    async close() {
      await app.server.close();
      await db.close();
      await fresh.drop();
    },
  };
}

/** Turns on TOTP for a user and returns a function giving the code at the server's clock. */
export async function enableTotp(s: PartnerServer, u: Session): Promise<() => string> {
  const e = await s.call<{ secret: string }>('POST', '/v1/auth/totp/enroll', { password: u.password }, u.token);
  const secret = e.body.secret;
  // Enrolment runs on the auth service's wall clock; withdrawals on the server's test clock.
  const v = await s.call('POST', '/v1/auth/totp/verify', { code: totpAt(secret, Date.now()), password: u.password }, u.token);
  if (v.status !== 200) throw new Error(`totp verify failed: ${JSON.stringify(v.body)}`);
  // TOTP steps are single-use: each code comes from a later step of the test clock.
  return () => {
    s.clock.set(Math.max(s.clock.now(), Date.now()) + 30_000);
    return totpAt(secret, s.clock.now());
  };
}
