/** Account security (issue 11 §2): withdrawals locked or held for review, 2FA changes re-checking the password. */
export const cloudauthEn = {
  'withdraw.status.review': 'Held for review',
  'withdraw.lockedNotice': 'Too many wrong authenticator codes: withdrawals are locked for {minutes} more min.',
  'withdraw.reviewNotice': 'Two-factor authentication was changed recently: withdrawals requested until {time} are held for review by our staff before they are paid.',
  'profile.totp.password': 'Your password',
  'profile.totp.passwordHelp': 'Asked again for every change to how your account is protected.',
  'profile.totp.currentCode': 'Code from your current authenticator app',
  'profile.totp.change': 'Change authenticator',
  'profile.totp.continue': 'Continue',
  'profile.totp.reviewHelp': 'We email you when two-factor authentication is turned on or changed, and withdrawals in the 24 hours after are held for review.',
  'profile.totp.err.password': 'Enter your password.',
  'cloudErr.WITHDRAWALS_LOCKED': 'Too many wrong authenticator codes: withdrawals are locked for 15 minutes.',
  'cloudErr.TOKEN_REVOKED': 'This session was signed out (a sign-out or a password change); sign in again.',
  'cloudErr.INVALID_CREDENTIALS': 'The password is wrong.',
  'cloudErr.TOTP_REQUIRED': 'Enter the code from your current authenticator app.',
  'cloudErr.ACCOUNT_LOCKED': 'Too many wrong passwords or codes: the account is locked for 15 minutes.',
  'cloudErr.TOTP_NOT_ENROLLED': 'Start the set-up again.',
} as const;
