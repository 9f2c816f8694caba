import { z } from 'zod';
import { Id } from '../schemas.js';
import { normalizePhone, PHONE_COUNTRIES } from '../verification/phone-number.js';

/** Inputs of the partner, verification, withdrawal, fraud and vault endpoints. Strict objects. */
const Note = z.string().trim().min(1).max(500);
/** A mobile number as typed, read in the chosen country (Taiwan unless told): the output is E.164. */
export const PhoneSendBody = z
  .strictObject({ phone: z.string().max(40), country: z.enum(PHONE_COUNTRIES).default('TW') })
  .transform((b, ctx) => {
    const phone = normalizePhone(b.phone, b.country);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'a mobile phone number, e.g. 0912345678 or +886912345678' });
      return z.NEVER;
    }
    return { phone };
  });
export const PhoneConfirmBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'six digits') });
export const IdentityBody = z.strictObject({
  national_id: z.string().trim().min(1).max(20),
  full_name: z.string().trim().min(1).max(100),
  document_id: z.uuid(),
  /** As on the document (blind boxes read the buyer's age from it); a real calendar date from 1900 on. */
  birth_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
    .refine((d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return d >= '1900-01-01' && Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
    }, 'a calendar date from 1900-01-01 on')
    .optional(),
});
export const DecisionBody = z.strictObject({ decision: z.enum(['approved', 'rejected']), note: Note });
export const VerificationsQuery = z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).default('pending'), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const IdParams = z.strictObject({ id: z.uuid() });

export const WithdrawalBody = z.strictObject({
  id: Id,
  amount: z.number().int().positive().max(1_000_000_000),
  totp: z.string().regex(/^\d{6}$/, 'six digits'),
  payout: z.strictObject({
    bank_code: z.string().regex(/^\d{3}$/, 'a 3-digit Taiwan bank code'),
    account_number: z.string().regex(/^\d{6,16}$/, '6–16 digits'),
    account_name: z.string().trim().min(1).max(100),
  }),
});
export const WithdrawalParams = z.strictObject({ id: Id });
export const WithdrawalsQuery = z.strictObject({ status: z.enum(['requested', 'review', 'approved', 'paid', 'rejected']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const WithdrawalActionBody = z.strictObject({ note: Note.optional() });
export const WithdrawalRejectBody = z.strictObject({ note: Note });

export const RiskQuery = z.strictObject({ level: z.enum(['low', 'medium', 'high', 'blocked']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const RiskReviewBody = z.strictObject({ action: z.enum(['clear', 'block']), note: Note });

export const JobParams = z.strictObject({ job: z.enum(['referral-bonuses', 'referral-monthly', 'token-refresh']) });

export const ClientBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const ConnectionsQuery = z.strictObject({ client_id: z.uuid().optional() });
export const OAuthStartBody = z.strictObject({
  platform: z.enum(['meta', 'threads', 'tiktok', 'linkedin', 'youtube', 'line']),
  redirect_uri: z.url({ protocol: /^https?$/ }).max(500),
  client_id: z.uuid().optional(),
});
export const OAuthCallbackBody = z.strictObject({ state: z.string().min(16).max(200), code: z.string().min(1).max(2000) });
export const WordPressBody = z.strictObject({
  site_url: z.url({ protocol: /^https?$/ }).max(500),
  username: z.string().min(1).max(100),
  app_password: z.string().min(8).max(200),
  client_id: z.uuid().optional(),
});
/** A LINE Official Account's long-lived channel access token (LINE Developers console → Messaging API). */
export const LineOaBody = z.strictObject({
  channel_access_token: z.string().trim().min(20).max(1000),
  client_id: z.uuid().optional(),
});
