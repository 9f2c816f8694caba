import { create } from 'zustand';
import type { InkRunView } from '../../shared/api/ink-contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { InkOptionsInput } from '../../shared/ink/options.js';
import type { AssetView } from '../../shared/library.js';
import { api, errorInfoOf } from '../api/index.js';

/**
 * The 2D studio page's state: the library's pictures to pick a sketch from,
 * the runs (kept fresh by `ink.updated`), and the one shown.
 */
interface InkState {
  images: AssetView[];
  runs: InkRunView[];
  selected: string | null;
  uploading: boolean;
  error: ErrorInfo | null;
  load(): Promise<void>;
  /** Stages a file, imports it into the library, and returns its asset id once the library has it. */
  upload(file: File): Promise<string | null>;
  run(assetId: string, options: InkOptionsInput): Promise<void>;
  psd(id: string, paper: 'white' | 'sketch'): Promise<void>;
  select(id: string): void;
  updated(id: string): Promise<void>;
}

export const useInkStore = create<InkState>((set, get) => ({
  images: [],
  runs: [],
  selected: null,
  uploading: false,
  error: null,
  async load() {
    const [page, runs] = await Promise.all([api().call('library.list', { kind: 'image', limit: 60 }), api().call('ink.runs', {})]);
    set({ images: page.items, runs, selected: get().selected ?? runs[0]?.id ?? null });
  },
  async upload(file) {
    set({ uploading: true, error: null });
    try {
      const staged = await api().stageFile(file);
      const [outcome] = await api().call('library.import', { paths: [staged] });
      if (!outcome?.assetId) {
        set({ error: outcome?.error ?? { code: 'INVALID_MEDIA', message: '' } });
        return null;
      }
      const page = await api().call('library.list', { kind: 'image', limit: 60 });
      set({ images: page.items });
      return outcome.assetId;
    } catch (err) {
      set({ error: errorInfoOf(err) });
      return null;
    } finally {
      set({ uploading: false });
    }
  },
  async run(assetId, options) {
    set({ error: null });
    try {
      const run = await api().call('ink.run', { assetId, options });
      set({ runs: [run, ...get().runs.filter((r) => r.id !== run.id)], selected: run.id });
    } catch (err) {
      set({ error: errorInfoOf(err) });
    }
  },
  async psd(id, paper) {
    set({ error: null });
    try {
      const run = await api().call('ink.psd', { id, paper });
      set({ runs: get().runs.map((r) => (r.id === run.id ? run : r)) });
    } catch (err) {
      set({ error: errorInfoOf(err) });
    }
  },
  select(id) {
    set({ selected: id });
  },
  async updated(id) {
    const run = await api().call('ink.get', { id });
    const known = get().runs.some((r) => r.id === id);
    set({ runs: known ? get().runs.map((r) => (r.id === id ? run : r)) : [run, ...get().runs] });
  },
}));
