import { create } from 'zustand';

/** Every page, in the order of their keyboard shortcuts (Ctrl/⌘+1…9); the sidebar orders them its own way. */
export const PAGES = ['dashboard', 'library', 'history', 'settings', 'video', 'credits', 'account', 'scheduler', 'kol-review'] as const;
/** The generators, reached with Ctrl/⌘+Shift+B, S and D (see lib/generatorPages.ts). */
export const GENERATOR_PAGES = ['blog', 'social', 'director'] as const;
export type GeneratorPage = (typeof GENERATOR_PAGES)[number];
/** Referral center, Profile, Connections, reached with Ctrl/⌘+Shift+F, P and L (see lib/partnerPages.ts). */
export const PARTNER_PAGES = ['referrals', 'profile', 'connections'] as const;
export type PartnerPage = (typeof PARTNER_PAGES)[number];
/** The KOL agency workspace's pages (issue 14), reached from the sidebar (no keyboard shortcut of their own; its Review page is Ctrl/⌘+9, in PAGES). */
export const KOL_PAGES = ['kol-personas', 'kol-batches', 'kol-triggers', 'kol-learning', 'kol-rules'] as const;
export type KolPage = (typeof KOL_PAGES)[number];
/** The photo studio (issue 15), reached with Ctrl/⌘+Shift+H (see lib/photoPage.ts). */
export const PHOTO_PAGE = 'photo';
/** The Creator Hub's pages (issue 16), reached from the sidebar. */
export const CREATOR_PAGES = ['characters', 'styles', 'ink', 'builder3d', 'box-series'] as const;
export type CreatorPage = (typeof CREATOR_PAGES)[number];
/** The blind boxes' buyer pages (issue 18), reached with Ctrl/⌘+Shift+O, K, M and A (see lib/boxPages.ts). */
export const BOX_PAGES = ['box-shop', 'box-collection', 'box-market', 'box-verify'] as const;
export type BoxPage = (typeof BOX_PAGES)[number];
export type PageId = (typeof PAGES)[number] | GeneratorPage | PartnerPage | KolPage | typeof PHOTO_PAGE | CreatorPage | BoxPage;

export function isKolPage(page: PageId): page is KolPage {
  return (KOL_PAGES as readonly string[]).includes(page);
}

/** The digit that goes to a page with Ctrl/⌘. */
export function pageShortcutDigit(page: PageId): number {
  return (PAGES as readonly PageId[]).indexOf(page) + 1;
}

const STORAGE_KEY = 'kingjam.page';

function storedPage(): PageId {
  try {
    const v = window.sessionStorage.getItem(STORAGE_KEY);
    if (v && ([...PAGES, ...GENERATOR_PAGES, ...PARTNER_PAGES, ...KOL_PAGES, PHOTO_PAGE, ...CREATOR_PAGES, ...BOX_PAGES] as readonly string[]).includes(v)) return v as PageId;
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
