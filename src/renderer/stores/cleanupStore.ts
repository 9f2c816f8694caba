import { create } from 'zustand';
import type { CleanupPreview } from '../../shared/api/lifecycle-contract.js';
import { api } from '../api/index.js';
import { debounce } from '../lib/debounce.js';

interface CleanupState {
  preview: CleanupPreview | null;
  /** When each item the next cleanups will remove goes, by asset id. */
  removeAt: Record<string, number>;
  load(): Promise<void>;
  refreshSoon(): void;
  /** Stars or unstars an item, then re-reads what the cleanups will take. */
  star(id: string, starred: boolean): Promise<void>;
}

/** What the next cleanups will remove (shown on the Library before anything is deleted). */
export const useCleanupStore = create<CleanupState>((set, get) => {
  const refresh = debounce(() => void get().load(), 300);
  return {
    preview: null,
    removeAt: {},
    async load() {
      try {
        const preview = await api().call('lifecycle.preview', {});
        const removeAt: Record<string, number> = {};
        for (const plan of [preview.temp, preview.retention]) for (const item of plan.items) removeAt[item.asset.id] = item.removeAt;
        set({ preview, removeAt });
      } catch {
        // The preview is a courtesy: the Library works without it, and the next change reads it again.
      }
    },
    refreshSoon: refresh,
    async star(id, starred) {
      await api().call('library.star', { id, starred });
      await get().load();
    },
  };
});
