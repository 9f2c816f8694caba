import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/main/store/db.js';
import { tempHome } from './helpers/studio.js';

/**
 * Migration 21: the outbox's job, group and retry indexes and the jobs' project index hold only the
 * rows their queries look for (fewer index pages per commit), and those queries still use them.
 */
describe('partial indexes of the outbox and jobs', () => {
  it('hold only rows with a value, and the outbox and project queries still search them', () => {
    const store = openStore(path.join(tempHome(), 'studio.sqlite'), { checkpointThreadAfterMs: null });
    const plan = (sql: string): string => (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM outbox_posts WHERE job_id = 'j'")).toContain('USING INDEX outbox_posts_job');
    expect(plan("UPDATE outbox_posts SET state = 'published' WHERE job_id = 'j' AND state = 'publishing'")).toContain('USING INDEX outbox_posts_job');
    expect(plan("SELECT * FROM outbox_posts WHERE group_id = 'g'")).toContain('USING INDEX outbox_posts_group');
    expect(plan("SELECT id FROM outbox_posts WHERE state = 'publishing' AND platform = 'facebook' AND job_id IS NULL AND attempt_after <= 5 ORDER BY attempt_after LIMIT 8")).toContain(
      'USING INDEX outbox_posts_retry',
    );
    expect(plan("SELECT id FROM jobs WHERE project_id = 'p' ORDER BY seq")).toContain('USING INDEX jobs_project');
    const partial = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('outbox_posts_job', 'outbox_posts_group', 'outbox_posts_retry', 'jobs_project') AND sql LIKE '% WHERE %' ORDER BY name").all();
    expect(partial).toEqual([{ name: 'jobs_project' }, { name: 'outbox_posts_group' }, { name: 'outbox_posts_job' }, { name: 'outbox_posts_retry' }]);
    store.close();
  });
});
