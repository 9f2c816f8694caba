import { z } from 'zod';
import type { CallSpec } from './contract.js';
import {
  OAUTH_PLATFORMS,
  type AccountNotice,
  PHONE_COUNTRIES,
  type AgencyClient,
  type ConnectionView,
  type OAuthStart,
  type PhoneCodeSent,
  type ReferralView,
  type TotpEnrolment,
  type VerificationView,
  type WithdrawalSummary,
  type WithdrawalView,
} from '../partners.js';

/** The partner programme, Profile and Connections calls; spread into the contract (src/shared/api/contract.ts). */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const empty = z.object({}).strict();
const uuid = z.uuid();
const sixDigits = z.string().regex(/^\d{6}$/, 'six digits');
const password = z.string().min(1).max(200);

export const partnerCalls = {
  'partners.referral': call<ReferralView>()(empty),
  'profile.get': call<VerificationView>()(empty),
  'profile.sendPhoneCode': call<PhoneCodeSent>()(
    // A local number is read in the chosen country by cloud-sync, which answers with the E.164 form.
    z.object({ phone: z.string().trim().min(1).max(40), country: z.enum(PHONE_COUNTRIES).default('TW') }).strict(),
  ),
  'profile.confirmPhone': call<VerificationView>()(z.object({ code: sixDigits }).strict()),
  'profile.uploadDocument': call<{ documentId: string; size: number; contentType: string }>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  'profile.submitIdentity': call<VerificationView>()(
    z
      .object({
        nationalId: z.string().trim().regex(/^[A-Za-z][1289]\d{8}$/, 'one letter and nine digits, e.g. A123456789'),
        fullName: z.string().trim().min(1).max(100),
        documentId: uuid,
        /** YYYY-MM-DD, a real day in the past: blind-box purchases check the age from it (issue 18). */
        birthDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
          .refine((d) => {
            const at = Date.parse(`${d}T00:00:00Z`);
            return Number.isFinite(at) && new Date(at).toISOString().slice(0, 10) === d && d >= '1900-01-01' && at < Date.now();
          }, 'a real date in the past'),
      })
      .strict(),
  ),
  /** Enrolment, or a change of authenticator: the password, and the current code when 2FA is on (the cloud re-checks both). */
  'profile.enrollTotp': call<TotpEnrolment>()(z.object({ password, totp: sixDigits.optional() }).strict()),
  'profile.verifyTotp': call<VerificationView>()(z.object({ code: sixDigits, password }).strict()),
  'withdrawals.summary': call<WithdrawalSummary>()(empty),
  'withdrawals.create': call<WithdrawalView>()(
    z
      .object({
        amount: z.number().int().positive().max(1_000_000_000),
        totp: sixDigits,
        payout: z
          .object({
            bankCode: z.string().regex(/^\d{3}$/, 'a 3-digit Taiwan bank code'),
            accountNumber: z.string().regex(/^\d{6,16}$/, '6–16 digits'),
            accountName: z.string().trim().min(1).max(100),
          })
          .strict(),
      })
      .strict(),
  ),
  'withdrawals.get': call<WithdrawalView>()(z.object({ id: uuid }).strict()),
  'connections.clients': call<AgencyClient[]>()(empty),
  'connections.createClient': call<AgencyClient>()(z.object({ name: z.string().trim().min(1).max(100) }).strict()),
  'connections.list': call<ConnectionView[]>()(z.object({ clientId: uuid.optional() }).strict()),
  'connections.oauthStart': call<OAuthStart>()(z.object({ platform: z.enum(OAUTH_PLATFORMS), clientId: uuid.optional() }).strict()),
  'connections.oauthFinish': call<ConnectionView>()(
    z.object({ state: z.string().min(16).max(200), code: z.string().min(1).max(2000) }).strict(),
  ),
  /** Stops listening for the browser (the dialog was closed); a flow already replaced or finished is left alone. */
  'connections.oauthCancel': call<{ canceled: boolean }>()(z.object({ flowId: uuid }).strict()),
  'connections.wordpress': call<ConnectionView>()(
    z
      .object({
        siteUrl: z.url({ protocol: /^https?$/ }).max(500),
        username: z.string().min(1).max(100),
        appPassword: z.string().min(8).max(200),
        clientId: uuid.optional(),
      })
      .strict(),
  ),
  /** A LINE Official Account by its long-lived channel access token (LINE Developers console → Messaging API). */
  'connections.lineOa': call<ConnectionView>()(z.object({ channelAccessToken: z.string().trim().min(20).max(1000), clientId: uuid.optional() }).strict()),
  'connections.remove': call<{ removed: true }>()(z.object({ id: uuid }).strict()),
  'notices.unread': call<AccountNotice[]>()(empty),
  'notices.markRead': call<{ marked: number }>()(z.object({ ids: z.array(uuid).min(1).max(100) }).strict()),
} as const;

export type PartnerCallName = keyof typeof partnerCalls;
