import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors.js';
import type { MediaKind } from '../../shared/jobs/kinds.js';
import type { AssetOrigin, AssetSort, AssetView } from '../../shared/library.js';
import { api, errorInfoOf } from '../api/index.js';
import { debounce } from '../lib/debounce.js';

export const LIBRARY_PAGE_SIZE = 48;

export interface LibraryQuery {
  kind: MediaKind | null;
  /** Imported, generated or batch items only; null: all. */
  origin: AssetOrigin | null;
  search: string;
  sort: AssetSort;
  page: number;
  /** Only starred (kept) items. */
  starred: boolean;
}

interface LibraryState {
  query: LibraryQuery;
  items: AssetView[];
  total: number;
  /** True until the first answer for the current query arrives. */
  loading: boolean;
  error: ErrorInfo | null;
  selectedId: string | null;
  load(): Promise<void>;
  refreshSoon(): void;
  setQuery(patch: Partial<Omit<LibraryQuery, 'page'>>): void;
  setPage(page: number): void;
  select(id: string | null): void;
  remove(id: string): Promise<void>;
}

export const useLibraryStore = create<LibraryState>((set, get) => {
  let generation = 0;
  const refresh = debounce(() => void get().load(), 250);
  const searchSoon = debounce(() => void get().load(), 200);

  return {
    query: { kind: null, origin: null, search: '', sort: 'newest', page: 0, starred: false },
    items: [],
    total: 0,
    loading: true,
    error: null,
    selectedId: null,

    async load() {
      const ticket = ++generation;
      const { query } = get();
      set({ error: null });
      try {
        const page = await api().call('library.list', {
          sort: query.sort,
          limit: LIBRARY_PAGE_SIZE,
          offset: query.page * LIBRARY_PAGE_SIZE,
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.origin ? { origin: query.origin } : {}),
          ...(query.search.trim() ? { search: query.search.trim() } : {}),
          ...(query.starred ? { starred: true } : {}),
        });
        if (ticket !== generation) return;
        const lastPage = Math.max(0, Math.ceil(page.total / LIBRARY_PAGE_SIZE) - 1);
        if (query.page > lastPage && page.total > 0) {
          // The page emptied (deletions): step back.
          set({ query: { ...query, page: lastPage } });
          void get().load();
          return;
        }
        const selectedId = get().selectedId;
        set({
          items: page.items,
          total: page.total,
          loading: false,
          selectedId: selectedId && page.items.some((a) => a.id === selectedId) ? selectedId : null,
        });
      } catch (err) {
        if (ticket === generation) set({ loading: false, error: errorInfoOf(err) });
      }
    },

    refreshSoon: refresh,

    setQuery(patch) {
      const query = { ...get().query, ...patch, page: 0 };
      const onlySearch = Object.keys(patch).length === 1 && 'search' in patch;
      set({ query, loading: !onlySearch });
      if (onlySearch) searchSoon();
      else void get().load();
    },

    setPage(page) {
      set({ query: { ...get().query, page }, loading: true });
      void get().load();
    },

    select(id) {
      set({ selectedId: id });
    },

    async remove(id) {
      await api().call('library.delete', { ids: [id] });
      set({
        items: get().items.filter((a) => a.id !== id),
        total: Math.max(0, get().total - 1),
        selectedId: get().selectedId === id ? null : get().selectedId,
      });
      refresh();
    },
  };
});

export function selectedAsset(state: Pick<LibraryState, 'items' | 'selectedId'>): AssetView | null {
  return state.items.find((a) => a.id === state.selectedId) ?? null;
}
