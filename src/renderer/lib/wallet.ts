import type { Bucket } from '../../shared/wallet.js';
import type { Language } from '../../shared/settings.js';
import type { MessageKey } from '../i18n/index.js';

/** Each bucket's name (活動/月費/購買/獎金 點數) and what it means (seed §4.1). */
export const BUCKET_KEYS: Record<Bucket, { name: MessageKey; help: MessageKey }> = {
  PROMO: { name: 'bucket.PROMO', help: 'bucket.PROMO.help' },
  SUB: { name: 'bucket.SUB', help: 'bucket.SUB.help' },
  PAID: { name: 'bucket.PAID', help: 'bucket.PAID.help' },
  BONUS: { name: 'bucket.BONUS', help: 'bucket.BONUS.help' },
};

export function bucketNameKey(bucket: string): MessageKey | null {
  return bucket in BUCKET_KEYS ? BUCKET_KEYS[bucket as Bucket].name : null;
}

const ENTRY_KEYS: Record<string, MessageKey> = {
  grant: 'entry.grant',
  hold: 'entry.hold',
  capture: 'entry.capture',
  release: 'entry.release',
  expire: 'entry.expire',
  refund: 'entry.refund',
  withdraw: 'entry.withdraw',
  adjust: 'entry.adjust',
};

/** The translated name of a journal entry's kind; unknown kinds are shown as sent. */
export function entryKindKey(kind: string): MessageKey | null {
  return ENTRY_KEYS[kind] ?? null;
}

/** Which way an entry moves the wallet's available credits (for the sign shown). */
export function entrySign(kind: string): 1 | -1 | 0 {
  if (kind === 'grant' || kind === 'release' || kind === 'refund') return 1;
  if (kind === 'hold' || kind === 'capture' || kind === 'expire' || kind === 'withdraw') return -1;
  return 0;
}

/** NT$ prices as the seed writes them: NT$ 1,500. */
export function formatTwd(amount: number, language: Language): string {
  return `NT$ ${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(amount)}`;
}

/** Only web links may be opened or shown as links (a checkout URL comes from the cloud). */
export function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}
