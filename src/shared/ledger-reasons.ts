import { GEN_PURPOSES } from './gateway.js';
import { MODEL_CATALOG } from './models.js';

/**
 * The reasons on credit-history entries, read back into a key and parameters
 * so the Credits page says them in the user's language. The cloud writes them
 * with cloud-sync/src/ledger/reasons.ts and the desktop its own allowance
 * reason with offlineAllowanceReason; test/messages.test.ts checks that every
 * form written is read here and has a text in each language.
 */
export const LEDGER_REASON_KEYS = [
  'signupCredits',
  'referralBonus.signup',
  'referralBonus.payment',
  'referralBonus.monthly',
  'lotsExpired',
  'holdExpired',
  'packPurchase',
  'planMonth',
  'withdrawalRequested',
  'withdrawalRejected',
  'offlineAllowance',
  'generation',
  'boxOpening',
  'marketPurchase',
  'marketSale',
] as const;
export type LedgerReasonKey = (typeof LEDGER_REASON_KEYS)[number];

/** The paid plans and packs the cloud sells (cloud-sync/src/billing/catalog.ts), named in the renderer by id. */
export const PLAN_IDS = ['free', 'starter', 'pro', 'enterprise'] as const;
export const PACK_IDS = ['pack_500', 'pack_1000', 'pack_3000', 'pack_10000'] as const;

export interface LedgerReason {
  key: LedgerReasonKey;
  /** tier: bronze|silver|gold; plan: a PLAN_IDS id; pack: a PACK_IDS id; note, device: as written. */
  params: Record<string, string>;
}

export function offlineAllowanceReason(device: string): string {
  return `offline allowance for ${device}`;
}

const FIXED: Record<string, LedgerReasonKey> = {
  'free plan sign-up credits': 'signupCredits',
  'lots expired': 'lotsExpired',
  'hold expired': 'holdExpired',
  'withdrawal requested': 'withdrawalRequested',
  'blind box opening': 'boxOpening',
  'market purchase': 'marketPurchase',
  'market sale': 'marketSale',
};

const PATTERNS: { pattern: RegExp; read: (m: RegExpExecArray) => LedgerReason | null }[] = [
  {
    pattern: /^referral (signup|payment|monthly) bonus \((bronze|silver|gold)\)$/,
    read: (m) => ({ key: `referralBonus.${m[1] as 'signup' | 'payment' | 'monthly'}`, params: { tier: m[2]! } }),
  },
  { pattern: /^purchase (\S+)$/, read: (m) => ((PACK_IDS as readonly string[]).includes(m[1]!) ? { key: 'packPurchase', params: { pack: m[1]! } } : null) },
  { pattern: /^(\S+) plan month$/, read: (m) => ((PLAN_IDS as readonly string[]).includes(m[1]!) ? { key: 'planMonth', params: { plan: m[1]! } } : null) },
  { pattern: /^withdrawal rejected: (.*)$/s, read: (m) => ({ key: 'withdrawalRejected', params: { note: m[1]! } }) },
  { pattern: /^offline allowance for (.+)$/s, read: (m) => ({ key: 'offlineAllowance', params: { device: m[1]! } }) },
  // A generation through the cloud gateway: its purpose (an id the renderer names) and the model's label.
  {
    pattern: /^generation (\S+) (\S+)$/,
    read: (m) => ((GEN_PURPOSES as readonly string[]).includes(m[1]!) ? { key: 'generation', params: { purpose: m[1]!, model: MODEL_CATALOG.find((x) => x.id === m[2])?.label ?? m[2]! } } : null),
  },
];

/** A ledger entry's reason as a key; null for a reason written in no known form (an admin's free text). */
export function readLedgerReason(reason: string): LedgerReason | null {
  const fixed = FIXED[reason];
  if (fixed) return { key: fixed, params: {} };
  for (const { pattern, read } of PATTERNS) {
    const m = pattern.exec(reason);
    if (m) return read(m);
  }
  return null;
}
