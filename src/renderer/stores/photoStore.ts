import { create } from 'zustand';
import type { PhotoFreeToday, PhotoPresetView, PhotoRunView, PhotoUploadView } from '../../shared/api/photo-contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { CheckPurpose } from '../../shared/photo/check.js';
import type { BackgroundPreset } from '../../shared/photo/presets.js';
import { api, errorInfoOf } from '../api/index.js';

/**
 * The photo studio's data: the bundled backgrounds, the uploads this session
 * made (each with its check and deletion countdown), the runs of the tools
 * kept live by `photo.run.updated` / `photo.upload.updated`, and today's free
 * allowance.
 */
interface PhotoState {
  presets: PhotoPresetView[] | null;
  /** The backgrounds' previews (data: URLs) once main has drawn them; colour swatches until then. */
  presetThumbs: Partial<Record<BackgroundPreset, string>>;
  uploads: Record<string, PhotoUploadView>;
  runs: Record<string, PhotoRunView>;
  /** Newest first. */
  runOrder: string[];
  free: PhotoFreeToday | null;
  error: ErrorInfo | null;
  load(): Promise<void>;
  refreshFree(): Promise<void>;
  /** Stages a picked or dropped file, uploads it and waits for its check. */
  upload(file: File, consent: boolean, purpose: CheckPurpose): Promise<PhotoUploadView>;
  /** Uploads a library image (by library id) as if it were picked, and waits for its check. */
  uploadFromLibrary(libraryId: string, consent: boolean, purpose: CheckPurpose): Promise<PhotoUploadView>;
  removeUpload(id: string): Promise<void>;
  uploadReceived(upload: PhotoUploadView): void;
  runReceived(run: PhotoRunView): void;
  choose(runId: string, seed: number): Promise<void>;
}

const RECENT_RUNS = 20;

export const usePhotoStore = create<PhotoState>((set, get) => ({
  presets: null,
  presetThumbs: {},
  uploads: {},
  runs: {},
  runOrder: [],
  free: null,
  error: null,

  async load() {
    set({ error: null });
    // The backgrounds and the recent runs are asked apart: without the runs, the tools still work.
    const [presets, runs] = await Promise.allSettled([api().call('photo.presets', {}), api().call('photo.runs', { limit: RECENT_RUNS })]);
    if (presets.status === 'fulfilled') set({ presets: presets.value });
    // The previews come when a worker has drawn them (the first time in a start); the picker shows swatches meanwhile.
    if (Object.keys(get().presetThumbs).length === 0) {
      void api()
        .call('photo.presetThumbs', {})
        .then((thumbs) => set({ presetThumbs: thumbs }), () => undefined);
    }
    if (runs.status === 'fulfilled') {
      const byId = { ...get().runs };
      for (const r of runs.value.items) byId[r.id] = r;
      const order = [...new Set([...get().runOrder, ...runs.value.items.map((r) => r.id)])];
      set({ runs: byId, runOrder: order.sort((a, b) => (byId[b]?.createdAt ?? 0) - (byId[a]?.createdAt ?? 0)) });
    }
    const failed = [presets, runs].find((r) => r.status === 'rejected');
    if (failed) set({ error: errorInfoOf(failed.reason) });
    await get().refreshFree();
  },

  async refreshFree() {
    try {
      set({ free: await api().call('photo.freeToday', {}) });
    } catch {
      // The count is a courtesy; a run on the free tier is checked by main anyway.
    }
  },

  async upload(file, consent, purpose) {
    const path = await api().stageFile(file);
    const view = await api().call('photo.upload', { path, consent, purpose });
    get().uploadReceived(view);
    return view;
  },

  async uploadFromLibrary(libraryId, consent, purpose) {
    const view = await api().call('photo.uploadFromLibrary', { libraryId, consent, purpose });
    get().uploadReceived(view);
    return view;
  },

  async removeUpload(id) {
    get().uploadReceived(await api().call('photo.deleteUpload', { id }));
  },

  uploadReceived(upload) {
    set({ uploads: { ...get().uploads, [upload.id]: upload } });
  },

  runReceived(run) {
    const { runs, runOrder } = get();
    set({ runs: { ...runs, [run.id]: run }, runOrder: runOrder.includes(run.id) ? runOrder : [run.id, ...runOrder] });
    // A run that finished on the free tier used today's allowance.
    if (run.tier === 'free' && run.status !== 'queued' && run.status !== 'running') void get().refreshFree();
  },

  async choose(runId, seed) {
    get().runReceived(await api().call('photo.choose', { id: runId, seed }));
  },
}));
