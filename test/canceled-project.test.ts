import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../src/main/studio.js';
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
});
