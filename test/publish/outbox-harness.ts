import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, migrate, openDatabase, type App } from '../../cloud-sync/src/index.js';
import { RecordingMailer } from '../../cloud-sync/test/support/mail.js';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import type { Clock } from '../../src/main/publish/scheduler.js';
import type { DispatchPolicy } from '../../src/main/publish/dispatch.js';
import type { Studio } from '../../src/main/studio.js';
import type { JobSystemConfig } from '../../src/main/jobs/config.js';
import type { PublishAccountView } from '../../src/shared/publish/post.js';
import { openTestStudio, tempHome, until } from '../helpers/studio.js';
import { startFakeMetaGraph, type FakeMetaGraph, type FakePage } from './fakes/meta-graph.js';

/**
 * The outbox end to end: a real cloud-sync on loopback (its token vault holds
 * a Meta connection whose token the fake Graph API accepts), the fake Graph
 * API as Facebook, and a studio with real worker processes signed in to the
 * cloud. Only the network edges are fakes.
 */
export interface OutboxWorld {
  cloud: App;
  cloudUrl: string;
  graph: FakeMetaGraph;
  connectionId: string;
  /** The tokens the vault re-exchanged at Meta's token endpoint (one per forced refresh). */
  refreshes: string[];
  /** Whether a forced refresh makes the platform take the token again (false: the platform still refuses it). */
  refreshHelps: boolean;
  /**
   * Called when the fake platform has answered a matching call, before the
   * answer reaches the worker; the worker then gets no answer at all (the
   * connection is dropped), as when it dies between "sent" and "recorded".
   */
  interceptAfter: { method: string; path: RegExp; run: () => void } | null;
  home: string;
  open(options?: { clock?: Clock; policy?: Partial<DispatchPolicy>; startJobs?: boolean; jobConfig?: Partial<JobSystemConfig> }): Promise<Studio>;
  close(): Promise<void>;
}

const email = 'agency@example.com';
const password = 'correct horse battery staple';

/** Timings shrunk for tests: backoff of 100 ms doubling, the logic unchanged. */
export const FAST_POLICY: Partial<DispatchPolicy> = { backoffBaseMs: 100, backoffMaxMs: 1_000 };

export async function outboxWorld(options: { pages?: FakePage[] } = {}): Promise<OutboxWorld> {
  const graph = await startFakeMetaGraph({ accountsPageSize: 10, ...(options.pages ? { pages: options.pages } : {}) });
  const proxy = await interceptingProxy(graph.url, () => world.interceptAfter);
  const refreshes: string[] = [];
  // Meta's token endpoint, as the vault's forced refresh calls it (fb_exchange_token of the long-lived token).
  const oauth = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const exchanged = url.searchParams.get('fb_exchange_token');
    res.setHeader('content-type', 'application/json; charset=UTF-8');
    if (url.pathname !== '/v21.0/oauth/access_token' || url.searchParams.get('grant_type') !== 'fb_exchange_token' || !exchanged) {
      res.writeHead(400).end(JSON.stringify({ error: { message: 'Missing grant_type', type: 'OAuthException', code: 100, fbtrace_id: 'AxYz' } }));
      return;
    }
    refreshes.push(exchanged);
    if (!world.refreshHelps) {
      res.writeHead(400).end(JSON.stringify({ error: { message: 'Error validating access token: The user has not authorized application.', type: 'OAuthException', code: 190, error_subcode: 458, fbtrace_id: 'AxYz' } }));
      return;
    }
    graph.state.expired = false;
    res.end(JSON.stringify({ access_token: graph.userToken, token_type: 'bearer', expires_in: 5_184_000 }));
  });
  await new Promise<void>((resolve) => oauth.listen(0, '127.0.0.1', resolve));
  const oauthUrl = `http://127.0.0.1:${(oauth.address() as AddressInfo).port}/v21.0/oauth/access_token`;
  // The workers reach Facebook through the proxy.
  const signedIn = await cloudWithMetaLogin({ graphUrl: proxy.url, userToken: graph.userToken, tokenUrl: oauthUrl });
  const world: OutboxWorld = {
    ...signedIn,
    graph,
    refreshes,
    refreshHelps: true,
    interceptAfter: null,
    async close() {
      await signedIn.close();
      await new Promise<void>((resolve) => oauth.close(() => resolve()));
      await proxy.close();
      await graph.close();
    },
  };
  return world;
}

/** A platform the studio reaches over loopback that runs elsewhere (a process of its own): its API base and the user token it takes. */
export interface PlatformEdge {
  url: string;
  userToken: string;
}

/** The cloud with its vault, and the studio, of an outbox world; nothing of the platform's. */
export type SignedInStudio = Pick<OutboxWorld, 'cloud' | 'cloudUrl' | 'connectionId' | 'home' | 'open' | 'close'>;

/**
 * The outbox world on a Facebook that runs in another process (bench:publish): the cloud's vault
 * holds a Meta login the platform takes, and the workers call the platform directly, with no
 * proxy (nothing is intercepted there). A forced token refresh is not served.
 */
export function outboxWorldOn(platform: PlatformEdge): Promise<SignedInStudio> {
  return cloudWithMetaLogin({ graphUrl: platform.url, userToken: platform.userToken, tokenUrl: `${platform.url}/oauth/access_token` });
}

/**
 * A real cloud-sync on loopback whose vault holds a Meta connection with `userToken` (stored
 * through the vault's own code: encrypted, audited), and a studio signed in to it whose workers
 * reach the Graph API at `graphUrl` (the variable is read when a worker starts).
 */
async function cloudWithMetaLogin(edge: { graphUrl: string; userToken: string; tokenUrl: string }): Promise<SignedInStudio> {
  process.env.KINGJAM_META_GRAPH_BASE_URL = edge.graphUrl;
  const db = openDatabase(path.join(tempHome('kingjam-outbox-cloud-'), 'cloud.db'));
  await migrate(db);
  const cloud = await buildApp({
    db,
    jwtSecret: randomBytes(32).toString('hex'),
    publicUrl: 'https://kingjam.example',
    mailer: new RecordingMailer(),
    partners: { platforms: { meta: { clientId: 'meta-app-id', clientSecret: 'meta-app-secret', tokenUrl: edge.tokenUrl } } },
  });
  await cloud.server.listen({ port: 0, host: '127.0.0.1' });
  const cloudUrl = `http://127.0.0.1:${(cloud.server.server.address() as AddressInfo).port}`;
  const reg = await fetch(`${cloudUrl}/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const user = ((await reg.json()) as { user?: { id: string } }).user;
  const userId = user?.id ?? (await loginUserId(cloudUrl));
  // The Meta login the vault would hold after OAuth, stored through the vault's own code (encrypted, audited).
  const vault = cloud.partners.vault as unknown as {
    store(userId: string, clientId: string | null, platform: string, who: { id: string; name: string }, scopes: string[], set: { access_token: string; refresh_token: string | null; expires_at: number | null; scope: string | null }): Promise<{ id: string }>;
  };
  const connection = await vault.store(userId, null, 'meta', { id: '10158000000000001', name: 'Agency Lin' }, ['pages_manage_posts'], {
    access_token: edge.userToken,
    refresh_token: null,
    expires_at: null,
    scope: null,
  });
  const home = tempHome('kingjam-outbox-');
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  const opened: Studio[] = [];
  return {
    cloud,
    cloudUrl,
    connectionId: connection.id,
    home,
    async open(options = {}) {
      const studio = openTestStudio(home, options.jobConfig ?? {}, options.startJobs ?? true, {
        secrets,
        sync: { defaultCloudUrl: cloudUrl, syncEveryMs: 3_600_000 },
        publishing: { policy: { ...FAST_POLICY, ...options.policy }, ...(options.clock ? { clock: options.clock } : {}) },
      });
      opened.push(studio);
      if (!studio.sync.view().signedIn) await studio.sync.login({ email, password });
      return studio;
    },
    async close() {
      for (const s of opened) await s.close().catch(() => undefined);
      await cloud.server.close();
    },
  };
}

/** A loopback proxy in front of the fake platform that can drop the answer of one call after the platform acted on it. */
async function interceptingProxy(target: string, intercept: () => OutboxWorld['interceptAfter']): Promise<{ url: string; close(): Promise<void> }> {
  const base = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const answer = await fetch(`${base.origin}${req.url}`, { method: req.method, headers, ...(body ? { body } : {}) });
        // Links the platform gives (the next page of a list) point at the proxy, as they point at the real API.
        const text = Buffer.from((await answer.text()).replaceAll(base.origin, `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
        const hook = intercept();
        const pathOnly = (req.url ?? '').split('?')[0]!.replace(/^\/v\d+\.\d+/, '');
        if (hook && hook.method === req.method && hook.path.test(pathOnly)) {
          hook.run();
          res.socket?.destroy();
          return;
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      })().catch(() => res.socket?.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${base.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function loginUserId(cloudUrl: string): Promise<string> {
  const res = await fetch(`${cloudUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return ((await res.json()) as { user: { id: string } }).user.id;
}

/** The Facebook Page account "Tea House" (listed by the fake through the publisher's targets()). */
export async function facebookAccount(studio: Studio, name = 'Tea House', refresh = true): Promise<PublishAccountView> {
  const accounts = await studio.publishing.service.accounts.list(refresh);
  const found = accounts.find((a) => a.platform === 'facebook' && a.displayName === name);
  if (!found) throw new Error(`no Facebook account ${name} among ${accounts.map((a) => `${a.platform}:${a.displayName}`).join(', ')}`);
  return found;
}

/** Waits until the post reaches one of `states`. */
export async function settled(studio: Studio, id: string, states: string[] = ['published', 'failed', 'canceled'], timeoutMs = 30_000) {
  return until(() => {
    const post = studio.publishing.service.get(id);
    return states.includes(post.state) ? post : null;
  }, `post ${id} to be ${states.join(' or ')}`, timeoutMs);
}

/** A clock the test moves by hand. */
export function controlledClock(start: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    set: (ms) => (t = ms),
    advance: (ms) => (t += ms),
  };
}
