import { describe, expect, it } from 'vitest';
import { referralFromLink } from '../src/main/sync/signup.js';
import { checkSignup, codeProblem, digits } from '../src/renderer/pages/account/signupForm.js';

describe('sign-up form checks', () => {
  it('names each field that cannot be sent', () => {
    expect(checkSignup({ email: 'a@b.co', password: '12345678', nickname: '', referralCode: '' })).toEqual({});
    expect(checkSignup({ email: 'nope', password: 'short', nickname: '', referralCode: 'AB<' })).toEqual({
      email: 'account.emailInvalid',
      password: 'signup.passwordShort',
      referralCode: 'signup.referralInvalid',
    });
  });
  it('keeps six digits of a pasted code', () => {
    expect(digits(' 12-34 567 ')).toBe('123456');
    expect(codeProblem('12345')).toBe('signup.codeInvalid');
    expect(codeProblem('123456')).toBeUndefined();
  });
});

describe('referral links that open the app', () => {
  it('takes the code from kingjam://signup?ref=, upper-cased, and nothing else', () => {
    expect(referralFromLink('kingjam://signup?ref=ab23cd45')).toBe('AB23CD45');
    expect(referralFromLink('https://evil.example/?ref=AB23CD45')).toBeNull();
    expect(referralFromLink('kingjam://signup?ref=%3Cscript%3E')).toBeNull();
    expect(referralFromLink('kingjam://signup')).toBeNull();
    expect(referralFromLink('not a url')).toBeNull();
  });
});
