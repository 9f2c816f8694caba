import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors.js';
import { useLanguageStore } from '../i18n/index.js';
import { errorTitle } from '../lib/jobText.js';
import { errorDetail, errorHint } from '../lib/serverText.js';

export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  body?: string;
  hint?: string;
  /** A button in the toast (Undo); the toast closes when it is pressed. */
  action?: { label: string; testId: string; run: () => void };
  /** How long it stays, when not the kind's usual time (an undo window). */
  lifetimeMs?: number;
}

interface ToastState {
  toasts: Toast[];
  show(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

const LIFETIME_MS: Record<ToastKind, number> = { success: 5000, info: 4000, error: 12000 };
const MAX_TOASTS = 4;
let nextId = 1;

export const useToastStore = create<ToastState>((set, get) => ({
  toasts: [],
  show(toast) {
    const id = nextId++;
    set({ toasts: [...get().toasts, { ...toast, id }].slice(-MAX_TOASTS) });
    setTimeout(() => get().dismiss(id), toast.lifetimeMs ?? LIFETIME_MS[toast.kind]);
    return id;
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((x) => x.id !== id) });
  },
}));

export function toastSuccess(title: string, body?: string): void {
  useToastStore.getState().show({ kind: 'success', title, ...(body ? { body } : {}) });
}

export function toastInfo(title: string, body?: string): void {
  useToastStore.getState().show({ kind: 'info', title, ...(body ? { body } : {}) });
}

/** An error toast: our heading (or the translated error code), what went wrong and what to do, in the user's language. */
export function toastError(error: ErrorInfo, title?: string): void {
  const { language, t } = useLanguageStore.getState();
  const heading = errorTitle(error, t);
  const detail = errorDetail(error, t, language);
  const hint = errorHint(error, t, language);
  const body = title ? (detail ? `${heading}: ${detail}` : heading) : detail;
  useToastStore.getState().show({ kind: 'error', title: title ?? heading, ...(body ? { body } : {}), ...(hint ? { hint } : {}) });
}

/** A toast with an Undo button that stays for the undo window (the Review page's actions). */
export function toastUndo(title: string, undoLabel: string, lifetimeMs: number, onUndo: () => void): void {
  useToastStore.getState().show({ kind: 'info', title, lifetimeMs, action: { label: undoLabel, testId: 'toast-undo', run: onUndo } });
}
