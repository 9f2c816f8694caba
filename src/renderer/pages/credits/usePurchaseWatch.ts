import { useEffect, useRef } from 'react';
import type { Bucket, WalletView } from '../../../shared/wallet.js';
import { useAccountStore } from '../../stores/accountStore.js';

/**
 * How often the wallet is asked for while a payment is pending, and for how
 * long: a payment usually takes a minute or two; someone who pays later
 * still gets the credits at the next focus of the window or Sync.
 */
const POLL_MS = 3_000;
const POLL_FOR_MS = 30 * 60 * 1000;

/** A bucket's credits in the wallet, reserved ones included (a device allowance only moves them to held). */
export function bucketCredits(wallet: WalletView | null, bucket: Bucket): number | null {
  const b = wallet?.balance?.buckets[bucket];
  return b ? b.available + b.held : null;
}

export interface PendingPurchase {
  /** Where the purchase lands: PAID for a pack, SUB for a plan's month. */
  bucket: Extract<Bucket, 'PAID' | 'SUB'>;
  /** That bucket's credits when the checkout started. */
  before: number;
}

/**
 * While a purchase waits for its payment (which the cloud learns from Stripe's
 * webhook, not from the app), refreshes the balance when the user comes back
 * to the window and every few seconds, and calls onPaid with what arrived in
 * the purchase's bucket. Spending from the same bucket meanwhile can hide a
 * grant until the next refresh shows a net gain; Sync always shows the truth.
 */
export function usePurchaseWatch(pending: PendingPurchase | null, onPaid: (added: number) => void): void {
  const wallet = useAccountStore((s) => s.wallet);
  // Told once per purchase, however often the effect runs before the caller stops waiting.
  const told = useRef<PendingPurchase | null>(null);

  useEffect(() => {
    if (!pending || told.current === pending) return;
    const now = bucketCredits(wallet, pending.bucket);
    if (now === null || now <= pending.before) return;
    told.current = pending;
    onPaid(now - pending.before);
  }, [wallet, pending, onPaid]);

  useEffect(() => {
    if (!pending) return;
    const refresh = () => void useAccountStore.getState().refreshQuietly();
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - started > POLL_FOR_MS) window.clearInterval(timer);
      else refresh();
    }, POLL_MS);
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [pending]);
}
