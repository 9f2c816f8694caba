import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../src/main/studio.js';
import type { VideoProject } from '../src/shared/generate/projects.js';
import { FAST_JOBS, openTestStudio, tempHome, until } from './helpers/studio.js';

/** A generation whose job the user cancels shows as canceled — its own status — not as failed. */
describe('a canceled generation', () => {
  let studio: Studio;
  beforeAll(() => {
    studio = openTestStudio(tempHome(), FAST_JOBS, false); // jobs wait in the queue until canceled
  });
  afterAll(async () => {
    await studio.close();
  });

  it('marks a blog, a social post and a video script canceled with the CANCELED code', async () => {
    const started = [
      await studio.generate.blog({ topic: 'Taipei cafés', cover: 'none' }),
      await studio.generate.social({ topic: 'Taipei cafés', platform: 'threads', imageQuality: 'none' }),
      await studio.generate.video({ topic: 'Taipei cafés' }),
    ];
    for (const p of started) {
      expect(p.status).toBe('working');
      const canceled = await studio.jobs.cancel(p.jobIds[0]!);
      expect(canceled.status).toBe('canceled');
      const after = await until(() => (studio.generate.get(p.id).status === 'working' ? null : studio.generate.get(p.id)), 'the project to settle');
      expect(after).toMatchObject({ status: 'canceled', error: { code: 'CANCELED' } });
    }
    expect(studio.generate.list().map((p) => p.status)).toEqual(['canceled', 'canceled', 'canceled']);
  });

  it('ends a Director render whose last scene was canceled as canceled once the others are done; that scene renders again', async () => {
    process.env.KINGJAM_VIDEO_ENCODER = 'libx264';
    studio.jobs.start();
    const started = await studio.generate.video({ topic: '春節團圓', sceneCount: 3, targetSeconds: 10, height: 320, quality: 'draft' });
    await until(() => studio.generate.get(started.id).status === 'scripted', 'the script', 60_000);
    const rendering = await studio.generate.render(started.id);
    const lastScene = (rendering as VideoProject).scenes[2]!.jobId!;
    expect((await studio.jobs.cancel(lastScene)).status).toBe('canceled');
    const ended = await until(() => {
      const p = studio.generate.get(started.id) as VideoProject;
      return p.status === 'rendering' ? null : p;
    }, 'the other scenes to finish', 90_000);
    expect(ended).toMatchObject({ status: 'canceled', error: { code: 'CANCELED' } });
    expect(ended.scenes.map((x) => x.status)).toEqual(['ready', 'ready', 'pending']);
    // Rendering again renders only the canceled scene, then composes.
    await studio.generate.render(started.id);
    const done = await until(() => {
      const p = studio.generate.get(started.id) as VideoProject;
      return p.status === 'ready' && p.output ? p : null;
    }, 'the video', 90_000);
    expect(done.scenes.map((x) => x.status)).toEqual(['ready', 'ready', 'ready']);
  });
});
