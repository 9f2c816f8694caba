import type { CallInput } from '../../../shared/api/contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { MessageKey } from '../../i18n/index.js';

export interface LoginDraft {
  cloudUrl: string;
  email: string;
  password: string;
  totp: string;
}

export type LoginProblems = Partial<Record<keyof LoginDraft, MessageKey>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** What is wrong with the form before asking main (empty when it can be sent). */
export function checkLogin(draft: LoginDraft, totpShown: boolean): LoginProblems {
  const problems: LoginProblems = {};
  if (!isHttpUrl(draft.cloudUrl.trim())) problems.cloudUrl = 'account.cloudUrlInvalid';
  if (!EMAIL.test(draft.email.trim())) problems.email = 'account.emailInvalid';
  if (draft.password.length === 0) problems.password = 'account.passwordMissing';
  if (totpShown && !/^\d{6}$/.test(draft.totp.trim())) problems.totp = 'account.totpInvalid';
  return problems;
}

/** The account.login input: the cloud URL only when it differs from the one main already uses. */
export function loginInput(draft: LoginDraft, currentCloudUrl: string, totpShown: boolean): CallInput<'account.login'> {
  const cloudUrl = draft.cloudUrl.trim();
  return {
    email: draft.email.trim(),
    password: draft.password,
    ...(cloudUrl !== currentCloudUrl ? { cloudUrl } : {}),
    ...(totpShown && draft.totp.trim() ? { totp: draft.totp.trim() } : {}),
  };
}

/** Whether the cloud refused the sign-in because the account needs its authenticator code. */
export function asksForTotp(error: ErrorInfo): boolean {
  // The sign-in call names the field that needs fixing; a code is asked for with field 'totp'.
  return error.field === 'totp';
}
