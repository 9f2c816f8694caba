import type { WithdrawalSummary } from '../../../shared/partners.js';
import type { MessageKey, Vars } from '../../i18n/index.js';

export interface WithdrawFields {
  amount: string;
  bankCode: string;
  accountNumber: string;
  accountName: string;
  totp: string;
}

export type WithdrawErrors = Partial<Record<keyof WithdrawFields, { key: MessageKey; vars?: Vars }>>;

/** The form's own checks, before the cloud's (which stay the authority): limits, balance, whole NT$, payout format. */
export function checkWithdraw(f: WithdrawFields, s: WithdrawalSummary): WithdrawErrors {
  const e: WithdrawErrors = {};
  const amount = Number(f.amount);
  const { min, maxPerRequest, creditsPerTwd } = s.rules;
  if (!/^\d+$/.test(f.amount.trim())) e.amount = { key: 'withdraw.err.amount' };
  else if (amount < min) e.amount = { key: 'withdraw.err.min', vars: { min } };
  else if (amount > maxPerRequest) e.amount = { key: 'withdraw.err.max', vars: { max: maxPerRequest } };
  else if (amount > s.remainingThisMonth) e.amount = { key: 'withdraw.err.month', vars: { left: s.remainingThisMonth } };
  else if (amount % creditsPerTwd !== 0) e.amount = { key: 'withdraw.err.tens' };
  else if (amount > s.bonusAvailable) e.amount = { key: 'withdraw.err.balance', vars: { available: s.bonusAvailable } };
  if (!/^\d{3}$/.test(f.bankCode)) e.bankCode = { key: 'withdraw.err.bankCode' };
  if (!/^\d{6,16}$/.test(f.accountNumber)) e.accountNumber = { key: 'withdraw.err.accountNumber' };
  if (!f.accountName.trim()) e.accountName = { key: 'withdraw.err.accountName' };
  if (!/^\d{6}$/.test(f.totp)) e.totp = { key: 'withdraw.err.totp' };
  return e;
}
