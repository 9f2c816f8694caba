import { create } from 'zustand';

export const PAGES = ['dashboard', 'library', 'history', 'settings'] as const;
export type PageId = (typeof PAGES)[number];

const STORAGE_KEY = 'kingjam.page';

function storedPage(): PageId {
  try {
    const v = window.sessionStorage.getItem(STORAGE_KEY);
    if (v && (PAGES as readonly string[]).includes(v)) return v as PageId;
  } catch {
    // Start on the dashboard.
  }
  return 'dashboard';
}

interface NavigationState {
  page: PageId;
  shortcutHelpOpen: boolean;
  go(page: PageId): void;
  setShortcutHelp(open: boolean): void;
}

export const useNavigationStore = create<NavigationState>((set) => ({
  page: storedPage(),
  shortcutHelpOpen: false,
  go(page) {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, page);
    } catch {
      // Not remembered across reloads then.
    }
    set({ page });
  },
  setShortcutHelp(open) {
    set({ shortcutHelpOpen: open });
  },
}));
