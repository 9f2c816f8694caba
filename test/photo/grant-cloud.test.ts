import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/shared/errors.js';
import { GRANT_HEADER, grantDay, grantResetsAt } from '../../src/shared/gen-grant.js';
import { PHOTO_LINES, photoEstimate } from '../../src/shared/photo/estimate.js';
import { photoGrantOf } from '../../src/shared/photo/grant.js';
import { photoJobKinds } from '../../src/shared/photo/jobs.js';
import { CLOUD_GEN_SECRETS } from '../../src/shared/providers.js';
import { makeVariantOnline, type OnlineVariantInput } from '../../src/workers/photo/online/variant.js';
import { TestCloud } from '../helpers/cloud.js';
import { PLATFORM_KEY, startGeminiUpstream } from '../helpers/gemini-upstream.js';
import type { FakeServer } from '../providers/fake-server.js';
import { startReplicateFake, type ReplicateFake } from '../providers/replicate-fake.js';
import { meanColour, near, photoContext, swatch } from './online-support.js';

/**
 * The free tier on KingJam Cloud through a real cloud-sync gateway: the photo
 * job's `grant` goes out as the gateway's grant header from the real cloud
 * provider, the variant is made, and the wallet is not touched; a second free
 * variant the same day is refused with the day it comes back.
 */
describe('the free daily photo through a real cloud-sync gateway', () => {
  let replicate: ReplicateFake;
  let gemini: FakeServer;
  let cloud: TestCloud;
  let secrets: Record<string, string>;

  beforeAll(async () => {
    replicate = await startReplicateFake();
    gemini = await startGeminiUpstream();
    cloud = await (await new TestCloud({ gateway: { replicateApiToken: replicate.token, replicateBaseUrl: replicate.baseUrl, geminiApiKey: PLATFORM_KEY, geminiBaseUrl: gemini.url } }).start()).withUser(500);
    const login = (await (await fetch(`${cloud.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: cloud.email, password: cloud.password }) })).json()) as { access_token: string };
    const minted = (await (await fetch(`${cloud.url}/v1/gen/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.access_token}` }, body: JSON.stringify({ purpose: 'image' }) })).json()) as { token: string };
    secrets = { [CLOUD_GEN_SECRETS.url]: cloud.url, [CLOUD_GEN_SECRETS.token]: minted.token };
    const png = await swatch(96, 64, [10, 200, 10]);
    replicate.outcomes = [{ status: 'succeeded', afterPolls: 1 }];
    replicate.outputFor = (p) => {
      replicate.files.set(`/files/${p.id}.png`, { type: 'image/png', body: png });
      return [`${replicate.server.url}/files/${p.id}.png`];
    };
  });
  afterAll(async () => {
    await cloud.stop();
    await replicate.close();
    await gemini.close();
  });

  const input = async (seed: number, grant: boolean): Promise<OnlineVariantInput> => ({
    task: 'fuse',
    people: [await swatch(720, 960, [30, 30, 200])],
    background: { bytes: await swatch(1200, 900, [200, 40, 40]), mimeType: 'image/png', description: 'a snowy courtyard' },
    seed,
    backend: 'seedream',
    via: 'cloud',
    ...(grant ? { grant: 'free-daily' as const } : {}),
  });

  const wallet = async () => {
    const { total, available, held } = await cloud.balance();
    return { total, available, held };
  };

  const grantRows = () => cloud.db.db.selectFrom('gen_calls').select(['id', 'grant_kind', 'status', 'held', 'credits', 'model']).where('grant_kind', 'is not', null).execute();

  it('prices the free tier on the cloud at 0 credits, paid by KingJam, and the job payload carries the grant only where it applies', () => {
    expect(photoEstimate({ task: 'fuse', backend: 'seedream', via: 'cloud', tier: 'free' })).toEqual({ total: 0, lines: [{ label: PHOTO_LINES.freeDaily, credits: 0, billing: 'credits' }] });
    expect(photoEstimate({ task: 'makeover', backend: 'gemini', via: 'cloud', tier: 'free' }).total).toBe(0);
    expect(photoEstimate({ task: 'fuse', backend: 'gemini', via: 'cloud', tier: 'paid' }).total).toBeGreaterThan(0);
    const payload = photoJobKinds['photo.fuse'].payload.parse({
      people: [{ path: '/p/1.png', face: { box: { x: 1, y: 1, width: 90, height: 90 }, confidence: 0.9 } }],
      background: { image: '/bg/courtyard.png' },
      backend: 'flux-kontext',
      variants: 1,
      watermark: true,
      grant: 'free-daily',
      outDir: '/out',
    });
    expect(photoGrantOf(payload)).toBe('free-daily');
    expect(photoGrantOf({ ...payload, variants: 4 })).toBeUndefined();
    expect(photoGrantOf({ ...payload, watermark: false })).toBeUndefined();
    expect(photoGrantOf({ ...payload, via: 'own-key' })).toBeUndefined();
    expect(photoGrantOf({ ...payload, backend: 'comfyui' })).toBeUndefined();
  });

  it('sends the grant header with the free variant: the image is made and the wallet is unchanged; a second one today is refused with its reset day', async () => {
    const before = await wallet();
    const made = await makeVariantOnline(await input(1001, true), photoContext(secrets));
    expect(made.provider).toBe('cloud');
    expect(near(await meanColour(made.bytes), [10, 200, 10])).toBe(true);
    expect(await wallet()).toEqual(before);
    // The gateway saw the header: the call is recorded as the grant, nothing held or charged.
    expect(await grantRows()).toEqual([expect.objectContaining({ grant_kind: 'photo-free-daily', status: 'succeeded', held: 0, credits: 0, model: 'bytedance/seedream-4' })]);
    // The header is the gateway's own: it never goes on to the model's service.
    expect(replicate.creates().every((c) => c.headers[GRANT_HEADER] === undefined)).toBe(true);

    const refused = await makeVariantOnline(await input(1001, true), photoContext(secrets)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(StudioError);
    const err = refused as StudioError;
    expect(err.retryable).toBe(false);
    expect(err.key).toBe('photo.grant.used');
    expect(err.params).toEqual({ date: grantDay(grantResetsAt(Date.now())) });
    expect(replicate.creates()).toHaveLength(1);
    expect(await wallet()).toEqual(before);

    // Without the grant the same variant is a paid image, charged as any other.
    await makeVariantOnline(await input(1002, false), photoContext(secrets));
    expect(before.available - (await wallet()).available).toBe(photoEstimate({ task: 'fuse', backend: 'seedream', via: 'cloud', tier: 'paid' }).total / 4);
    expect(await grantRows()).toHaveLength(1);
  });
});
