import type { Migration } from './migration.js';

/**
 * Indexes that hold only the rows their queries look for; version 21.
 * Every index a write touches is one more page in that commit's WAL frames:
 * the outbox's posts carried every row in their job, group and retry
 * indexes (null job and group ids, published and scheduled posts in the
 * retry index), and the jobs table every row in its project index. Each
 * query that uses them names a value (`job_id = ?`, `group_id = ?`,
 * `project_id = ?`) or the retry index's own condition, so SQLite still
 * picks them; publishing a post now writes six fewer index pages.
 */
export const writeIndexMigrations: Migration[] = [
  {
    version: 21,
    name: 'partial indexes for the outbox and jobs',
    sql: `
      DROP INDEX outbox_posts_job;
      CREATE INDEX outbox_posts_job ON outbox_posts (job_id) WHERE job_id IS NOT NULL;
      DROP INDEX outbox_posts_group;
      CREATE INDEX outbox_posts_group ON outbox_posts (group_id) WHERE group_id IS NOT NULL;
      DROP INDEX outbox_posts_attempt;
      CREATE INDEX outbox_posts_retry ON outbox_posts (platform, attempt_after) WHERE state = 'publishing' AND job_id IS NULL;
      DROP INDEX jobs_project;
      CREATE INDEX jobs_project ON jobs (project_id) WHERE project_id IS NOT NULL;
    `,
  },
];
