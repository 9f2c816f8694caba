import type { GenPurpose } from '../../../src/shared/gateway.js';

/**
 * The reasons the cloud writes on ledger entries. The desktop shows them on
 * the Credits page in the user's language by reading them back with
 * src/shared/ledger-reasons.ts, so each is a fixed form: change one here and
 * test/messages.test.ts fails until the reader (and its texts) follow.
 */
export const LEDGER_REASONS = {
  signupCredits: (): string => 'free plan sign-up credits',
  referralBonus: (kind: 'signup' | 'payment' | 'monthly', tier: 'bronze' | 'silver' | 'gold'): string => `referral ${kind} bonus (${tier})`,
  lotsExpired: (): string => 'lots expired',
  holdExpired: (): string => 'hold expired',
  packPurchase: (packId: string): string => `purchase ${packId}`,
  planMonth: (planId: string): string => `${planId} plan month`,
  withdrawalRequested: (): string => 'withdrawal requested',
  /** The buyer's escrow hold (and capture) of a market trade, and the seller's proceeds (docs/market.md). */
  marketPurchase: (): string => 'market purchase',
  marketSale: (): string => 'market sale',
  withdrawalRejected: (note: string): string => `withdrawal rejected: ${note}`.slice(0, 200),
  /** A generation call's hold (and so its capture): what it was for and the model it ran on. */
  generation: (purpose: GenPurpose, model: string): string => `generation ${purpose} ${model}`,
  /** A blind-box opening's hold (and its capture or, when the item sold out, its release). */
  boxOpening: (): string => 'blind box opening',
} as const;
