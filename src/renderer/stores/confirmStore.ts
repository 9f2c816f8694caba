import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  /** The button that says no, when "Cancel" would be ambiguous (canceling a job). */
  dismissLabel?: string;
  danger?: boolean;
}

interface ConfirmState {
  request: ConfirmRequest | null;
  resolve: ((ok: boolean) => void) | null;
  ask(request: ConfirmRequest): Promise<boolean>;
  answer(ok: boolean): void;
}

/** One confirmation dialog at a time, asked for with `await confirm(…)`. */
export const useConfirmStore = create<ConfirmState>((set, get) => ({
  request: null,
  resolve: null,
  ask(request) {
    get().resolve?.(false);
    return new Promise<boolean>((resolve) => set({ request, resolve }));
  },
  answer(ok) {
    get().resolve?.(ok);
    set({ request: null, resolve: null });
  },
}));

export function confirm(request: ConfirmRequest): Promise<boolean> {
  return useConfirmStore.getState().ask(request);
}
