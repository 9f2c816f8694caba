import { useEffect } from 'react';
import { generatorPageFor } from '../lib/generatorPages.js';
import { partnerPageFor } from '../lib/partnerPages.js';
import { photoPageFor } from '../lib/photoPage.js';
import { boxPageFor } from '../lib/boxPages.js';
import { openImportPicker } from '../lib/importPicker.js';
import { hasModKey, isDialogOpen, isTyping } from '../lib/shortcuts.js';
import { PAGES, useNavigationStore } from '../stores/navigationStore.js';

/** Handlers the current page offers to the keyboard (the Library registers delete and search). */
export interface PageShortcuts {
  deleteSelected?: () => void;
  focusSearch?: () => void;
  clearSelection?: () => void;
}

let pageShortcuts: PageShortcuts = {};

export function setPageShortcuts(shortcuts: PageShortcuts): () => void {
  pageShortcuts = shortcuts;
  return () => {
    if (pageShortcuts === shortcuts) pageShortcuts = {};
  };
}

/** Ctrl/⌘+1…9 pages, Ctrl/⌘+I import, Delete, /, ? and Esc. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isDialogOpen()) return;
      const nav = useNavigationStore.getState();

      const generator = generatorPageFor(event);
      if (generator) {
        event.preventDefault();
        nav.go(generator);
        return;
      }
      const photo = photoPageFor(event);
      if (photo) {
        event.preventDefault();
        nav.go(photo);
        return;
      }
      const box = boxPageFor(event);
      if (box) {
        event.preventDefault();
        nav.go(box);
        return;
      }
      const partner = partnerPageFor(event);
      if (partner) {
        event.preventDefault();
        nav.go(partner);
        return;
      }
      if (hasModKey(event) && !event.altKey && !event.shiftKey) {
        const digit = Number.parseInt(event.key, 10);
        const page = PAGES[digit - 1];
        if (page) {
          event.preventDefault();
          nav.go(page);
          return;
        }
        if (event.key.toLowerCase() === 'i') {
          event.preventDefault();
          openImportPicker();
          return;
        }
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;

      switch (event.key) {
        case 'Delete':
        case 'Backspace':
          if (pageShortcuts.deleteSelected) {
            event.preventDefault();
            pageShortcuts.deleteSelected();
          }
          break;
        case '/':
          if (pageShortcuts.focusSearch) {
            event.preventDefault();
            pageShortcuts.focusSearch();
          }
          break;
        case '?':
          event.preventDefault();
          nav.setShortcutHelp(true);
          break;
        case 'Escape':
          pageShortcuts.clearSelection?.();
          break;
        default:
          break;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
