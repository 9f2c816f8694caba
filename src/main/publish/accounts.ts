import type BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { StudioError, toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { ConnectionView } from '../../shared/partners.js';
import { PUBLISH_PLATFORMS, VAULT_PLATFORM, type PublishPlatform } from '../../shared/publish/platforms.js';
import type { MissedPolicy, PublishAccountView } from '../../shared/publish/post.js';
import { isTimeZone } from '../../shared/publish/time.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Store } from '../store/db.js';
import type { PublishVault } from './vault.js';

export interface AccountRow {
  id: string;
  platform: PublishPlatform;
  connection_id: string;
  platform_account_id: string;
  target_id: string | null;
  display_name: string;
  client_id: string | null;
  client_name: string | null;
  time_zone: string;
  missed_policy: MissedPolicy;
  updated_at: number;
}

/** How long listing a connection's targets may take (a worker start, a few platform calls). */
const TARGETS_TIMEOUT_MS = 60_000;

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new StudioError({ code: 'WORKER_TIMEOUT', message: 'The platform did not list the accounts in time.', ...say('publish.outbox.targetsTimeout') })), ms);
    timer.unref();
  });
}

/** Platforms whose posting targets are not the connection's own account: a Meta login posts as its Pages and their Instagram accounts. */
const NEEDS_TARGET: ReadonlySet<PublishPlatform> = new Set(['facebook', 'instagram']);

/**
 * The accounts posts go to: one per vault connection and, for a Meta login,
 * one per Page / Instagram account the platform lists for it (a
 * `publish.targets` job asks the platform, since only a worker talks to
 * platforms). The time zone and missed-post policy are this studio's own and
 * survive every refresh.
 */
export class PublishAccounts {
  /** The vault's word on each connection, as last read (whether it can publish now). */
  private status = new Map<string, { usable: boolean; problem: ErrorInfo | null }>();

  constructor(
    private readonly store: Store,
    private readonly vault: PublishVault,
    private readonly jobs: JobQueue,
    private readonly now: () => number,
  ) {}

  // Prepared once, on first use: every dispatched post reads its account.
  private byId: BetterSqlite3.Statement<[string], AccountRow> | null = null;
  private platformsStatement: BetterSqlite3.Statement<[], { platform: PublishPlatform }> | null = null;

  row(id: string): AccountRow | undefined {
    this.byId ??= this.store.sqlite.prepare<[string], AccountRow>('SELECT * FROM publish_accounts WHERE id = ?');
    return this.byId.get(id);
  }

  /** The platforms with an account here: the only ones posts can be on (accounts are never deleted, and posts name theirs). */
  platforms(): PublishPlatform[] {
    this.platformsStatement ??= this.store.sqlite.prepare<[], { platform: PublishPlatform }>('SELECT DISTINCT platform FROM publish_accounts');
    return this.platformsStatement.all().map((r) => r.platform);
  }

  mustGet(id: string): AccountRow {
    const row = this.row(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no publishing account ${id}.`, field: 'accountIds', ...say('publish.outbox.accountNotFound') });
    return row;
  }

  rows(): AccountRow[] {
    return this.store.sqlite.prepare('SELECT * FROM publish_accounts ORDER BY platform, display_name').all() as AccountRow[];
  }

  async list(refresh: boolean): Promise<PublishAccountView[]> {
    let connections: ConnectionView[];
    try {
      connections = await this.vault.connections();
    } catch (err) {
      // Offline or signed out: the accounts known from before still show (and scheduled posts still wait for them).
      if (this.rows().length > 0 && !refresh) return this.rows().map((r) => this.view(r));
      throw err;
    }
    const clients = connections.some((c) => c.clientId) ? await this.vault.clients().catch(() => new Map<string, string>()) : new Map<string, string>();
    const known = new Set(this.rows().map((r) => r.connection_id));
    for (const c of connections) {
      this.status.set(c.id, {
        usable: c.status === 'active',
        problem: c.status === 'active' ? null : { code: 'PUBLISH_DISCONNECTED', message: `Reconnect ${c.displayName}: ${c.lastError ?? 'the platform refused the token'}.`, ...say('publish.outbox.needsReconnect', { name: c.displayName }) },
      });
      if (!refresh && known.has(c.id)) continue;
      for (const platform of PUBLISH_PLATFORMS.filter((p) => VAULT_PLATFORM[p] === c.platform)) {
        await this.addTargets(c, platform, c.clientId ? (clients.get(c.clientId) ?? null) : null);
      }
    }
    return this.rows().map((r) => this.view(r));
  }

  /** Asks the platform (in a worker) what this connection posts as, and keeps one account row per target. */
  private async addTargets(c: ConnectionView, platform: PublishPlatform, clientName: string | null): Promise<void> {
    let targets: { targetId: string | null; displayName: string }[];
    try {
      const job = await this.jobs.enqueue('publish.targets', { platform, connectionId: c.id, accountId: c.accountId });
      // A studio that does not work the queue (a short CLI command) never runs the job: its stored accounts are used instead.
      const done = await Promise.race([this.jobs.waitFor(job.id), timeout(TARGETS_TIMEOUT_MS)]);
      if (done.status !== 'succeeded') throw new StudioError(done.error ?? { code: 'INTERNAL', message: 'The platform did not list the accounts.' });
      targets = (done.result as { targets: typeof targets }).targets;
    } catch (err) {
      // A platform that posts as the connection itself still gets its account; a Meta login without its Pages cannot post yet.
      this.status.set(c.id, { usable: !NEEDS_TARGET.has(platform) && c.status === 'active', problem: toErrorInfo(err) });
      if (NEEDS_TARGET.has(platform)) return;
      targets = [{ targetId: null, displayName: c.displayName }];
    }
    const upsert = this.store.sqlite.prepare(
      `INSERT INTO publish_accounts (id, platform, connection_id, platform_account_id, target_id, display_name, client_id, client_name, updated_at)
       VALUES (@id, @platform, @connectionId, @accountId, @targetId, @displayName, @clientId, @clientName, @now)
       ON CONFLICT (platform, connection_id, IFNULL(target_id, '')) DO UPDATE SET
         display_name = excluded.display_name, platform_account_id = excluded.platform_account_id,
         client_id = excluded.client_id, client_name = excluded.client_name, updated_at = excluded.updated_at`,
    );
    const now = this.now();
    this.store.transaction(() => {
      for (const t of targets) {
        upsert.run({ id: randomUUID(), platform, connectionId: c.id, accountId: c.accountId, targetId: t.targetId, displayName: t.displayName, clientId: c.clientId, clientName, now });
      }
    });
  }

  update(input: { id: string; timeZone?: string | undefined; missedPolicy?: MissedPolicy | undefined }): PublishAccountView {
    const row = this.mustGet(input.id);
    if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
      throw new StudioError({ code: 'BAD_INPUT', message: `"${input.timeZone}" is not a time zone.`, field: 'timeZone', ...say('publish.outbox.badTimeZone', { zone: input.timeZone }) });
    }
    this.store.sqlite
      .prepare('UPDATE publish_accounts SET time_zone = ?, missed_policy = ?, updated_at = ? WHERE id = ?')
      .run(input.timeZone ?? row.time_zone, input.missedPolicy ?? row.missed_policy, this.now(), row.id);
    return this.view(this.mustGet(row.id));
  }

  view(row: AccountRow): PublishAccountView {
    const status = this.status.get(row.connection_id) ?? { usable: true, problem: null };
    return {
      id: row.id,
      platform: row.platform,
      connectionId: row.connection_id,
      targetId: row.target_id,
      displayName: row.display_name,
      clientId: row.client_id,
      clientName: row.client_name,
      timeZone: row.time_zone,
      missedPolicy: row.missed_policy,
      usable: status.usable,
      problem: status.problem,
      // Apps TikTok has not audited may only post privately (SELF_ONLY); the composer says so.
      privateOnly: row.platform === 'tiktok',
    };
  }
}
