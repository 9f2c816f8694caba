import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { buildApp, migrate, openDatabase, type App, type DbHandle } from '../../cloud-sync/src/index.js';
import type { GatewayOptions } from '../../cloud-sync/src/gateway/config.js';
import type { GenCallView } from '../../src/shared/gateway.js';
import { RecordingMailer, registerAndVerifyAt } from '../../cloud-sync/test/support/mail.js';
import { tempHome } from './studio.js';

/** A real cloud-sync on SQLite on loopback, with one registered user; restartable on the same database and port. */
export class TestCloud {
  app!: App;
  /** The cloud's database (tests read what it stored). */
  db!: DbHandle;
  port = 0;
  url = '';
  userId = '';
  readonly email = 'creator@example.com';
  readonly password = 'correct horse battery staple';
  private readonly dbFile = path.join(tempHome('kingjam-cloud-'), 'cloud.db');
  private readonly jwtSecret = randomBytes(32).toString('hex');
  /** Sign-up and reset mail, as the SMTP server would have received it. */
  readonly mail = new RecordingMailer();

  /** `gateway`: the generation gateway's options (platform keys, upstream base URLs pointing at loopback fakes). */
  constructor(private readonly options: { gateway?: GatewayOptions } = {}) {}

  async start(): Promise<this> {
    const db = openDatabase(this.dbFile);
    this.db = db;
    await migrate(db);
    this.app = await buildApp({ db, jwtSecret: this.jwtSecret, mailer: this.mail, ...(this.options.gateway ? { gateway: this.options.gateway } : {}) });
    await this.app.server.listen({ port: this.port, host: '127.0.0.1' });
    this.port = (this.app.server.server.address() as { port: number }).port;
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.app.server.close();
  }

  /** Registers and verifies the user (200 PROMO credits from the Free plan) and grants `paid` PAID credits. */
  async withUser(paid: number): Promise<this> {
    const reg = await registerAndVerifyAt(this.url, this.mail, { email: this.email, password: this.password });
    this.userId = reg.user.id;
    if (paid > 0) await this.app.ledger.grant({ id: randomUUID(), user_id: this.userId, bucket: 'PAID', amount: paid, reason: 'test purchase' }, 'test');
    return this;
  }

  async balance(): Promise<{ total: number; available: number; held: number }> {
    return (await this.get('/v1/ledger/balance')) as { total: number; available: number; held: number };
  }

  /** The user's generation calls as the gateway recorded them (`GET /v1/gen/calls`), every page; one job's with `jobRef`. */
  async genCalls(jobRef?: string): Promise<GenCallView[]> {
    const out: GenCallView[] = [];
    let cursor: string | null = null;
    do {
      const query = `limit=100${jobRef ? `&job_ref=${encodeURIComponent(jobRef)}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await this.get(`/v1/gen/calls?${query}`)) as { calls: GenCallView[]; next_cursor: string | null };
      out.push(...page.calls);
      cursor = page.next_cursor;
    } while (cursor);
    return out;
  }

  /** The test's own session, kept between reads: signing in for each one would run into the cloud's sign-in rate limit. */
  private token: string | null = null;

  /** A GET as the user; signs in again once if the session was ended (a test may revoke it). */
  private async get(route: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      this.token ??= ((await this.post('/v1/auth/login', { email: this.email, password: this.password })) as { access_token: string }).access_token;
      const res = await fetch(`${this.url}${route}`, { headers: { Authorization: `Bearer ${this.token}` } });
      if (res.status !== 401 || attempt > 0) return res.json();
      this.token = null;
    }
  }

  private async post(route: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return res.json();
  }
}
