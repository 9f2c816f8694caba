import { PARTNER_PAGES, type PageId, type PartnerPage } from '../stores/navigationStore.js';
import { hasModKey, isMac } from './shortcuts.js';

/** Ctrl/⌘+Shift+F (referral center: friends), P (profile), L (connections: links); by event.code, whatever the layout types. */
const PARTNER_KEYS: Record<PartnerPage, string> = { referrals: 'F', profile: 'P', connections: 'L' };

export function isPartnerPage(page: PageId): page is PartnerPage {
  return (PARTNER_PAGES as readonly string[]).includes(page);
}

export function partnerShortcutLabel(page: PartnerPage): string {
  return isMac() ? `⌘⇧${PARTNER_KEYS[page]}` : `Ctrl+Shift+${PARTNER_KEYS[page]}`;
}

/** The partner page a key press opens, if any. */
export function partnerPageFor(event: KeyboardEvent): PartnerPage | null {
  if (!hasModKey(event) || !event.shiftKey || event.altKey) return null;
  return PARTNER_PAGES.find((page) => event.code === `Key${PARTNER_KEYS[page]}`) ?? null;
}
