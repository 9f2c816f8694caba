import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors.js';
import type { StyleProfileView, StyleScoreView } from '../../shared/style/profile.js';
import { api, errorInfoOf } from '../api/index.js';

/**
 * The Style-Locker's data: every profile (kept live by `style.updated`), the
 * one the page shows, and that one's scored images.
 */
interface StyleState {
  styles: StyleProfileView[] | null;
  selected: string | null;
  scores: StyleScoreView[];
  error: ErrorInfo | null;
  load(): Promise<void>;
  select(id: string | null): Promise<void>;
  /** Called on 'style.updated': the list and, for the shown style, its scores. */
  changed(id: string): void;
  /** Runs a call that answers with a profile and puts the answer in the list; errors are kept for the page. */
  act(run: () => Promise<StyleProfileView | unknown>): Promise<boolean>;
}

export const useStyleStore = create<StyleState>((set, get) => ({
  styles: null,
  selected: null,
  scores: [],
  error: null,

  async load() {
    try {
      set({ styles: await api().call('style.list', {}), error: null });
    } catch (err) {
      set({ error: errorInfoOf(err) });
    }
  },

  async select(id) {
    set({ selected: id, scores: [] });
    if (!id) return;
    try {
      set({ scores: await api().call('style.scores', { id, limit: 50 }) });
    } catch (err) {
      set({ error: errorInfoOf(err) });
    }
  },

  changed(id) {
    void get().load();
    if (get().selected === id) void get().select(id);
  },

  async act(run) {
    set({ error: null });
    try {
      const out = await run();
      if (out && typeof out === 'object' && 'id' in out && 'features' in out) {
        const profile = out as StyleProfileView;
        const list = get().styles ?? [];
        set({ styles: [profile, ...list.filter((s) => s.id !== profile.id)] });
      }
      return true;
    } catch (err) {
      set({ error: errorInfoOf(err) });
      return false;
    }
  },
}));
