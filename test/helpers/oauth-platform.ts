import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const REVOKED = 'refresh token revoked by the user';

/** The cloud-sync platform settings that point TikTok at this fake. */
export function tiktokSettings(base: string) {
  return { clientId: 'tt-client', clientSecret: 'tt-secret', authorizeUrl: `${base}/authorize`, tokenUrl: `${base}/token`, profileUrl: `${base}/me` };
}

function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A TikTok-like platform on loopback: OAuth 2.0 with PKCE, a fixed account
 * ("Shop TW"), and refreshes it can be told to refuse. Its consent page has
 * Allow and Deny links that send the browser to the redirect_uri, as the
 * real one does; a test may also take a code directly with allow().
 */
export async function fakeTikTok() {
  const challenges = new Map<string, string>();
  const authorizeRequests: URL[] = [];
  let refuseRefresh = false;

  function allow(authorize: URL): { code: string; state: string } {
    const code = `code-${randomBytes(6).toString('hex')}`;
    challenges.set(code, authorize.searchParams.get('code_challenge') ?? '');
    return { code, state: authorize.searchParams.get('state') ?? '' };
  }

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const json = (status: number, value: unknown) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(value));
      };
      if (url.pathname === '/authorize') {
        authorizeRequests.push(url);
        const redirect = url.searchParams.get('redirect_uri') ?? '';
        const allowed = new URL(redirect);
        const granted = allow(url);
        allowed.search = new URLSearchParams(granted).toString();
        const denied = new URL(redirect);
        denied.search = new URLSearchParams({ error: 'access_denied', error_description: 'The user denied the request', state: granted.state }).toString();
        res.setHeader('content-type', 'text/html');
        return res.end(
          `<p>Allow KingJam to post for Shop TW?</p><a data-testid="allow" href="${escapeAttr(allowed.toString())}">Allow</a> <a data-testid="deny" href="${escapeAttr(denied.toString())}">Deny</a>`,
        );
      }
      if (url.pathname === '/token') {
        const f = new URLSearchParams(body);
        if (f.get('grant_type') === 'refresh_token') {
          if (refuseRefresh) return json(400, { error: 'invalid_grant', error_description: REVOKED });
          return json(200, { access_token: `AT-${randomBytes(6).toString('hex')}`, refresh_token: `RT-${randomBytes(6).toString('hex')}`, expires_in: 86_400 });
        }
        const code = f.get('code') ?? '';
        const challenge = challenges.get(code);
        if (!challenge || createHash('sha256').update(f.get('code_verifier') ?? '').digest('base64url') !== challenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        // A code is good once, as on the real platform.
        challenges.delete(code);
        // Short-lived, so the hourly refresh job picks it up at once.
        return json(200, { access_token: `AT-${randomBytes(6).toString('hex')}`, refresh_token: `RT-${randomBytes(6).toString('hex')}`, expires_in: 3600, scope: 'video.publish,user.info.basic' });
      }
      if (url.pathname === '/me') return json(200, { data: { user: { open_id: 'tt-shop-tw', display_name: 'Shop TW' } } });
      json(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    authorizeRequests,
    setRefuseRefresh: (v: boolean) => (refuseRefresh = v),
    /** The user allowed access on the authorize page: a code bound to that request's PKCE challenge, and its state. */
    allow,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type FakeTikTok = Awaited<ReturnType<typeof fakeTikTok>>;

/** A port nothing listens on right now (the OS picks it), for a redirect address of a test's own. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}
