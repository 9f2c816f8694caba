import type { Bucket } from '../db/schema.js';

/** Prices from the seed (§11), in New Taiwan dollars. */
export interface Plan {
  id: 'free' | 'starter' | 'pro' | 'enterprise';
  name: string;
  price_twd: number;
  monthly_credits: number;
  one_time: boolean;
  priority: boolean;
  features: string[];
}

export interface Pack {
  id: 'pack_500' | 'pack_1000' | 'pack_3000' | 'pack_10000';
  name: string;
  credits: number;
  price_twd: number;
}

export const FREE_PLAN = { credits: 200, bucket: 'PROMO' as Bucket, validDays: 30 };

export const PLANS: readonly Plan[] = [
  { id: 'free', name: 'Free', price_twd: 0, monthly_credits: 200, one_time: true, priority: false, features: ['basic'] },
  { id: 'starter', name: 'Starter', price_twd: 299, monthly_credits: 500, one_time: false, priority: false, features: ['standard'] },
  { id: 'pro', name: 'Pro', price_twd: 699, monthly_credits: 1500, one_time: false, priority: true, features: ['advanced', 'priority processing'] },
  { id: 'enterprise', name: 'Enterprise', price_twd: 3699, monthly_credits: 10000, one_time: false, priority: true, features: ['everything', 'dedicated support'] },
];

export const PACKS: readonly Pack[] = [
  { id: 'pack_500', name: 'Starter pack', credits: 500, price_twd: 150 },
  { id: 'pack_1000', name: 'Standard pack', credits: 1000, price_twd: 250 },
  { id: 'pack_3000', name: 'Advanced pack', credits: 3000, price_twd: 600 },
  { id: 'pack_10000', name: 'Enterprise pack', credits: 10000, price_twd: 1500 },
];

export type PaidPlanId = Exclude<Plan['id'], 'free'>;

export function findPlan(id: string): Plan | undefined {
  return PLANS.find((p) => p.id === id);
}

export function findPack(id: string): Pack | undefined {
  return PACKS.find((p) => p.id === id);
}
