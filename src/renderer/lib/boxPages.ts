import { BOX_PAGES, type BoxPage, type PageId } from '../stores/navigationStore.js';
import { hasModKey, isMac } from './shortcuts.js';

/**
 * Ctrl/⌘+Shift+O (shop: open a box), K (collection: keep), M (market), A (audit: verify openings); by
 * event.code, whatever the layout types. B, S, D, F, P, L and H are taken; V and C stay with paste and the
 * browser's inspector.
 */
const BOX_KEYS: Record<BoxPage, string> = { 'box-shop': 'O', 'box-collection': 'K', 'box-market': 'M', 'box-verify': 'A' };

export function isBoxPage(page: PageId): page is BoxPage {
  return (BOX_PAGES as readonly string[]).includes(page);
}

export function boxShortcutLabel(page: BoxPage): string {
  return isMac() ? `⌘⇧${BOX_KEYS[page]}` : `Ctrl+Shift+${BOX_KEYS[page]}`;
}

/** The blind-box page a key press opens, if any. */
export function boxPageFor(event: KeyboardEvent): BoxPage | null {
  if (!hasModKey(event) || !event.shiftKey || event.altKey) return null;
  return BOX_PAGES.find((page) => event.code === `Key${BOX_KEYS[page]}`) ?? null;
}
