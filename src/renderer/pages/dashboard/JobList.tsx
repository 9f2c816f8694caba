import type { JobView } from '../../../shared/jobs/model.js';
import { JobCard } from '../../components/JobCard.js';

export function JobList({ jobs, empty, testId }: { jobs: JobView[]; empty: string; testId: string }) {
  if (jobs.length === 0) {
    return (
      <p className="muted" data-testid={`${testId}-empty`}>
        {empty}
      </p>
    );
  }
  return (
    <ul className="job-list" data-testid={testId}>
      {jobs.map((job) => (
        <JobCard key={job.id} job={job} />
      ))}
    </ul>
  );
}
