import { create } from 'zustand';
import type { DashboardSummary } from '../../shared/api/contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { JobProgressEvent, JobView } from '../../shared/jobs/model.js';
import { api, errorInfoOf } from '../api/index.js';
import { debounce } from '../lib/debounce.js';

interface DashboardState {
  summary: DashboardSummary | null;
  loading: boolean;
  error: ErrorInfo | null;
  load(): Promise<void>;
  /** A later reload after a burst of events. */
  refreshSoon(): void;
  progress(event: JobProgressEvent): void;
  jobUpdated(job: JobView): void;
}

function patchProgress(jobs: JobView[], event: JobProgressEvent): JobView[] {
  let changed = false;
  const next = jobs.map((job) => {
    if (job.id !== event.id) return job;
    changed = true;
    return { ...job, progress: event.progress, progressMessage: event.message };
  });
  return changed ? next : jobs;
}

export const useDashboardStore = create<DashboardState>((set, get) => {
  let inFlight = 0;
  const refresh = debounce(() => void get().load(), 300);
  return {
    summary: null,
    loading: false,
    error: null,

    async load() {
      const ticket = ++inFlight;
      set({ loading: get().summary === null, error: null });
      try {
        const summary = await api().call('dashboard.summary', {});
        if (ticket === inFlight) set({ summary, loading: false });
      } catch (err) {
        if (ticket === inFlight) set({ loading: false, error: errorInfoOf(err) });
      }
    },

    refreshSoon: refresh,

    progress(event) {
      const summary = get().summary;
      if (!summary) return;
      const running = patchProgress(summary.running, event);
      const queued = patchProgress(summary.queued, event);
      if (running !== summary.running || queued !== summary.queued) set({ summary: { ...summary, running, queued } });
    },

    jobUpdated(job) {
      const summary = get().summary;
      if (summary) {
        // Move the job between the lists right away; the reload fixes counts and outputs.
        const running = summary.running.filter((j) => j.id !== job.id);
        const queued = summary.queued.filter((j) => j.id !== job.id);
        if (job.status === 'running') running.push(job);
        if (job.status === 'queued') queued.push(job);
        set({ summary: { ...summary, running, queued } });
      }
      refresh();
    },
  };
});
