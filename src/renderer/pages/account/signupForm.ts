import type { MessageKey } from '../../i18n/index.js';

/** What the sign-up, code and reset forms check before asking main (empty when they can be sent). */
export interface SignupDraft {
  email: string;
  password: string;
  nickname: string;
  referralCode: string;
}

export type Problems<T> = Partial<Record<keyof T, MessageKey>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emailProblem = (email: string): MessageKey | undefined => (EMAIL.test(email.trim()) ? undefined : 'account.emailInvalid');
export const newPasswordProblem = (password: string): MessageKey | undefined => (password.length >= 8 ? undefined : 'signup.passwordShort');
export const codeProblem = (code: string): MessageKey | undefined => (/^\d{6}$/.test(code.trim()) ? undefined : 'signup.codeInvalid');

export function checkSignup(d: SignupDraft): Problems<SignupDraft> {
  const p: Problems<SignupDraft> = {};
  const email = emailProblem(d.email);
  if (email) p.email = email;
  const password = newPasswordProblem(d.password);
  if (password) p.password = password;
  if (d.referralCode.trim() && !/^[A-Za-z0-9]{4,32}$/.test(d.referralCode.trim())) p.referralCode = 'signup.referralInvalid';
  return p;
}

/** Digits only, at most six: what a code field keeps of what was typed or pasted. */
export const digits = (value: string): string => value.replace(/\D/g, '').slice(0, 6);
