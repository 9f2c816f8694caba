import type { Project } from '../../../shared/generate/projects.js';
import { useT } from '../../i18n/index.js';

const BADGE_CLASS: Record<Project['status'], string> = {
  working: 'badge--running',
  rendering: 'badge--running',
  composing: 'badge--running',
  scripted: 'badge--queued',
  ready: 'badge--succeeded',
  failed: 'badge--failed',
  canceled: 'badge--canceled',
};

/** A project's state as a badge. */
export function ProjectStatus({ status }: { status: Project['status'] }) {
  const t = useT();
  return (
    <span className={`badge ${BADGE_CLASS[status]}`} data-testid="project-status" data-status={status}>
      {t(`gen.status.${status}`)}
    </span>
  );
}
