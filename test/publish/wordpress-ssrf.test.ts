import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AddressRefused, guardedFetch } from '../../src/node/guarded-fetch.js';
import { WORDPRESS_ALLOW_PRIVATE_ENV } from '../../src/shared/publish/platforms.js';
import { PublishFailure } from '../../src/workers/publish/failure.js';
import { wordpressPublisher } from '../../src/workers/publish/wordpress/index.js';
import { testPublishContext } from './context.js';
import { startWordPressFake, wordpressToken, type WordPressFake } from './fakes/wordpress.js';

/**
 * The WordPress site address is the user's: without KINGJAM_WORDPRESS_ALLOW_PRIVATE=1
 * nothing on loopback, a private network, link-local (cloud metadata) or any
 * other non-public address is reached — written as a literal, hidden in IPv6,
 * behind a name, or behind a redirect.
 */

interface Counting {
  url: string;
  hits: number;
  close(): Promise<void>;
}

async function countingServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_q, r) => r.end('{}')): Promise<Counting> {
  const state = { hits: 0 };
  const server = http.createServer((req, res) => {
    state.hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

async function refusal(p: Promise<unknown>): Promise<AddressRefused> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AddressRefused);
  return err as AddressRefused;
}

describe('guardedFetch refuses non-public addresses', () => {
  const guarded = guardedFetch();

  it.each([
    ['loopback', 'https://127.0.0.1/wp-json/'],
    ['loopback as a number', 'https://2130706433/'],
    ['10/8', 'https://10.1.2.3/'],
    ['192.168/16', 'https://192.168.0.10/'],
    ['CGNAT', 'https://100.64.0.1/'],
    ['cloud metadata (link-local)', 'https://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', 'https://[::1]/'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/'],
    ['IPv6 unique local', 'https://[fd00::1]/'],
    ['unspecified', 'https://0.0.0.0/'],
    ['multicast', 'https://224.0.0.1/'],
  ])('%s (%s)', async (_what, url) => {
    expect((await refusal(guarded(url))).reason).toMatch(/non-public/);
  });

  it('a name that resolves to a private address, and one with a public and a private address (rebinding)', async () => {
    expect((await refusal(guardedFetch({ resolve: async () => [{ address: '10.0.0.7', family: 4 }] })('https://blog.example.com/'))).reason).toMatch(/non-public/);
    const rebinding = guardedFetch({
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    expect((await refusal(rebinding('https://rebind.example/'))).reason).toMatch(/non-public/);
    // And the real resolver: localhost is loopback.
    await refusal(guarded('https://localhost/'));
  });

  it('a name that cannot be resolved now is a network failure (retried), not a refusal', async () => {
    const offline = guardedFetch({
      resolve: () => Promise.reject(Object.assign(new Error('getaddrinfo EAI_AGAIN blog.example.com'), { code: 'EAI_AGAIN' })),
    });
    const err = await offline('https://blog.example.com/').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(AddressRefused);
  });

  it('plain http and credentials in the address', async () => {
    expect((await refusal(guarded('http://93.184.216.34/'))).reason).toMatch(/https/);
    expect((await refusal(guarded('https://user:pw@93.184.216.34/'))).reason).toMatch(/credentials/);
  });
});

describe('guardedFetch redirects are checked again', () => {
  let inner: Counting;
  let site: Counting;
  beforeAll(async () => {
    inner = await countingServer();
    site = await countingServer((req, res) => {
      const to: Record<string, string> = { '/to-private': `${inner.url}/admin`, '/to-metadata': 'http://169.254.169.254/latest/meta-data/', '/to-self': '/ok' };
      const location = to[req.url ?? ''];
      if (location) {
        res.writeHead(302, { location }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url, auth: req.headers.authorization ?? null }));
    });
  });
  afterAll(async () => {
    await inner.close();
    await site.close();
  });

  it('follows a redirect on the allowed site and refuses one to another private address, which receives nothing', async () => {
    // The allow-list form lets this one loopback origin through, as a test switch for one site would.
    const guarded = guardedFetch({ allowPrivate: [site.url] });
    const ok = await guarded(`${site.url}/to-self`, { headers: { authorization: 'Basic x' } });
    expect(await ok.json()).toEqual({ path: '/ok', auth: 'Basic x' });
    await refusal(guarded(`${site.url}/to-private`));
    await refusal(guarded(`${site.url}/to-metadata`));
    expect(inner.hits).toBe(0);
  });
});

describe('the WordPress publisher behind the guard', () => {
  let wp: WordPressFake;
  beforeAll(async () => {
    wp = await startWordPressFake();
  });
  afterAll(async () => {
    await wp.close();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const ctxFor = (site: string) => testPublishContext({ baseUrl: 'x', token: wordpressToken(site, wp.username, wp.appPassword) });

  it('without the switch, a site on loopback is refused as disconnected (not retried) and the site gets no request', async () => {
    vi.stubEnv(WORDPRESS_ALLOW_PRIVATE_ENV, '');
    const httpsLoopback = wp.url.replace('http://', 'https://');
    for (const site of [wp.url, httpsLoopback, `https://[::ffff:127.0.0.1]:${new URL(wp.url).port}`]) {
      const err = await wordpressPublisher.targets(ctxFor(site)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, site).toBeInstanceOf(PublishFailure);
      expect((err as PublishFailure).failure).toBe('disconnected');
      expect((err as PublishFailure).key).toBe('publish.rest.wordpress.siteNotPublic');
    }
    expect(wp.log).toEqual([]);
  });

  it('with KINGJAM_WORDPRESS_ALLOW_PRIVATE=1 (tests) the same site is reached', async () => {
    vi.stubEnv(WORDPRESS_ALLOW_PRIVATE_ENV, '1');
    expect(await wordpressPublisher.targets(ctxFor(wp.url))).toHaveLength(1);
  });
});
