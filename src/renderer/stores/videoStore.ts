import { create } from 'zustand';
import type { TimelineOverview } from '../../shared/api/contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { isFinished, type JobProgressEvent, type JobView } from '../../shared/jobs/model.js';
import type { AssetView } from '../../shared/library.js';
import type { Quality } from '../../shared/timeline.js';
import { api, errorInfoOf } from '../api/index.js';
import { t } from '../i18n/index.js';
import { debounce } from '../lib/debounce.js';
import { baseName } from '../lib/videoRender.js';
import { useNavigationStore } from './navigationStore.js';
import { toastError, toastSuccess } from './toastStore.js';

const COMPOSE_KIND = 'media.compose';

interface VideoState {
  /** What the path field holds. */
  pathInput: string;
  overview: TimelineOverview | null;
  opening: boolean;
  openError: ErrorInfo | null;
  /** The scenes' library assets, by id (their thumbnails). */
  assets: Record<string, AssetView>;
  quality: Quality;
  /** The render of the open timeline: the job as last heard of. */
  job: JobView | null;
  /** Asking main to start a render right now. */
  starting: boolean;
  /** A render that main refused to start. */
  renderError: ErrorInfo | null;
  setPathInput(path: string): void;
  setQuality(quality: Quality): void;
  open(path: string): Promise<void>;
  /** Re-reads the scenes' assets after `library.changed` (a probe finished). */
  assetsChanged(ids: string[]): void;
  render(): Promise<void>;
  cancel(): Promise<void>;
  jobUpdated(job: JobView): void;
  progress(event: JobProgressEvent): void;
  /** Catches up after the event connection was lost: the render job and the scenes' assets. */
  resync(): Promise<void>;
  /** After a reload: reopens the timeline this tab had open, with its render. */
  restore(): Promise<void>;
}

const STORAGE_KEY = 'kingjam.video';

interface Remembered {
  path: string;
  jobId: string | null;
}

function remember(value: Remembered | null): void {
  try {
    if (value) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Not remembered across reloads then.
  }
}

function remembered(): Remembered | null {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { path, jobId } = parsed as Record<string, unknown>;
    if (typeof path !== 'string' || !path) return null;
    return { path, jobId: typeof jobId === 'string' ? jobId : null };
  } catch {
    return null;
  }
}

/** Whether the Video page is showing this job right now (its outcome needs no toast then). */
export function isRenderOnScreen(job: Pick<JobView, 'id' | 'kind'>): boolean {
  if (useNavigationStore.getState().page !== 'video') return false;
  const state = useVideoStore.getState();
  // While `timeline.render` is on its way, a compose job can already have finished: it is this page's.
  return state.job?.id === job.id || (state.starting && job.kind === COMPOSE_KIND);
}

/** Compose jobs heard of before `timeline.render` answered (events can overtake the reply). */
const earlyUpdates = new Map<string, JobView>();

function sceneAssetIds(overview: TimelineOverview | null): string[] {
  if (!overview) return [];
  return [...new Set(overview.scenes.flatMap((s) => (s.assetId ? [s.assetId] : [])))];
}

/** The newer of two views of the same job (a finished one never goes back to running). */
function newer(current: JobView, next: JobView): JobView {
  if (isFinished(current.status) && !isFinished(next.status)) return current;
  return next;
}

export const useVideoStore = create<VideoState>((set, get) => {
  let openTicket = 0;
  const pendingAssets = new Set<string>();

  async function fetchAssets(ids: string[]): Promise<void> {
    const results = await Promise.all(
      ids.map((id) => api().call('library.get', { id }).catch(() => null)),
    );
    const assets = { ...get().assets };
    for (const asset of results) if (asset) assets[asset.id] = asset;
    set({ assets });
  }

  const refetchSoon = debounce(() => {
    const ids = [...pendingAssets];
    pendingAssets.clear();
    if (ids.length > 0) void fetchAssets(ids);
  }, 150);

  function announce(job: JobView): void {
    // On the Video page the result is right there; elsewhere, say so. Failures are toasted for every job already.
    if (job.status !== 'succeeded' || isRenderOnScreen(job)) return;
    const name = baseName(get().overview?.path ?? '');
    toastSuccess(t('video.toast.done', { name }), t('video.toast.doneBody'));
  }

  return {
    pathInput: '',
    overview: null,
    opening: false,
    openError: null,
    assets: {},
    quality: 'standard',
    job: null,
    starting: false,
    renderError: null,

    setPathInput(pathInput) {
      set({ pathInput });
    },

    setQuality(quality) {
      set({ quality });
    },

    async open(path) {
      const trimmed = path.trim();
      if (!trimmed) return;
      const ticket = ++openTicket;
      set({ pathInput: trimmed, opening: true, openError: null });
      try {
        const overview = await api().call('timeline.open', { path: trimmed });
        if (ticket !== openTicket) return;
        const job = get().job;
        const sameTimeline = get().overview?.path === overview.path;
        set({
          overview,
          opening: false,
          assets: {},
          quality: overview.timeline.quality,
          // A render in progress belongs to its timeline; opening another one starts afresh.
          job: sameTimeline ? job : null,
          renderError: null,
        });
        remember({ path: overview.path, jobId: get().job?.id ?? null });
        await fetchAssets(sceneAssetIds(overview));
      } catch (err) {
        if (ticket === openTicket) set({ opening: false, openError: errorInfoOf(err), overview: null, job: null });
      }
    },

    assetsChanged(ids) {
      const wanted = new Set(sceneAssetIds(get().overview));
      for (const id of ids) if (wanted.has(id)) pendingAssets.add(id);
      if (pendingAssets.size > 0) refetchSoon();
    },

    async render() {
      const { overview, quality, starting } = get();
      if (!overview || starting) return;
      set({ starting: true, renderError: null, job: null });
      try {
        const started = await api().call('timeline.render', { path: overview.path, quality });
        const early = earlyUpdates.get(started.id);
        earlyUpdates.clear();
        const job = early ? newer(started, early) : started;
        set({ job, starting: false });
        remember({ path: overview.path, jobId: job.id });
        if (isFinished(job.status)) announce(job);
      } catch (err) {
        set({ starting: false, renderError: errorInfoOf(err) });
      }
    },

    async cancel() {
      const job = get().job;
      if (!job || isFinished(job.status)) return;
      try {
        const canceled = await api().call('jobs.cancel', { id: job.id });
        get().jobUpdated(canceled);
      } catch (err) {
        toastError(errorInfoOf(err));
      }
    },

    jobUpdated(next) {
      if (next.kind !== COMPOSE_KIND) return;
      const current = get().job;
      if (!current || current.id !== next.id) {
        if (get().starting) earlyUpdates.set(next.id, next);
        return;
      }
      const job = newer(current, next);
      if (job === current) return;
      set({ job });
      if (isFinished(job.status) && !isFinished(current.status)) announce(job);
    },

    progress(event) {
      const job = get().job;
      if (!job || job.id !== event.id || isFinished(job.status)) return;
      set({ job: { ...job, status: 'running', progress: event.progress, progressMessage: event.message } });
    },

    async restore() {
      const saved = remembered();
      if (!saved || get().overview || get().opening) return;
      await get().open(saved.path);
      if (!saved.jobId || !get().overview || get().job) return;
      try {
        const job = await api().call('jobs.get', { id: saved.jobId });
        if (job.kind === COMPOSE_KIND && !get().job) {
          set({ job });
          remember({ path: saved.path, jobId: job.id });
        }
      } catch {
        // The job is gone (cleaned up): start without it.
      }
    },

    async resync() {
      const job = get().job;
      if (job && !isFinished(job.status)) {
        try {
          get().jobUpdated(await api().call('jobs.get', { id: job.id }));
        } catch {
          // The next event brings it.
        }
      }
      await fetchAssets(sceneAssetIds(get().overview));
    },
  };
});
