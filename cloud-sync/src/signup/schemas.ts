import { z } from 'zod';
import { Password } from '../schemas.js';
import { LOCALES } from './mails.js';

const Email = z.email().max(254);
const Code = z.string().regex(/^\d{6}$/, 'the six digits from the email');
const Locale = z.enum(LOCALES).optional();
const Device = z.string().min(1).max(200).optional();

export const RegisterBody = z.strictObject({
  email: Email,
  password: Password,
  referral_code: z.string().regex(/^[A-Za-z0-9]{4,32}$/, 'letters and digits').optional(),
  nickname: z.string().trim().min(1).max(40).optional(),
  locale: Locale,
  device: Device,
});
export const VerifyEmailBody = z.strictObject({ email: Email, code: Code, device: Device });
export const EmailOnlyBody = z.strictObject({ email: Email, locale: Locale });
export const ResetConfirmBody = z.strictObject({ email: Email, code: Code, password: Password });
export type LocaleValue = z.output<typeof RegisterBody>['locale'] & string;
