import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors.js';
import type { Project, ProjectKind } from '../../shared/generate/projects.js';
import { isFinished, type JobProgressEvent, type JobView } from '../../shared/jobs/model.js';
import { api, errorInfoOf } from '../api/index.js';
import { t } from '../i18n/index.js';
import { useNavigationStore, type GeneratorPage } from './navigationStore.js';
import { toastSuccess } from './toastStore.js';

/** A running job's latest progress, and the article so far while a blog post is written. */
export interface JobLive {
  progress: number;
  message: string | null;
  preview: string | null;
}

export const PAGE_OF_KIND: Record<ProjectKind, GeneratorPage> = { blog: 'blog', social: 'social', video: 'director' };

interface GenerateState {
  projects: Record<string, Project>;
  /** Each kind's projects, newest first (ids), once loaded. */
  lists: Partial<Record<ProjectKind, string[]>>;
  listErrors: Partial<Record<ProjectKind, ErrorInfo>>;
  /** The project each page shows. */
  selected: Partial<Record<ProjectKind, string>>;
  live: Record<string, JobLive>;
  loadList(kind: ProjectKind): Promise<void>;
  select(kind: ProjectKind, id: string | null): void;
  /** A project a call returned or an event brought. */
  received(project: Project): void;
  projectUpdated(id: string): void;
  progress(event: JobProgressEvent): void;
  jobUpdated(job: JobView): void;
  /** Catches up after the event connection was lost. */
  resync(): Promise<void>;
}

const BUSY = new Set<Project['status']>(['working', 'rendering', 'composing']);

/** The job ids a project's page follows: its own jobs and its scenes'. */
function jobIdsOf(project: Project): string[] {
  const ids = [...project.jobIds];
  if (project.kind === 'video') for (const s of project.scenes) if (s.jobId) ids.push(s.jobId);
  return ids;
}

function finishToast(previous: Project | undefined, next: Project): void {
  if (!previous || !BUSY.has(previous.status) || previous.status === next.status) return;
  const page = PAGE_OF_KIND[next.kind];
  if (useNavigationStore.getState().page === page) return;
  const body = t('gen.toast.body', { page: t(`nav.${page}`) });
  if (next.status === 'ready') {
    const key = next.kind === 'blog' ? 'gen.toast.blog' : next.kind === 'social' ? 'gen.toast.social' : 'gen.toast.video';
    toastSuccess(t(key, { title: next.title }), body);
  } else if (next.status === 'scripted' && previous.status === 'working') {
    toastSuccess(t('gen.toast.script', { title: next.title }), body);
  }
}

export const useGenerateStore = create<GenerateState>((set, get) => {
  /** Project fetches in flight; true when another update arrived meanwhile. */
  const inflight = new Map<string, boolean>();

  async function fetchProject(id: string): Promise<void> {
    if (inflight.has(id)) {
      inflight.set(id, true);
      return;
    }
    inflight.set(id, false);
    try {
      get().received(await api().call('projects.get', { id }));
    } catch {
      // Gone, or the connection dropped: the next event or a resync brings it.
    }
    const again = inflight.get(id) === true;
    inflight.delete(id);
    if (again) await fetchProject(id);
  }

  return {
    projects: {},
    lists: {},
    listErrors: {},
    selected: {},
    live: {},

    async loadList(kind) {
      try {
        const items = await api().call('projects.list', { kind, limit: 50 });
        const projects = { ...get().projects };
        for (const p of items) {
          const known = projects[p.id];
          if (!known || known.updatedAt <= p.updatedAt) projects[p.id] = p;
        }
        const listErrors = { ...get().listErrors };
        delete listErrors[kind];
        set({ projects, lists: { ...get().lists, [kind]: items.map((p) => p.id) }, listErrors });
      } catch (err) {
        set({ listErrors: { ...get().listErrors, [kind]: errorInfoOf(err) } });
      }
    },

    select(kind, id) {
      const selected = { ...get().selected };
      if (id) selected[kind] = id;
      else delete selected[kind];
      set({ selected });
    },

    received(project) {
      const previous = get().projects[project.id];
      if (previous && previous.updatedAt > project.updatedAt) return;
      const list = get().lists[project.kind];
      const lists = list && !list.includes(project.id) ? { ...get().lists, [project.kind]: [project.id, ...list] } : get().lists;
      set({ projects: { ...get().projects, [project.id]: project }, lists });
      finishToast(previous, project);
    },

    projectUpdated(id) {
      void fetchProject(id);
    },

    progress(event) {
      const known = event.preview !== undefined || Object.values(get().projects).some((p) => jobIdsOf(p).includes(event.id));
      if (!known) return;
      const previous = get().live[event.id];
      set({
        live: {
          ...get().live,
          [event.id]: { progress: event.progress, message: event.message, preview: event.preview ?? previous?.preview ?? null },
        },
      });
    },

    jobUpdated(job) {
      if (!job.projectId) return;
      if (isFinished(job.status)) {
        if (get().live[job.id]) {
          const live = { ...get().live };
          delete live[job.id];
          set({ live });
        }
      } else if (!get().live[job.id]) {
        set({ live: { ...get().live, [job.id]: { progress: job.progress, message: job.progressMessage, preview: null } } });
      }
      // The project's own event follows; fetch in case this one came first (e.g. a compose job just queued).
      if (get().projects[job.projectId]) void fetchProject(job.projectId);
    },

    async resync() {
      const kinds = Object.keys(get().lists) as ProjectKind[];
      await Promise.all(kinds.map((kind) => get().loadList(kind)));
      const selected = Object.values(get().selected);
      await Promise.all(selected.map((id) => fetchProject(id)));
    },
  };
});

/** The live state of a project's main job (the article or captions being written, the script, the compose). */
export function liveOf(project: Project, live: Record<string, JobLive>): JobLive | null {
  for (let i = project.jobIds.length - 1; i >= 0; i -= 1) {
    const entry = live[project.jobIds[i]!];
    if (entry) return entry;
  }
  return null;
}
