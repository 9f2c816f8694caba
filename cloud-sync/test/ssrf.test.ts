import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isForbiddenAddress } from '../../src/shared/net/address-policy.js';
import { OutboundRefused, safeFetch } from '../src/net/safe-fetch.js';
import type { Loopback } from './support/partners.js';
import { json, loopback } from './support/partners.js';

describe('which addresses the server may fetch for a user (issue 11 §2.4)', () => {
  it('refuses every non-public IPv4 and IPv6 address, including IPv4 hidden in IPv6', () => {
    const refused = [
      '127.0.0.1',
      '127.255.255.254',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.255',
      '224.0.0.1',
      '239.255.255.250',
      '255.255.255.255',
      '240.0.0.1',
      '192.0.2.10',
      '198.51.100.7',
      '203.0.113.9',
      '198.18.0.1',
      '192.0.0.8',
      '::',
      '::1',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'fe80::1%eth0',
      'fec0::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:a9fe:a9fe',
      '::127.0.0.1',
      '::ffff:0:127.0.0.1',
      '64:ff9b::127.0.0.1',
      '64:ff9b::a00:1',
      '64:ff9b:1::808:808',
      '2002:7f00:1::',
      '2002:c0a8:101::1',
      '2001::1',
      '2001:db8::1',
      '100::1',
      'not-an-address',
    ];
    const allowed = ['8.8.8.8', '93.184.216.34', '1.1.1.1', '100.63.255.255', '100.128.0.1', '172.32.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'];
    expect(refused.filter((a) => !isForbiddenAddress(a))).toEqual([]);
    expect(allowed.filter((a) => isForbiddenAddress(a))).toEqual([]);
  });

  it('refuses loopback written as a number, in hex or octal, or as an IPv4-mapped IPv6 literal, and a name that resolves to loopback', async () => {
    for (const url of [
      'https://2130706433/',
      'https://0x7f.1/',
      'https://0x7f000001/',
      'https://017700000001/',
      'https://127.1/',
      'https://[::ffff:127.0.0.1]/',
      'https://[::ffff:7f00:1]/',
      'https://[::1]/',
      'https://169.254.169.254/latest/meta-data/',
      'https://localhost/',
      'http://example.com/', // plain http is refused for users
      'https://user:pw@example.com/',
    ]) {
      await expect(safeFetch(url), url).rejects.toBeInstanceOf(OutboundRefused);
    }
    // A name with one public and one private address is refused as a whole (DNS rebinding).
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    await expect(safeFetch('https://rebind.example/', { resolve })).rejects.toThrow(/non-public/);
  });
});

describe('safeFetch on loopback servers (the test switch allows one origin only)', () => {
  let target: Loopback;
  let site: Loopback;
  let huge: Loopback;
  let slow: Loopback;
  beforeAll(async () => {
    target = await loopback((_req, res) => json(res, 200, { secret: 'internal' }));
    site = await loopback((req, res) => {
      const to: Record<string, string> = {
        '/to-private': `${target.base}/admin`,
        '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
        '/to-self': '/ok',
        '/loop': '/loop',
      };
      const location = to[req.path];
      if (location) {
        res.statusCode = 302;
        res.setHeader('location', location);
        res.end();
        return;
      }
      json(res, 200, { path: req.path, host: req.headers.host ?? null, auth: req.headers.authorization ?? null });
    });
    huge = await loopback((_req, res) => {
      res.end(Buffer.alloc(2 * 1024 * 1024, 0x61));
    });
    slow = await loopback(() => undefined);
  });
  afterAll(async () => {
    for (const s of [target, site, huge, slow]) await s?.close();
  });

  it('refuses a redirect from the allowed server to another private address, and sends it nothing', async () => {
    const allowPrivate = [site.base];
    const ok = await safeFetch(`${site.base}/to-self`, { allowPrivate, headers: { authorization: 'Basic x' } });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body.toString())).toMatchObject({ path: '/ok', auth: 'Basic x' });
    const before = target.requests.length;
    await expect(safeFetch(`${site.base}/to-private`, { allowPrivate, headers: { authorization: 'Basic x' } })).rejects.toBeInstanceOf(OutboundRefused);
    await expect(safeFetch(`${site.base}/to-metadata`, { allowPrivate })).rejects.toBeInstanceOf(OutboundRefused);
    expect(target.requests.length).toBe(before);
    await expect(safeFetch(`${site.base}/loop`, { allowPrivate })).rejects.toThrow(/redirects/);
    // Without the switch the allowed server itself is refused.
    await expect(safeFetch(`${site.base}/ok`)).rejects.toBeInstanceOf(OutboundRefused);
  });

  it('connects to the address it checked (one lookup), keeping the name in Host', async () => {
    const port = new URL(site.base).port;
    let lookups = 0;
    const resolve = async (host: string) => {
      lookups++;
      expect(host).toBe('wp.example.test');
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const r = await safeFetch(`http://wp.example.test:${port}/hello`, { resolve, allowPrivate: [`http://wp.example.test:${port}`] });
    expect(JSON.parse(r.body.toString())).toMatchObject({ path: '/hello', host: `wp.example.test:${port}` });
    expect(lookups).toBe(1);
  });

  it('limits the answer’s size and time', async () => {
    await expect(safeFetch(`${huge.base}/`, { allowPrivate: [huge.base], maxBytes: 1024 * 1024 })).rejects.toThrow(/larger than/);
    const t0 = Date.now();
    await expect(safeFetch(`${slow.base}/`, { allowPrivate: [slow.base], timeoutMs: 300 })).rejects.toThrow(/timed out/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
