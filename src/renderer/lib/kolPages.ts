import { KOL_PAGES, type KolPage, type PageId } from '../stores/navigationStore.js';
import { hasModKey, isMac } from './shortcuts.js';

/** Ctrl/⌘+Shift+K opens the Personas page (K for KOL); by event.code, whatever the layout types. */
const KOL_KEYS: Record<KolPage, string> = { kolPersonas: 'K' };

export function isKolPage(page: PageId): page is KolPage {
  return (KOL_PAGES as readonly string[]).includes(page);
}

export function kolShortcutLabel(page: KolPage): string {
  return isMac() ? `⌘⇧${KOL_KEYS[page]}` : `Ctrl+Shift+${KOL_KEYS[page]}`;
}

/** The KOL page a key press opens, if any. */
export function kolPageFor(event: KeyboardEvent): KolPage | null {
  if (!hasModKey(event) || !event.shiftKey || event.altKey) return null;
  return KOL_PAGES.find((page) => event.code === `Key${KOL_KEYS[page]}`) ?? null;
}
