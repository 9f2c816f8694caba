import { randomUUID } from 'node:crypto';
import type { App, AppOptions } from '../../src/app.js';
import { buildApp } from '../../src/app.js';
import { createAccount } from '../../src/accounts.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { TestClock } from '../../src/clock.js';
import type { DbHandle } from '../../src/db/connect.js';
import type { DbKind, FreshDb } from './db.js';
import { freshDb } from './db.js';
import { RecordingMailer, registerAndVerify } from './mail.js';

export const JWT_SECRET = 'test-secret-0123456789-0123456789-abcdef';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export async function call<T = Record<string, unknown>>(base: string, method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<Reply<T>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

export interface Session {
  id: string;
  token: string;
  refresh: string;
  email: string;
  password: string;
}

export interface TestServer {
  base: string;
  /** The app itself (its services), for assertions a client cannot make. */
  app: App;
  db: DbHandle;
  fresh: FreshDb;
  clock: TestClock;
  mail: RecordingMailer;
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<Reply<T>>;
  register(extra?: Record<string, unknown>): Promise<Session>;
  admin(): Promise<Session>;
  close(): Promise<void>;
}

/** The real app on a fresh database, listening on loopback. */
export async function startServer(kind: DbKind, opts: Partial<AppOptions> = {}): Promise<TestServer> {
  const fresh = await freshDb(kind);
  const db = await fresh.open();
  const clock = new TestClock();
  const mail = new RecordingMailer();
  const app = await buildApp({ db, jwtSecret: JWT_SECRET, clock, testClock: true, authRateLimit: 10_000, mailer: mail, ...opts });
  const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
  const base = address.replace('localhost', '127.0.0.1');
  const c = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>) => call<T>(base, method, path, body, token, headers);
  const login = async (email: string, password: string): Promise<Session> => {
    const r = await c<{ user: { id: string }; access_token: string; refresh_token: string }>('POST', '/v1/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
    return { id: r.body.user.id, token: r.body.access_token, refresh: r.body.refresh_token, email, password };
  };
  return {
    base,
    app,
    db,
    fresh,
    clock,
    mail,
    call: c,
    async register(extra = {}) {
      const email = `u-${randomUUID()}@example.test`;
      const password = 'correct horse battery';
      const s = await registerAndVerify(c, mail, { email, password, ...extra });
      return { id: s.user.id, token: s.access_token, refresh: s.refresh_token, email, password };
    },
    async admin() {
      const email = `admin-${randomUUID()}@example.test`;
      const password = 'admin password 1';
      await createAccount(db, clock, { email, passwordHash: await hashPassword(password), role: 'admin' });
      return login(email, password);
    },
    async close() {
      await app.server.close();
      await db.close();
      await fresh.drop();
    },
  };
}

export const uuid = (): string => randomUUID();
