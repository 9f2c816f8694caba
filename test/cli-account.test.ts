import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCloud } from './helpers/cloud.js';
import { PLATFORM_KEY, startGeminiUpstream } from './helpers/gemini-upstream.js';
import { kingjamProcess } from './helpers/cli.js';
import { tempHome } from './helpers/studio.js';
import type { FakeServer } from './providers/fake-server.js';


const kingjam = (env: NodeJS.ProcessEnv, args: string[], stdin = '') => kingjamProcess(env, args, stdin, 180_000);

/** A headless render box: signs in from the command line and generates on KingJam Cloud with no key of its own. */
describe('kingjam account and --provider cloud', () => {
  let upstream: FakeServer;
  let cloud: TestCloud;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    upstream = await startGeminiUpstream();
    cloud = await (await new TestCloud({ gateway: { geminiApiKey: PLATFORM_KEY, geminiBaseUrl: upstream.url } }).start()).withUser(500);
    env = { ...process.env, KINGJAM_HOME: tempHome(), KINGJAM_SECRET_KEY: randomBytes(32).toString('hex'), KINGJAM_VIDEO_ENCODER: 'libx264', KINGJAM_LANGUAGE: 'en' };
    for (const name of ['GEMINI_API_KEY', 'REPLICATE_API_TOKEN', 'KINGJAM_PASSWORD', 'KINGJAM_CLOUD_URL']) delete env[name];
  });

  afterAll(async () => {
    await cloud.stop();
    await upstream.close();
  });

  it('never takes the password from the command line, and signs in with it on stdin', async () => {
    const refused = await kingjam(env, ['account', 'login', '--cloud', cloud.url, '--email', cloud.email, '--password', cloud.password]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('never taken from the command line');

    const login = await kingjam(env, ['account', 'login', '--cloud', cloud.url, '--email', cloud.email], `${cloud.password}\n`);
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`Signed in as ${cloud.email} on ${cloud.url}.`);
    expect(login.stdout).not.toContain(cloud.password);
  });

  it('reports the signed-in user and the balance by bucket', async () => {
    const status = await kingjam(env, ['account', 'status', '--json']);
    expect(status.code).toBe(0);
    const { account, wallet } = JSON.parse(status.stdout) as { account: { signedIn: boolean; email: string; cloudUrl: string }; wallet: { balance: { total: number; buckets: Record<string, { available: number; held: number }> } } };
    expect(account).toMatchObject({ signedIn: true, email: cloud.email, cloudUrl: cloud.url });
    expect(wallet.balance.total).toBe((await cloud.balance()).total);
    expect(wallet.balance.buckets.PAID!.available + wallet.balance.buckets.PAID!.held).toBe(500);
    expect(Object.keys(wallet.balance.buckets).sort()).toEqual(['BONUS', 'PAID', 'PROMO', 'SUB']);
  });

  it('generates a blog, a social post and a Director video with --provider cloud, charged exactly what the gateway captured', async () => {
    const before = (await cloud.balance()).total;
    const unpaid = await kingjam(env, ['generate', 'blog', '--topic', 'Taipei cafés', '--language', 'en', '--provider', 'cloud']);
    expect(unpaid.code).toBe(2);
    expect(unpaid.stderr).toMatch(/Estimated cost: \d+ credits on KingJam Cloud \(article \d+, cover \d+\)/);

    const blog = await kingjam(env, ['generate', 'blog', '--topic', 'Taipei cafés', '--language', 'en', '--provider', 'cloud', '--yes', '--json']);
    expect(blog.stderr).toBe('');
    const written = JSON.parse(blog.stdout) as { project: { status: string; result: { title: string }; jobIds: string[] }; credits: number };
    expect(written.project).toMatchObject({ status: 'ready', result: { title: 'Taipei cafés' } });
    // What it printed it was charged is what the gateway captured for its job.
    expect(written.credits).toBe((await cloud.genCalls(written.project.jobIds[0]!)).reduce((sum, c) => sum + c.credits, 0));
    expect(written.credits).toBeGreaterThan(0);
    const social = await kingjam(env, ['generate', 'social', '--topic', 'Taipei cafés', '--platform', 'facebook', '--language', 'en', '--provider', 'cloud', '--yes', '--json']);
    expect(social.stderr).toBe('');
    expect((JSON.parse(social.stdout) as { project: { result: { variants: unknown[] } } }).project.result.variants).toHaveLength(3);
    const video = await kingjam(env, ['generate', 'video', '--topic', 'Lantern festival', '--language', 'en', '--provider', 'cloud', '--backend', 'imagen-ffmpeg', '--scenes', '2', '--seconds', '10', '--height', '320', '--quality', 'draft', '--yes', '--json']);
    expect(video.stderr).toBe('');
    expect(JSON.parse(video.stdout)).toMatchObject({ project: { status: 'ready' } });

    const calls = await cloud.genCalls();
    // Blog: plan, article, cover; social: captions, image; video: script, then a still and a voice-over per scene.
    expect(calls).toHaveLength(3 + 2 + 1 + 2 * 2);
    expect(calls.every((c) => c.status === 'succeeded')).toBe(true);
    expect((await cloud.balance()).total).toBe(before - calls.reduce((sum, c) => sum + c.credits, 0));
    expect(upstream.seen.every((s) => s.headers['x-goog-api-key'] === PLATFORM_KEY)).toBe(true);
  }, 300_000);

  it('signs out', async () => {
    const out = await kingjam(env, ['account', 'logout']);
    expect(out.code).toBe(0);
    const status = await kingjam(env, ['account', 'status', '--json']);
    expect((JSON.parse(status.stdout) as { account: { signedIn: boolean } }).account.signedIn).toBe(false);
    const refused = await kingjam(env, ['generate', 'blog', '--topic', 'Taipei cafés', '--provider', 'cloud', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('KingJam Cloud runs on your credits: sign in first.');
    // A headless user is told the command that signs in, not only the Account page.
    expect(refused.stderr).toContain('kingjam account login');
  });

  it('signs in with the password in KINGJAM_PASSWORD too', async () => {
    const login = await kingjam({ ...env, KINGJAM_PASSWORD: cloud.password }, ['account', 'login', '--cloud', cloud.url, '--email', cloud.email, '--json']);
    expect(login.code).toBe(0);
    expect((JSON.parse(login.stdout) as { account: { signedIn: boolean; email: string } }).account).toMatchObject({ signedIn: true, email: cloud.email });
    expect(login.stdout).not.toContain(cloud.password);
    expect((await kingjam(env, ['account', 'logout'])).code).toBe(0);
  });
});
