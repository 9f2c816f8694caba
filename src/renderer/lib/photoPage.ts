import { PHOTO_PAGE } from '../stores/navigationStore.js';
import { hasModKey, isMac } from './shortcuts.js';

/** Ctrl/⌘+Shift+H opens the photo studio (by event.code, whatever the layout types; B, S, D, F, P and L are taken). */
const PHOTO_KEY = 'H';

export function photoShortcutLabel(): string {
  return isMac() ? `⌘⇧${PHOTO_KEY}` : `Ctrl+Shift+${PHOTO_KEY}`;
}

/** The photo studio, if this key press is its shortcut. */
export function photoPageFor(event: KeyboardEvent): typeof PHOTO_PAGE | null {
  if (!hasModKey(event) || !event.shiftKey || event.altKey) return null;
  return event.code === `Key${PHOTO_KEY}` ? PHOTO_PAGE : null;
}
