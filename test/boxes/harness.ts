import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp, migrate, openDatabase, type App } from '../../cloud-sync/src/index.js';
import { createAccount } from '../../cloud-sync/src/accounts.js';
import { hashPassword } from '../../cloud-sync/src/auth/passwords.js';
import { TestClock } from '../../cloud-sync/src/clock.js';
import type { DbHandle } from '../../cloud-sync/src/db/connect.js';
import { RecordingMailer, registerAndVerifyAt } from '../../cloud-sync/test/support/mail.js';
import { taiwanId } from '../../cloud-sync/test/support/boxes.js';
import { createHandlers, type Handlers } from '../../src/main/api/handlers.js';
import { NodeWorkerSpawner } from '../../src/main/jobs/node-transport.js';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import { Studio } from '../../src/main/studio.js';
import { FAST_JOBS, tempHome } from '../helpers/studio.js';

/** A 1×1 PNG (real bytes: the cloud checks the document's magic bytes). */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
export const PASSWORD = 'correct horse battery staple 18';

async function http<T>(base: string, method: string, route: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** A real cloud-sync (SQLite file, loopback, a clock the test may move) with an admin, for the studio's blind-box calls. */
export class BoxesCloud {
  app!: App;
  /** The cloud's own database, for assertions on what it stores. */
  db!: DbHandle;
  url = '';
  readonly clock = new TestClock();
  readonly mail = new RecordingMailer();
  private adminToken = '';

  async start(): Promise<this> {
    const db = openDatabase(path.join(tempHome('kingjam-boxes-cloud-'), 'cloud.db'));
    this.db = db;
    await migrate(db);
    this.app = await buildApp({ db, jwtSecret: randomBytes(32).toString('hex'), mailer: this.mail, clock: this.clock, audit: { dataDir: tempHome('kingjam-boxes-audit-') } });
    await this.app.server.listen({ port: 0, host: '127.0.0.1' });
    this.url = `http://127.0.0.1:${(this.app.server.server.address() as AddressInfo).port}`;
    const email = `admin-${randomUUID()}@example.test`;
    await createAccount(db, this.clock, { email, passwordHash: await hashPassword(PASSWORD), role: 'admin' });
    this.adminToken = (await http<{ access_token: string }>(this.url, 'POST', '/v1/auth/login', { email, password: PASSWORD })).access_token;
    return this;
  }

  /** A verified account; with `birthDate`, an identity approved by the admin; `paid` PAID credits granted. */
  async user(email: string, opts: { birthDate?: string; paid?: number } = {}): Promise<{ id: string; token: string }> {
    const reg = await registerAndVerifyAt(this.url, this.mail, { email, password: PASSWORD });
    const token = reg.access_token;
    if (opts.birthDate) {
      const up = await fetch(`${this.url}/v1/verification/identity/document`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` }, body: PNG_1X1 });
      if (up.status !== 201) throw new Error(`document: ${up.status} ${await up.text()}`);
      const { document_id } = (await up.json()) as { document_id: string };
      const sub = await http<{ id: string }>(this.url, 'POST', '/v1/verification/identity', { national_id: taiwanId(), full_name: 'Test Buyer', document_id, birth_date: opts.birthDate }, token);
      await http(this.url, 'POST', `/v1/admin/verifications/${sub.id}/decision`, { decision: 'approved', note: 'document matches' }, this.adminToken);
    }
    if (opts.paid) await this.app.ledger.grant({ id: randomUUID(), user_id: reg.user.id, bucket: 'PAID', amount: opts.paid, reason: 'test purchase' }, 'test');
    return { id: reg.user.id, token };
  }

  get<T>(route: string, token?: string): Promise<T> {
    return http<T>(this.url, 'GET', route, undefined, token);
  }

  async stop(): Promise<void> {
    await this.app.server.close();
  }
}

/** A studio in this process (its own data folder and secrets), with its contract handlers. */
export function openStudio(prefix: string): { studio: Studio; handlers: Handlers } {
  const home = tempHome(prefix);
  const studio = Studio.open({
    home,
    spawner: new NodeWorkerSpawner(),
    jobConfig: FAST_JOBS,
    startJobs: false,
    // The test's pictures are written to the system's temporary folder.
    allowedDirs: [os.tmpdir()],
    secrets: sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file'),
  });
  return { studio, handlers: createHandlers(studio, 'web') };
}

/**
 * A pass-through proxy in front of the cloud that can rewrite one answer:
 * what a compromised or lying cloud would send, at the network edge.
 */
export class EdgeProxy {
  private server!: Server;
  url = '';
  /** Rewrites the JSON answer of a GET whose path matches; null: pass everything through. */
  rewrite: { path: RegExp; change: (body: Record<string, unknown>) => Record<string, unknown> } | null = null;

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
          const upstream = await fetch(`${this.target}${req.url ?? '/'}`, { method: req.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
          let data = Buffer.from(await upstream.arrayBuffer());
          const rule = this.rewrite;
          if (rule && req.method === 'GET' && rule.path.test((req.url ?? '').split('?')[0]!) && upstream.ok) {
            data = Buffer.from(JSON.stringify(rule.change(JSON.parse(data.toString('utf8')) as Record<string, unknown>)));
          }
          res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
          res.end(data);
        })().catch((err: unknown) => {
          res.writeHead(502);
          res.end(String(err));
        });
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
