import { useEffect, useRef } from 'react';
import { isDialogOpen, isTyping } from '../../lib/shortcuts.js';

export interface ReviewKeyHandlers {
  next: () => void;
  previous: () => void;
  approve: () => void;
  reject: () => void;
  edit: () => void;
  help: () => void;
}

/** The keys and what they do, in the order the help lists them. */
export const REVIEW_KEYS = [
  { key: 'j', action: 'next' },
  { key: 'k', action: 'previous' },
  { key: 'a', action: 'approve' },
  { key: 'r', action: 'reject' },
  { key: 'e', action: 'edit' },
  { key: '?', action: 'help' },
] as const satisfies readonly { key: string; action: keyof ReviewKeyHandlers }[];

/**
 * The Review page's single keys. Not while typing in a field or while a
 * dialog is open; listened for in the capture phase so the page's `?` (its own
 * list) wins over the app's shortcut help.
 */
export function useReviewKeys(handlers: ReviewKeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event) || isDialogOpen()) return;
      const bound = REVIEW_KEYS.find((k) => k.key === event.key);
      if (!bound) return;
      event.preventDefault();
      ref.current[bound.action]();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
