import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesBody } from '../../cloud-sync/test/support/boxes.js';
import type { VerifyResult } from '../../src/shared/boxes/studio.js';
import type { OpeningView, SeriesView } from '../../src/shared/boxes/wire.js';
import { kingjamProcess } from '../helpers/cli.js';
import { tempHome } from '../helpers/studio.js';
import { BoxesCloud, EdgeProxy, PASSWORD } from './harness.js';

/**
 * `kingjam boxes list | verify` (issue 18) as its own process against a real
 * cloud-sync on loopback, behind a proxy that can lie: before the reveal the
 * opening cannot be checked (exit 3), after it it is verified (exit 0), and an
 * opening whose item the proxy changed is caught (exit 1).
 */

const BUYER = 'buyer-cli@example.com';

const kingjam = (env: NodeJS.ProcessEnv, args: string[], stdin = '') => kingjamProcess(env, args, stdin, 60_000);

const cloud = new BoxesCloud();
let proxy: EdgeProxy;
let env: NodeJS.ProcessEnv;
let creatorToken = '';
let series: SeriesView;
const openings: OpeningView[] = [];

async function post<T>(route: string, body: unknown, token: string): Promise<T> {
  const res = await fetch(`${cloud.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  await cloud.start();
  proxy = await new EdgeProxy(cloud.url).start();
  creatorToken = (await cloud.user('creator-cli@example.com')).token;
  const buyer = await cloud.user(BUYER, { birthDate: '1988-08-08', paid: 500 });
  const created = await post<SeriesView>('/v1/boxes/series', seriesBody(), creatorToken);
  series = await post<SeriesView>(`/v1/boxes/series/${created.id}/open`, {}, creatorToken);
  for (const seed of ['lucky-1', 'lucky-2', 'lucky-3']) {
    openings.push(await post<OpeningView>(`/v1/boxes/series/${series.id}/openings`, { request_id: randomUUID(), client_seed: seed, notice_acknowledged: true }, buyer.token));
  }
  env = { ...process.env, KINGJAM_HOME: tempHome('kingjam-boxes-cli-'), KINGJAM_SECRET_KEY: randomBytes(32).toString('hex') };
  for (const name of ['KINGJAM_PASSWORD', 'KINGJAM_CLOUD_URL']) delete env[name];
});

afterAll(async () => {
  await proxy.stop();
  await cloud.stop();
});

describe('kingjam boxes', () => {
  it('lists my openings, refuses a bad id, and cannot verify before the seed is revealed', async () => {
    const login = await kingjam(env, ['account', 'login', '--cloud', proxy.url, '--email', BUYER], `${PASSWORD}\n`);
    expect([login.code, login.stderr]).toEqual([0, '']);

    const list = await kingjam(env, ['boxes', 'list', '--json']);
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout) as OpeningView[];
    expect(listed.map((o) => o.id).sort()).toEqual(openings.map((o) => o.id).sort());
    expect(listed.every((o) => o.server_seed === null)).toBe(true);

    // The studio's language (zh-TW by default) for people; exit 3: nothing could be checked yet.
    const sealed = await kingjam(env, ['boxes', 'verify', openings[0]!.id]);
    expect(sealed.code).toBe(3);
    expect(sealed.stdout).toContain(`開盒 ${openings[0]!.id} 還不能驗證`);
    expect(sealed.stdout).toContain(openings[0]!.commitment);

    const bad = await kingjam(env, ['boxes', 'verify', 'not-an-id', '--language', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('OPENING_ID is the id');
  }, 60_000);

  it('after the reveal, verifies an opening from the seed, and catches an item the network changed', async () => {
    await post(`/v1/boxes/series/${series.id}/close`, {}, creatorToken);
    const target = openings[1]!;
    const ok = await kingjam(env, ['boxes', 'verify', target.id, '--json']);
    expect(ok.code).toBe(0);
    const r = JSON.parse(ok.stdout) as VerifyResult;
    expect(r).toMatchObject({ status: 'verified', commitmentMatches: true, recordedItemId: target.item_id, recomputedItemId: target.item_id, clientSeed: 'lucky-2', nonce: target.nonce });
    expect(r.serverSeed).toMatch(/^[0-9a-f]{64}$/);

    // The proxy claims another item for this opening: the recomputed draw does not agree.
    const other = series.items.find((i) => i.id !== target.item_id)!;
    proxy.rewrite = { path: new RegExp(`^/v1/boxes/openings/${target.id}$`), change: (body) => ({ ...body, item_id: other.id }) };
    try {
      const lie = await kingjam(env, ['boxes', 'verify', target.id, '--language', 'en']);
      expect(lie.code).toBe(1);
      expect(lie.stdout).toContain(`✗ Opening ${target.id} does NOT check out`);
      expect(lie.stdout).toContain(`recorded item ${other.id}, recomputed item ${target.item_id}`);
    } finally {
      proxy.rewrite = null;
    }
  }, 60_000);
});
