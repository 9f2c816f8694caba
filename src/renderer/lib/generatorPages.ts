import { GENERATOR_PAGES, pageShortcutDigit, type GeneratorPage, type PageId } from '../stores/navigationStore.js';
import { hasModKey, isMac, modKeyLabel } from './shortcuts.js';

/** The letter that opens each generator with Ctrl/⌘+Shift (event.code, so it works whatever the keyboard layout types). */
const GENERATOR_KEYS: Record<GeneratorPage, string> = { blog: 'B', social: 'S', director: 'D' };

function isGenerator(page: PageId): page is GeneratorPage {
  return (GENERATOR_PAGES as readonly string[]).includes(page);
}

/** How a page's shortcut reads: Ctrl+5 / ⌘5, or Ctrl+Shift+B / ⌘⇧B for a generator. */
export function pageShortcutLabel(page: PageId): string {
  if (isGenerator(page)) return isMac() ? `⌘⇧${GENERATOR_KEYS[page]}` : `Ctrl+Shift+${GENERATOR_KEYS[page]}`;
  return `${modKeyLabel()}${pageShortcutDigit(page)}`;
}

/** The generator a key press opens, if it is Ctrl/⌘+Shift+B, S or D. */
export function generatorPageFor(event: KeyboardEvent): GeneratorPage | null {
  if (!hasModKey(event) || !event.shiftKey || event.altKey) return null;
  return GENERATOR_PAGES.find((page) => event.code === `Key${GENERATOR_KEYS[page]}`) ?? null;
}
