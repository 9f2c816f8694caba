import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoEstimate } from '../../src/shared/photo/estimate.js';
import { CLOUD_GEN_SECRETS } from '../../src/shared/providers.js';
import { animateOnline } from '../../src/workers/photo/online/animate.js';
import { makeVariantOnline } from '../../src/workers/photo/online/variant.js';
import { repairPhoto } from '../../src/workers/photo/repair-job.js';
import { TestCloud } from '../helpers/cloud.js';
import { PLATFORM_KEY, startGeminiUpstream } from '../helpers/gemini-upstream.js';
import type { FakeServer } from '../providers/fake-server.js';
import { startReplicateFake, type ReplicateFake } from '../providers/replicate-fake.js';
import { photoContext, swatch } from './online-support.js';

/**
 * The photo studio's online calls on KingJam Cloud: a real cloud-sync whose
 * gateway forwards to loopback Gemini and Replicate fakes. The gateway allows
 * the photo models and charges exactly what the photo estimate said.
 */
describe('photo on KingJam Cloud', () => {
  let replicate: ReplicateFake;
  let gemini: FakeServer;
  let cloud: TestCloud;
  let secrets: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    replicate = await startReplicateFake();
    gemini = await startGeminiUpstream();
    cloud = await (await new TestCloud({ gateway: { replicateApiToken: replicate.token, replicateBaseUrl: replicate.baseUrl, geminiApiKey: PLATFORM_KEY, geminiBaseUrl: gemini.url } }).start()).withUser(500);
    const login = (await (await fetch(`${cloud.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: cloud.email, password: cloud.password }) })).json()) as { access_token: string };
    const minted = (await (await fetch(`${cloud.url}/v1/gen/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.access_token}` }, body: JSON.stringify({ purpose: 'image' }) })).json()) as { token: string };
    secrets = { [CLOUD_GEN_SECRETS.url]: cloud.url, [CLOUD_GEN_SECRETS.token]: minted.token };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-photo-cloud-'));
    const png = await swatch(96, 64, [10, 200, 10]);
    replicate.outcomes = [{ status: 'succeeded', afterPolls: 0 }];
    replicate.outputFor = (p) => {
      replicate.files.set(`/files/${p.id}.png`, { type: 'image/png', body: png });
      const url = `${replicate.server.url}/files/${p.id}.png`;
      return p.model === 'bytedance/seedream-4' ? [url] : url;
    };
  });
  afterAll(async () => {
    await cloud.stop();
    await replicate.close();
    await gemini.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function spent(run: () => Promise<unknown>): Promise<number> {
    const before = await cloud.balance();
    await run();
    const after = await cloud.balance();
    expect(after.held).toBe(0);
    return before.available - after.available;
  }

  const background = async (): Promise<{ bytes: Buffer; mimeType: string; description: string }> => ({ bytes: await swatch(1200, 900, [200, 40, 40]), mimeType: 'image/png', description: 'a snowy courtyard' });

  it('makes a Seedream variant and a Gemini variant through the gateway, each charged one variant of the estimate', async () => {
    const people = [await swatch(720, 960, [30, 30, 200])];
    const bg = await background();
    const perVariant = photoEstimate({ task: 'fuse', backend: 'seedream', via: 'cloud', tier: 'free' }).total;
    const seedream = await spent(() => makeVariantOnline({ task: 'fuse', people, background: bg, seed: 1001, backend: 'seedream', via: 'cloud' }, photoContext(secrets)));
    expect(seedream).toBe(perVariant);
    expect((replicate.creates()[0]!.json as { input: { seed: number; image_input: string[] } }).input).toMatchObject({ seed: 1001, image_input: [expect.stringMatching(/^data:image\/jpeg;base64,/), expect.stringMatching(/^data:image\/jpeg;base64,/)] });

    const geminiPrice = photoEstimate({ task: 'fuse', backend: 'gemini', via: 'cloud', tier: 'free' }).total;
    let provider = '';
    const cost = await spent(async () => {
      provider = (await makeVariantOnline({ task: 'fuse', people, background: bg, seed: 1002, backend: 'gemini', via: 'cloud' }, photoContext(secrets))).provider;
    });
    expect(provider).toBe('cloud');
    expect(cost).toBe(geminiPrice);
    const sent = gemini.seen.find((s) => s.path.includes('-image:generateContent'))!;
    expect(sent.headers['x-goog-api-key']).toBe(PLATFORM_KEY);
    expect(sent.json).toMatchObject({ generationConfig: { seed: 1002 } });
  });

  it('animates with Veo through the gateway’s Gemini mount: the still as the image, minimal motion asked, one 8 s clip charged', async () => {
    const image = path.join(dir, 'chosen.png');
    fs.writeFileSync(image, await swatch(720, 1280, [40, 40, 120]));
    const out = path.join(dir, 'veo.mp4');
    let clip: Awaited<ReturnType<typeof animateOnline>> | undefined;
    const cost = await spent(async () => {
      clip = await animateOnline({ image, effect: 'lanterns', seconds: 5, backend: 'veo', via: 'cloud', out }, photoContext(secrets));
    });
    expect(cost).toBe(photoEstimate({ task: 'motion', backend: 'veo', via: 'cloud', seconds: 5 }).total);
    expect(clip).toMatchObject({ path: out, provider: 'cloud', model: 'veo-3.1-fast-generate-preview', width: 180, height: 320 });
    expect(clip!.durationSec).toBeCloseTo(8, 0);
    const sent = gemini.seen.find((s) => s.path.includes(':predictLongRunning'))!.json as { instances: { prompt: string; image?: { bytesBase64Encoded?: string } }[]; parameters: Record<string, unknown> };
    expect(sent.instances[0]!.prompt).toMatch(/people stay completely still/);
    expect(sent.instances[0]!.image?.bytesBase64Encoded).toBeTruthy();
    expect(sent.parameters).toMatchObject({ aspectRatio: '9:16', durationSeconds: 8 });
  });

  it('repairs with CodeFormer (a pinned version) through the gateway for the repair price', async () => {
    const photo = path.join(dir, 'old.png');
    fs.writeFileSync(photo, await swatch(640, 480, [120, 100, 80]));
    const out = path.join(dir, 'repaired.png');
    const cost = await spent(() => repairPhoto({ photo, backend: 'replicate', via: 'cloud', out }, photoContext(secrets)));
    expect(cost).toBe(photoEstimate({ task: 'repair', backend: 'replicate', via: 'cloud' }).total);
    expect(replicate.creates().at(-1)?.path).toBe('/v1/predictions');
    expect((await sharp(out).metadata()).format).toBe('png');
  });
});
