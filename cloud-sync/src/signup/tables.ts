/** Tables of migration 006 (sign-up by email). Times are epoch ms. */
export type EmailCodePurpose = 'verify' | 'reset';
/** Rows of `email_codes`: the codes, and the time of the last "someone tried to register" notice. */
export type EmailRowPurpose = EmailCodePurpose | 'exists_notice';

export interface EmailCodesTable {
  user_id: string;
  purpose: EmailRowPurpose;
  /** Keyed hash of the code; null once used. */
  code_hash: string | null;
  expires_at: number;
  attempts: number;
  sent_at: number;
  used_at: number | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  locked_until: number | null;
  updated_at: number;
}

export interface SignupTables {
  email_codes: EmailCodesTable;
  login_throttle: LoginThrottleTable;
}
