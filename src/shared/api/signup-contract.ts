import { z } from 'zod';
import { LANGUAGES } from '../settings.js';
import type { AccountView } from '../wallet.js';
import type { CallSpec } from './contract.js';

/** Sign-up, email verification, password reset and the device id; spread into the contract (src/shared/api/contract.ts). */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const empty = z.object({}).strict();
const cloudUrl = z.url({ protocol: /^https?$/ }).max(500).optional();
const email = z.email().max(254);
const newPassword = z.string().min(8, 'at least 8 characters').max(200);
const mailedCode = z.string().regex(/^\d{6}$/, 'the six digits from the email');
/** The language of the mail the cloud sends (the UI's language). */
const locale = z.enum(LANGUAGES);

/** The cloud answers the same whether or not the address has an account; the mail says the rest. */
export interface MailSent {
  sent: true;
  email: string;
}

export const signupCalls = {
  'account.register': call<MailSent>()(
    z
      .object({
        cloudUrl,
        email,
        password: newPassword,
        referralCode: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9]{4,32}$/, 'letters and digits')
          .optional(),
        nickname: z.string().trim().min(1).max(40).optional(),
        locale,
      })
      .strict(),
  ),
  /** The mailed code signs the user in (and brings the sign-up credits). */
  'account.verifyEmail': call<AccountView>()(z.object({ cloudUrl, email, code: mailedCode }).strict()),
  'account.resendVerification': call<MailSent>()(z.object({ cloudUrl, email, locale }).strict()),
  'account.requestPasswordReset': call<MailSent>()(z.object({ cloudUrl, email, locale }).strict()),
  /** Every session of the account ends, this device's included; sign in with the new password. */
  'account.confirmPasswordReset': call<{ reset: true }>()(z.object({ cloudUrl, email, code: mailedCode, password: newPassword }).strict()),
  /** The referral code the app was opened with (a `kingjam://signup?ref=` link), once. */
  'account.pendingReferral': call<{ code: string | null }>()(empty),
  /** This install's salt for the device id (created on first ask, kept in main). */
  'device.salt': call<{ salt: string }>()(empty),
  /** The device id the UI computed from this machine's traits; sent to the cloud instead of the host name. */
  'device.report': call<{ ok: true }>()(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex') }).strict()),
} as const;

export type SignupCallName = keyof typeof signupCalls;
