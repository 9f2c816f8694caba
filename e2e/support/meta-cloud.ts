import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp, migrate, openDatabase } from '../../cloud-sync/src/index.js';
import { RecordingMailer, registerAndVerifyAt } from '../../cloud-sync/test/support/mail.js';

/** Meta's OAuth endpoints the cloud's vault exchanges a code at (the Graph fake serves the publishing API). */
async function startMetaOAuth(userToken: string): Promise<{ server: Server; base: string }> {
  const s = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('content-type', 'application/json');
    req.resume();
    req.on('end', () => {
      if (url.pathname === '/v21.0/oauth/access_token') return res.end(JSON.stringify({ access_token: userToken, token_type: 'bearer', expires_in: 5_183_944 }));
      if (url.pathname === '/v21.0/me') return res.end(JSON.stringify({ id: '10150000000000001', name: 'Agency Meta' }));
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { message: `Unknown path ${url.pathname}`, type: 'OAuthException', code: 803, fbtrace_id: 'AbCdEf' } }));
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}/v21.0` };
}

/** A call to the cloud's HTTP API with a session token; throws with the body on a refusal. */
async function cloudCall<T>(cloudUrl: string, method: string, route: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${cloudUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * A cloud (on SQLite in `dir`) whose vault holds a Meta login for a new
 * account: registered, verified, and connected through the vault's OAuth API
 * as the Connections page does, against the Graph fake's user token.
 */
export async function startCloudWithMeta(o: { dir: string; userToken: string; email: string; password: string }): Promise<{ cloudUrl: string; close: () => Promise<void> }> {
  const meta = await startMetaOAuth(o.userToken);
  const db = openDatabase(path.join(o.dir, 'cloud.db'));
  await migrate(db);
  const mail = new RecordingMailer();
  const cloud = await buildApp({
    db,
    jwtSecret: randomBytes(32).toString('hex'),
    mailer: mail,
    partners: {
      platforms: { meta: { clientId: 'meta-app', clientSecret: 'meta-secret', authorizeUrl: `${meta.base}/dialog/oauth`, tokenUrl: `${meta.base}/oauth/access_token`, profileUrl: `${meta.base}/me?fields=id,name` } },
    },
  });
  await cloud.server.listen({ port: 0, host: '127.0.0.1' });
  const cloudUrl = `http://127.0.0.1:${(cloud.server.server.address() as AddressInfo).port}`;
  const session = await registerAndVerifyAt(cloudUrl, mail, { email: o.email, password: o.password });
  const start = await cloudCall<{ authorize_url: string; state: string }>(cloudUrl, 'POST', '/v1/connections/oauth/start', session.access_token, { platform: 'meta', redirect_uri: 'http://127.0.0.1:53682/oauth/callback' });
  await cloudCall(cloudUrl, 'POST', '/v1/connections/oauth/callback', session.access_token, { code: 'meta-code-1', state: start.state });
  return {
    cloudUrl,
    async close() {
      await cloud.server.close();
      await db.close();
      await new Promise<void>((r) => meta.server.close(() => r()));
    },
  };
}
