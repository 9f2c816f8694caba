import { StudioError, type ErrorCode } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';

/** What cloud-sync answers (cloud-sync/README.md); only the fields the desktop reads. */
export interface CloudSession {
  user: { id: string; email: string | null; phone: string | null; role: string; email_verified?: boolean };
  access_token: string;
  expires_in: number;
  refresh_token: string;
}

export interface CloudBalance {
  total: number;
  available: number;
  held: number;
  buckets: Record<'PROMO' | 'SUB' | 'PAID' | 'BONUS', { available: number; held: number }>;
  expiring: { bucket: string; amount: number; expires_at: number }[];
}

export interface CloudHold {
  id: string;
  status: string;
  amount: number;
  expires_at: number;
}

export type BatchOp =
  | { op: 'capture'; id: string; hold_id: string; amount: number }
  | { op: 'release'; id: string; hold_id: string };

export interface BatchResult {
  id: string;
  op: string;
  ok: boolean;
  status: number;
  error?: { code: string; message: string };
}

export interface CloudEntry {
  seq: number;
  id: string;
  kind: string;
  amount: number;
  reason: string | null;
  created_at: number;
}

/** Cloud codes that are about the user's verification or limits, each with what the user can do. */
const CLOUD_HINTS: Record<string, string> = {
  INVALID_OTP: 'Check the 6-digit code in the text message.',
  OTP_LOCKED: 'Too many wrong codes: wait 15 minutes, then ask for a new code.',
  OTP_RESEND_COOLDOWN: 'Wait a moment before asking for another code.',
  OTP_SEND_LIMIT: 'Too many codes this hour: try again later.',
  OTP_EXPIRED: 'Ask for a new code.',
  OTP_NOT_SENT: 'Ask for a code first.',
  PHONE_IN_USE: 'This number is verified on another account.',
  INVALID_NATIONAL_ID: 'Check the Taiwan national ID number (one letter and nine digits).',
  PHONE_NOT_VERIFIED: 'Verify your phone number on the Profile page.',
  IDENTITY_NOT_VERIFIED: 'Submit your identity on the Profile page and wait for the review.',
  TOTP_NOT_ENABLED: 'Turn on two-factor authentication on the Profile page.',
  WITHDRAWALS_LOCKED: 'Too many wrong authenticator codes: withdrawals are locked for 15 minutes.',
  ACCOUNT_BLOCKED: 'Contact support: the account is under review.',
  RISK_BLOCKED: 'Contact support: the account is under review.',
  INSUFFICIENT_BONUS: 'Only BONUS credits can be withdrawn.',
  PLATFORM_NOT_CONFIGURED: 'This platform is not set up on the KingJam cloud yet.',
  PLATFORM_ERROR: 'The platform refused the connection: try connecting again.',
  PLATFORM_AUTH_FAILED: 'Check the username and the application password.',
  PLATFORM_TOKEN_REFUSED: 'Copy the channel access token again from the LINE Developers console.',
  INVALID_STATE: 'The sign-in link expired or was used already: start connecting again.',
  SITE_NOT_ALLOWED: 'Use the public https:// address of the site.',
  INVALID_EMAIL_CODE: 'Check the 6-digit code in the latest email, or ask for a new one.',
  INVALID_REFERRAL_CODE: 'Check the referral code, or leave it empty.',
};

/** Cloud error codes the desktop turns into its own, each with what the user can do; the cloud's code travels in `cloud`. */
export function mapCloudError(status: number, code: string, message: string, details?: unknown): StudioError {
  const d = (details ?? {}) as { attempts_left?: unknown; retry_after_seconds?: unknown };
  const cloud = {
    code,
    ...(typeof d.attempts_left === 'number' ? { attemptsLeft: d.attempts_left } : {}),
    ...(typeof d.retry_after_seconds === 'number' ? { retryAfterSeconds: d.retry_after_seconds } : {}),
  };
  const as = (c: ErrorCode, hint?: string) => new StudioError({ code: c, message, ...(hint ? { hint } : {}), retryable: status >= 500, cloud });
  const hint = CLOUD_HINTS[code];
  if (code === 'INSUFFICIENT_CREDITS') return as('INSUFFICIENT_CREDITS', 'Buy a credit pack or a plan on the Credits page.');
  // Sign-in answers keep their meaning (and name the field), so the sign-in form can say what to fix.
  if (code === 'INVALID_CREDENTIALS') return new StudioError({ code: 'NOT_SIGNED_IN', message, field: 'password', hint: 'Check the email and password.', cloud });
  if (code === 'TOTP_REQUIRED' || code === 'INVALID_TOTP') {
    return new StudioError({ code: 'NOT_SIGNED_IN', message, field: 'totp', hint: 'Enter the 6-digit code from your authenticator app.', cloud });
  }
  if (code === 'ACCOUNT_LOCKED') return new StudioError({ code: 'FORBIDDEN', message, hint: 'Too many failed sign-ins: wait 15 minutes, then try again.', cloud });
  // A third party refusing (WordPress) is not our session ending: no refresh, no sign-in prompt.
  if (code === 'PLATFORM_AUTH_FAILED' || code === 'PLATFORM_TOKEN_REFUSED') return as('BAD_INPUT', hint);
  if (code === 'TOKEN_REVOKED') return as('NOT_SIGNED_IN', 'This session was signed out (a sign-out or a password change): sign in again on the Account page.');
  if (status === 401) return as('NOT_SIGNED_IN', 'Sign in again on the Account page.');
  if (status === 429) return as('CONFLICT', hint ?? 'Wait a few minutes, then try again.');
  if (status === 403) return as('FORBIDDEN', hint);
  if (status === 413) return as('FILE_TOO_LARGE', 'Documents are at most 5 MiB.');
  if (status === 415) return as('UNSUPPORTED_TYPE', 'Use a JPEG, PNG or PDF file.');
  if (status === 402 || status === 409 || status === 410 || status === 422) return as('CONFLICT', hint);
  if (status === 400 || status === 404) return as('BAD_INPUT', hint);
  if (hint) return as('CLOUD_ERROR', hint);
  return as('CLOUD_ERROR', 'The KingJam cloud had a problem; your work is kept and settles later.');
}

export type CloudMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface CloudRequestOptions {
  body?: unknown;
  /** A file sent as it is (identity documents), instead of a JSON body. */
  raw?: { data: Uint8Array<ArrayBuffer>; contentType: string };
  token?: string;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function errorOf(status: number, body: unknown): StudioError {
  const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  return mapCloudError(status, e?.code ?? `HTTP_${status}`, e?.message ?? `The cloud answered ${status}.`, e?.details);
}

/**
 * HTTP client for cloud-sync. Network failures become OFFLINE (the caller
 * keeps working against the local allowance); every call has a timeout.
 */
export class CloudClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 15_000,
  ) {}

  async request<T>(method: CloudMethod, path: string, options: CloudRequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, options);
    const body = parseJson(await res.text());
    if (!res.ok) throw errorOf(res.status, body);
    return body as T;
  }

  /** A response that is not JSON (an item image, a CSV export): its bytes and content type; errors still come as JSON. */
  async requestRaw(method: CloudMethod, path: string, options: CloudRequestOptions = {}): Promise<{ contentType: string; data: Buffer }> {
    const res = await this.send(method, path, options);
    if (!res.ok) throw errorOf(res.status, parseJson(await res.text()));
    return { contentType: res.headers.get('content-type') ?? 'application/octet-stream', data: Buffer.from(await res.arrayBuffer()) };
  }

  private async send(method: CloudMethod, path: string, options: CloudRequestOptions): Promise<Response> {
    try {
      return await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          ...(options.raw ? { 'Content-Type': options.raw.contentType } : options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        },
        body: options.raw ? options.raw.data : options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new StudioError(
        {
          code: 'OFFLINE',
          message: `The KingJam cloud (${this.baseUrl}) cannot be reached: ${err instanceof Error ? err.message : String(err)}.`,
          hint: 'Check the internet connection. Your own keys and local models keep working; KingJam Cloud generation and sign-in wait until the cloud answers again.',
          retryable: true,
          ...say('cloud.unreachable', { url: this.baseUrl }),
        },
        { cause: err },
      );
    }
  }

  login(credentials: { email: string; password: string; totp?: string; device?: string }): Promise<CloudSession> {
    return this.request('POST', '/v1/auth/login', { body: credentials });
  }

  refresh(refreshToken: string, device: string): Promise<CloudSession> {
    return this.request('POST', '/v1/auth/refresh', { body: { refresh_token: refreshToken, device } });
  }

  logout(token: string, refreshToken: string): Promise<unknown> {
    return this.request('POST', '/v1/auth/logout', { token, body: { refresh_token: refreshToken } });
  }
}
