/** The signed-in account and the credits wallet, as the UI sees them. */
export const BUCKETS = ['PROMO', 'SUB', 'PAID', 'BONUS'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface AccountView {
  signedIn: boolean;
  email: string | null;
  /** Whether the account's email is verified (the sign-up credits wait for it); null when signed out. */
  emailVerified: boolean | null;
  userId: string | null;
  cloudUrl: string;
  /** Whether the last contact with the cloud worked. */
  online: boolean;
  lastSyncAt: number | null;
  lastError: string | null;
  /** Where tokens are kept: the OS keychain, Electron safeStorage, an encrypted file, or nowhere (sign-in impossible). */
  secretStore: 'keychain' | 'safe-storage' | 'encrypted-file' | null;
}

export interface AllowanceView {
  amount: number;
  remaining: number;
  expiresAt: number;
}

export interface WalletView {
  /** The cloud's balance as last seen (null before the first contact). */
  balance: {
    total: number;
    available: number;
    held: number;
    buckets: Record<Bucket, { available: number; held: number }>;
    expiring: { bucket: string; amount: number; expiresAt: number }[];
    fetchedAt: number;
  } | null;
  /** Credits reserved on this device for work while offline. */
  allowance: AllowanceView | null;
  /** Spent on this device, not yet settled with the cloud. */
  unsettled: number;
}

export interface WalletEntry {
  id: string;
  kind: string;
  amount: number;
  reason: string | null;
  createdAt: number;
}

export interface PlanOffer {
  id: string;
  name: string;
  priceTwd: number;
  credits: number;
  kind: 'plan' | 'pack';
  priority?: boolean;
}
