/** Whether this is a Mac (⌘ instead of Ctrl). */
export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

export function modKeyLabel(): string {
  return isMac() ? '⌘' : 'Ctrl+';
}

/** Ctrl on Windows/Linux, ⌘ on a Mac. */
export function hasModKey(event: KeyboardEvent): boolean {
  return isMac() ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
}

/** True when the key went to a text field, where plain keys must type rather than act. */
export function isTyping(event: KeyboardEvent): boolean {
  const el = event.target;
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'file', 'range', 'submit'].includes(el.type);
  return false;
}

/** Whether a modal dialog is open (it owns the keyboard then). */
export function isDialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}
