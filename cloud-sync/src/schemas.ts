import { z } from 'zod';
import { canonicalId } from './ledger/ids.js';

/** Inputs of every endpoint. Objects are strict: an unknown field is a 400. */
export const MAX_AMOUNT = 1_000_000_000;
export const MAX_TTL_SECONDS = 30 * 24 * 3600;

/** An idempotency id: canonicalised (trimmed, lower case) before anything looks it up. */
export const Id = z
  .string()
  .transform(canonicalId)
  .pipe(z.uuid({ message: 'must be a UUID (the client generates it and reuses it on every retry)' }));
export const Amount = z.number().int().positive().max(MAX_AMOUNT);
const Reason = z.string().trim().min(1).max(200);
const Device = z.string().min(1).max(200).optional();
const Email = z.email().max(254);
const Phone = z.string().regex(/^\+?[0-9]{8,15}$/, 'a phone number in international format');
export const Password = z.string().min(8).max(200);

export const LoginBody = z
  .strictObject({ email: Email.optional(), phone: Phone.optional(), password: z.string().min(1).max(200), totp: z.string().max(10).optional(), device: Device })
  .refine((b) => (b.email === undefined) !== (b.phone === undefined), { message: 'give exactly one of email or phone' });

/** `device`: the desktop's device id, sent on refresh too, so a long-lived session keeps telling the fraud rules where it runs. */
export const RefreshBody = z.strictObject({ refresh_token: z.string().min(10).max(500), device: Device });

export const HoldBody = z.strictObject({
  id: Id,
  amount: Amount,
  ttl_seconds: z.number().int().min(1).max(MAX_TTL_SECONDS),
  reason: Reason,
  job_ref: z.string().min(1).max(200).nullish(),
});
export const CaptureBody = z.strictObject({ id: Id, amount: Amount });
export const ReleaseBody = z.strictObject({ id: Id });
export const RefundBody = z.strictObject({ id: Id });
export const HoldParams = z.strictObject({ id: Id });

export const BatchBody = z.strictObject({
  ops: z
    .array(
      z.discriminatedUnion('op', [
        HoldBody.extend({ op: z.literal('hold') }),
        CaptureBody.extend({ op: z.literal('capture'), hold_id: Id }),
        ReleaseBody.extend({ op: z.literal('release'), hold_id: Id }),
        RefundBody.extend({ op: z.literal('refund'), capture_id: Id }),
      ]),
    )
    .min(1)
    .max(500),
});

export const EntriesQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GrantBody = z.strictObject({
  id: Id,
  user_id: z.uuid(),
  bucket: z.enum(['PROMO', 'SUB', 'PAID', 'BONUS']),
  amount: Amount,
  expires_at: z.number().int().positive().nullish(),
  reason: Reason,
});
export const UserParams = z.strictObject({ id: z.uuid() });
export const ClockBody = z.strictObject({ now: z.union([z.number().int().positive(), z.iso.datetime({ offset: true })]) });

export const CheckoutBody = z
  .strictObject({ plan: z.enum(['starter', 'pro', 'enterprise']).optional(), pack: z.enum(['pack_500', 'pack_1000', 'pack_3000', 'pack_10000']).optional() })
  .refine((b) => (b.plan === undefined) !== (b.pack === undefined), { message: 'give exactly one of plan or pack' });
