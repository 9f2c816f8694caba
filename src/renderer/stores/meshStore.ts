import { create } from 'zustand';
import type { MeshBackendOption, MeshModelSummary, MeshModelView } from '../../shared/api/mesh-contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { api, errorInfoOf } from '../api/index.js';

/**
 * The 3D builder's data: the models (newest first), the one open on the
 * page with its candidates, prepared files, packs and quotes, and the
 * backends with their prices and readiness. `mesh.updated` reloads what
 * changed.
 */
interface MeshState {
  models: MeshModelSummary[];
  openId: string | null;
  open: MeshModelView | null;
  backends: MeshBackendOption[] | null;
  error: ErrorInfo | null;
  load(): Promise<void>;
  refreshBackends(): Promise<void>;
  select(id: string | null): Promise<void>;
  received(model: MeshModelView): void;
  updated(id: string): void;
}

export const useMeshStore = create<MeshState>((set, get) => ({
  models: [],
  openId: null,
  open: null,
  backends: null,
  error: null,

  async load() {
    set({ error: null });
    try {
      set({ models: await api().call('mesh.models', { limit: 100 }) });
    } catch (err) {
      set({ error: errorInfoOf(err) });
    }
    await get().refreshBackends();
  },

  async refreshBackends() {
    try {
      set({ backends: await api().call('mesh.backends', {}) });
    } catch (err) {
      set({ error: errorInfoOf(err) });
    }
  },

  async select(id) {
    set({ openId: id, open: id === null ? null : get().open?.id === id ? get().open : null });
    if (id !== null) get().received(await api().call('mesh.model', { id }));
  },

  received(model) {
    const { models, openId } = get();
    const summary: MeshModelSummary = { ...model, candidates: model.candidates.length };
    const others = models.filter((m) => m.id !== model.id);
    set({ models: [summary, ...others].sort((a, b) => b.updatedAt - a.updatedAt), ...(openId === model.id ? { open: model } : {}) });
  },

  updated(id) {
    void api()
      .call('mesh.model', { id })
      .then((model) => get().received(model))
      .catch(() => {
        // Deleted: it leaves the list.
        set({ models: get().models.filter((m) => m.id !== id), ...(get().openId === id ? { openId: null, open: null } : {}) });
      });
  },
}));
