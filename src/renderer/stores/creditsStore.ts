import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors.js';
import type { PlanOffer, WalletEntry } from '../../shared/wallet.js';
import { api, errorInfoOf } from '../api/index.js';

interface CreditsState {
  entries: WalletEntry[];
  nextCursor: string | null;
  historyLoading: boolean;
  historyLoaded: boolean;
  loadingMore: boolean;
  historyError: ErrorInfo | null;
  offers: PlanOffer[] | null;
  offersError: ErrorInfo | null;
  loadHistory(): Promise<void>;
  loadMore(): Promise<void>;
  loadOffers(): Promise<void>;
  /** Forgets everything (after signing out: the next account must not see this one's history). */
  reset(): void;
}

const EMPTY = {
  entries: [],
  nextCursor: null,
  historyLoading: false,
  historyLoaded: false,
  loadingMore: false,
  historyError: null,
  offers: null,
  offersError: null,
};

/** The wallet's history (wallet.history, paged by cursor) and what can be bought (wallet.offers). */
export const useCreditsStore = create<CreditsState>((set, get) => {
  let generation = 0;

  return {
    ...EMPTY,

    async loadHistory() {
      const ticket = ++generation;
      set({ historyLoading: true, historyError: null });
      try {
        const page = await api().call('wallet.history', {});
        if (ticket === generation) set({ entries: page.entries, nextCursor: page.nextCursor, historyLoading: false, historyLoaded: true });
      } catch (err) {
        if (ticket === generation) set({ historyLoading: false, historyError: errorInfoOf(err) });
      }
    },

    async loadMore() {
      const { nextCursor, loadingMore } = get();
      if (!nextCursor || loadingMore) return;
      const ticket = generation;
      set({ loadingMore: true });
      try {
        const page = await api().call('wallet.history', { cursor: nextCursor });
        if (ticket !== generation) return;
        const known = new Set(get().entries.map((e) => e.id));
        set({ entries: [...get().entries, ...page.entries.filter((e) => !known.has(e.id))], nextCursor: page.nextCursor, loadingMore: false });
      } catch (err) {
        if (ticket === generation) set({ loadingMore: false, historyError: errorInfoOf(err) });
      }
    },

    async loadOffers() {
      try {
        set({ offers: await api().call('wallet.offers', {}), offersError: null });
      } catch (err) {
        set({ offersError: errorInfoOf(err) });
      }
    },

    reset() {
      generation++;
      set(EMPTY);
    },
  };
});
