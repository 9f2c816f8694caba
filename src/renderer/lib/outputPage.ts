import type { JobView } from '../../shared/jobs/model.js';
import type { PageId } from '../stores/navigationStore.js';

/** The page where the work a job belongs to is shown (a generated item's "open project"), or null where there is none. */
export function projectPageOf(job: Pick<JobView, 'kind' | 'projectId'>): PageId | null {
  const [area] = job.kind.split('.');
  if (job.kind === 'generate.blog') return 'blog';
  if (job.kind === 'generate.social') return 'social';
  if (area === 'director' || (job.kind === 'media.compose' && job.projectId !== null)) return 'director';
  if (job.kind === 'media.compose' || job.kind === 'media.motion') return 'video';
  if (area === 'photo') return 'photo';
  if (area === 'ink') return 'ink';
  if (area === 'character') return 'characters';
  return null;
}
