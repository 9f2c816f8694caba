import { create } from 'zustand';
import { useNavigationStore } from './navigationStore.js';

interface BoxVerifyState {
  /** The opening the Verify page shows (the Shop's "Verify this opening", a history row). */
  openingId: string | null;
  select(openingId: string | null): void;
}

export const useBoxVerifyStore = create<BoxVerifyState>((set) => ({
  openingId: null,
  select(openingId) {
    set({ openingId });
  },
}));

/** Goes to the Verify page showing this opening. */
export function verifyOpening(openingId: string): void {
  useBoxVerifyStore.getState().select(openingId);
  useNavigationStore.getState().go('box-verify');
}
