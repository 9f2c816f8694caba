import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors.js';
import type { JobProgressEvent, JobStatus, JobView } from '../../shared/jobs/model.js';
import { api, errorInfoOf } from '../api/index.js';

export const HISTORY_PAGE_SIZE = 50;

interface HistoryState {
  status: JobStatus | null;
  items: JobView[];
  nextBefore: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: ErrorInfo | null;
  /** Job ids with a retry or cancel in flight. */
  busy: Record<string, boolean>;
  load(): Promise<void>;
  setStatus(status: JobStatus | null): void;
  loadMore(): Promise<void>;
  retry(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
  jobUpdated(job: JobView): void;
  progress(event: JobProgressEvent): void;
}

export const useHistoryStore = create<HistoryState>((set, get) => {
  let generation = 0;

  async function act(id: string, action: 'jobs.retry' | 'jobs.cancel'): Promise<void> {
    set({ busy: { ...get().busy, [id]: true } });
    try {
      const job = await api().call(action, { id });
      get().jobUpdated(job);
    } finally {
      const { [id]: _done, ...rest } = get().busy;
      set({ busy: rest });
    }
  }

  return {
    status: null,
    items: [],
    nextBefore: null,
    loading: false,
    loadingMore: false,
    error: null,
    busy: {},

    async load() {
      const ticket = ++generation;
      const { status } = get();
      set({ loading: true, error: null });
      try {
        const page = await api().call('jobs.list', { limit: HISTORY_PAGE_SIZE, ...(status ? { status } : {}) });
        if (ticket === generation) set({ items: page.items, nextBefore: page.nextBefore, loading: false });
      } catch (err) {
        if (ticket === generation) set({ loading: false, error: errorInfoOf(err) });
      }
    },

    setStatus(status) {
      set({ status, items: [], nextBefore: null });
      void get().load();
    },

    async loadMore() {
      const { nextBefore, status, loadingMore } = get();
      if (!nextBefore || loadingMore) return;
      const ticket = generation;
      set({ loadingMore: true });
      try {
        const page = await api().call('jobs.list', {
          limit: HISTORY_PAGE_SIZE,
          before: nextBefore,
          ...(status ? { status } : {}),
        });
        if (ticket !== generation) return;
        const known = new Set(get().items.map((j) => j.id));
        set({
          items: [...get().items, ...page.items.filter((j) => !known.has(j.id))],
          nextBefore: page.nextBefore,
          loadingMore: false,
        });
      } catch (err) {
        if (ticket === generation) set({ loadingMore: false, error: errorInfoOf(err) });
      }
    },

    retry: (id) => act(id, 'jobs.retry'),
    cancel: (id) => act(id, 'jobs.cancel'),

    jobUpdated(job) {
      const { items, status } = get();
      const index = items.findIndex((j) => j.id === job.id);
      if (index >= 0) {
        const next = items.slice();
        next[index] = job;
        set({ items: next });
        return;
      }
      // A new job: show it on top when it belongs to the filter.
      const newest = items[0];
      if ((status === null || status === job.status) && (!newest || job.createdAt >= newest.createdAt)) {
        set({ items: [job, ...items] });
      }
    },

    progress(event) {
      const items = get().items;
      const index = items.findIndex((j) => j.id === event.id);
      const job = items[index];
      if (!job) return;
      const next = items.slice();
      next[index] = { ...job, progress: event.progress, progressMessage: event.message };
      set({ items: next });
    },
  };
});
