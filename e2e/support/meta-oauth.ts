import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Meta's OAuth endpoints the cloud's vault exchanges a code at (the Graph fake serves the publishing API). */
export async function startMetaOAuth(userToken: string): Promise<{ server: Server; base: string }> {
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
export async function cloudCall<T>(cloudUrl: string, method: string, route: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${cloudUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
