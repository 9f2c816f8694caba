import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import { FAST_JOBS, openTestStudio, tempHome, until } from './helpers/studio.js';

/**
 * A generation the studio refuses (no key for the provider, not signed in to
 * pay for it) answers with the reason and leaves nothing behind: no project
 * in the list, no job, no hold.
 */
describe('a refused generation', () => {
  let studio: Studio;
  const rows = () => ({
    projects: (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number }).n,
    jobs: (studio.store.sqlite.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n,
  });

  beforeAll(() => {
    // This process's environment must not supply a key either.
    delete process.env.GEMINI_API_KEY;
    const home = tempHome();
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = openTestStudio(home, FAST_JOBS, true, { secrets });
  });
  afterAll(async () => {
    await studio.close();
  });

  it('without a Gemini key: PROVIDER_NOT_CONFIGURED, and no project or job', async () => {
    await expect(studio.generate.blog({ topic: 'Taipei cafés', cover: 'none', text: { provider: 'gemini' } })).rejects.toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
      key: 'provider.notConfigured.key',
      params: { provider: 'Gemini' },
    });
    await expect(studio.generate.social({ topic: 'Taipei cafés', platform: 'instagram', imageQuality: 'standard', image: { provider: 'gemini' } })).rejects.toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
    await expect(studio.generate.video({ topic: 'Taipei cafés', text: { provider: 'gemini' } })).rejects.toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
    expect(rows()).toEqual({ projects: 0, jobs: 0 });
    expect(studio.generate.list()).toEqual([]);
  });

  it('on KingJam Cloud but not signed in: NOT_SIGNED_IN saying to sign in, and no project or job', async () => {
    // A key of the user's own does not pay for cloud work: the cloud is paid in credits.
    await studio.providers.setKey('gemini', 'test-key-0001');
    await expect(studio.generate.blog({ topic: 'Taipei cafés', cover: 'none', text: { provider: 'cloud' } })).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', key: 'choice.signIn' });
    await expect(studio.generate.video({ topic: 'Taipei cafés', text: { provider: 'cloud', model: 'gemini-pro-latest' } })).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(rows()).toEqual({ projects: 0, jobs: 0 });
  });

  it('still starts free work at once', async () => {
    const blog = await studio.generate.blog({ topic: 'Taipei cafés', cover: 'none' });
    expect(blog.status).toBe('working');
    expect(studio.generate.list().map((p) => p.id)).toEqual([blog.id]);
  });

  it('refuses to render Kling scenes without a Replicate key before any scene is queued; the video stays scripted', async () => {
    const video = await studio.generate.video({ topic: 'Taipei cafés', backend: 'kling-v2.1' }); // the script is offline and free
    await until(() => studio.generate.get(video.id).status === 'scripted', 'the script');
    const scenesBefore = rows().jobs;
    await expect(studio.generate.render(video.id)).rejects.toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
      message: expect.stringContaining('Replicate'),
      key: 'provider.notConfigured.key',
      params: { provider: 'Replicate' },
    });
    expect(studio.generate.get(video.id).status).toBe('scripted');
    expect(rows().jobs).toBe(scenesBefore);
  });

  it('renders Kling on KingJam Cloud without a Replicate key, but not before signing in', async () => {
    const video = await studio.generate.video({ topic: 'Taipei cafés', backend: 'kling-v2.1', renderVia: 'cloud' });
    await until(() => studio.generate.get(video.id).status === 'scripted', 'the script');
    const scenesBefore = rows().jobs;
    await expect(studio.generate.render(video.id)).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', key: 'choice.signIn' });
    expect(studio.generate.get(video.id).status).toBe('scripted');
    expect(rows().jobs).toBe(scenesBefore);
  });
});
