import { create } from 'zustand';
import type { ConnectionState } from '../api/index.js';

interface ConnectionStore {
  state: ConnectionState;
  set(state: ConnectionState): void;
}

/** Whether main's events are reaching this page. */
export const useConnectionStore = create<ConnectionStore>((set) => ({
  state: 'connecting',
  set: (state) => set({ state }),
}));
