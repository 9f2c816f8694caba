import { z } from 'zod';
import { Password } from '../schemas.js';

/** Inputs of the account-security endpoints: each change re-checks the password in the same request. */
const SixDigits = z.string().regex(/^\d{6}$/, 'six digits');
const Current = z.string().min(1).max(200);

/** Starts enrolment, or a change of authenticator: the password, and the current code when 2FA is on. */
export const TotpEnrollBody = z.strictObject({ password: Current, totp: SixDigits.optional() });
/** Turns the new secret on with its first code; the password again. */
export const TotpVerifyBody = z.strictObject({ code: SixDigits, password: Current });
export const PasswordChangeBody = z.strictObject({ current_password: Current, new_password: Password, totp: SixDigits.optional() });
