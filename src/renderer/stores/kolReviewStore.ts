import { create } from 'zustand';
import type { KolPostFilter } from '../../shared/api/kol-contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { KolPostState, KolPostView } from '../../shared/kol/post-record.js';
import type { RiskLevel } from '../../shared/kol/scores.js';
import { api, errorInfoOf } from '../api/index.js';

/** The Review page's filters; null is "all". The queue opens on what waits for review. */
export interface ReviewFilters {
  clientId: string | null;
  personaId: string | null;
  risk: RiskLevel | null;
  minQuality: number | null;
  status: KolPostState | null;
}

export const DEFAULT_REVIEW_FILTERS: ReviewFilters = { clientId: null, personaId: null, risk: null, minQuality: null, status: 'pending_review' };

const PAGE_SIZE = 50;

/** The contract's filter for the page's choices. */
export function toPostFilter(filters: ReviewFilters): KolPostFilter {
  return {
    ...(filters.status ? { statuses: [filters.status] } : {}),
    ...(filters.clientId ? { clientId: filters.clientId } : {}),
    ...(filters.personaId ? { personaId: filters.personaId } : {}),
    ...(filters.risk ? { risk: [filters.risk] } : {}),
    ...(filters.minQuality !== null ? { minQuality: filters.minQuality } : {}),
  };
}

export function matchesFilters(post: KolPostView, filters: ReviewFilters): boolean {
  if (filters.status && post.status !== filters.status) return false;
  if (filters.clientId && post.clientId !== filters.clientId) return false;
  if (filters.personaId && post.personaId !== filters.personaId) return false;
  if (filters.risk && post.scores?.risk.level !== filters.risk) return false;
  if (filters.minQuality !== null && (post.scores?.quality.score ?? -1) < filters.minQuality) return false;
  return true;
}

interface KolReviewState {
  filters: ReviewFilters;
  items: KolPostView[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: ErrorInfo | null;
  selectedId: string | null;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setFilters(patch: Partial<ReviewFilters>): void;
  select(id: string | null): void;
  /** Moves the selection by `step` rows (j/k). */
  step(step: 1 | -1): void;
  /**
   * A post from main (an event or an action's answer). One already shown is
   * replaced where it is, even when it no longer matches the filter, so the
   * reviewer sees what they just did (and can undo it); a new one that matches
   * goes on top. An older copy than the one shown is ignored.
   */
  received(post: KolPostView): void;
}

export const useKolReviewStore = create<KolReviewState>((set, get) => {
  let ticket = 0;
  return {
    filters: DEFAULT_REVIEW_FILTERS,
    items: [],
    nextCursor: null,
    loading: true,
    loadingMore: false,
    error: null,
    selectedId: null,

    async load() {
      const mine = ++ticket;
      set({ error: null });
      try {
        const page = await api().call('kol.posts.list', { filter: toPostFilter(get().filters), limit: PAGE_SIZE });
        if (mine !== ticket) return;
        const selectedId = get().selectedId;
        const keep = selectedId !== null && page.items.some((p) => p.id === selectedId);
        set({ items: page.items, nextCursor: page.nextCursor, loading: false, selectedId: keep ? selectedId : (page.items[0]?.id ?? null) });
      } catch (err) {
        if (mine === ticket) set({ loading: false, error: errorInfoOf(err) });
      }
    },

    async loadMore() {
      const { nextCursor, loadingMore, filters } = get();
      if (!nextCursor || loadingMore) return;
      const mine = ticket;
      set({ loadingMore: true });
      try {
        const page = await api().call('kol.posts.list', { filter: toPostFilter(filters), cursor: nextCursor, limit: PAGE_SIZE });
        if (mine !== ticket) return;
        const shown = new Set(get().items.map((p) => p.id));
        set({ items: [...get().items, ...page.items.filter((p) => !shown.has(p.id))], nextCursor: page.nextCursor, loadingMore: false });
      } catch (err) {
        if (mine === ticket) set({ loadingMore: false, error: errorInfoOf(err) });
      }
    },

    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch }, loading: true, items: [], nextCursor: null });
      void get().load();
    },

    select(id) {
      set({ selectedId: id });
    },

    step(step) {
      const { items, selectedId } = get();
      if (items.length === 0) return;
      const at = items.findIndex((p) => p.id === selectedId);
      const next = at === -1 ? 0 : Math.min(items.length - 1, Math.max(0, at + step));
      set({ selectedId: items[next]!.id });
    },

    received(post) {
      const { items, filters, selectedId } = get();
      const shown = items.find((p) => p.id === post.id);
      if (shown) {
        if (post.updatedAt < shown.updatedAt) return;
        set({ items: items.map((p) => (p.id === post.id ? post : p)) });
        return;
      }
      if (!matchesFilters(post, filters)) return;
      set({ items: [post, ...items], selectedId: selectedId ?? post.id });
    },
  };
});
