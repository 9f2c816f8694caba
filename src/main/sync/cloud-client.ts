import { StudioError, type ErrorCode } from '../../shared/errors.js';

/** What cloud-sync answers (cloud-sync/README.md); only the fields the desktop reads. */
export interface CloudSession {
  user: { id: string; email: string | null; phone: string | null; role: string };
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

/** Cloud error codes the desktop turns into its own, each with what the user can do. */
function mapCloudError(status: number, code: string, message: string): StudioError {
  const as = (c: ErrorCode, hint?: string) => new StudioError({ code: c, message, ...(hint ? { hint } : {}), retryable: status >= 500 });
  if (code === 'INSUFFICIENT_CREDITS') return as('INSUFFICIENT_CREDITS', 'Buy a credit pack or a plan on the Credits page.');
  // Sign-in answers keep their meaning (and name the field), so the sign-in form can say what to fix.
  if (code === 'INVALID_CREDENTIALS') return new StudioError({ code: 'UNAUTHORIZED', message, field: 'password', hint: 'Check the email and password.' });
  if (code === 'TOTP_REQUIRED' || code === 'INVALID_TOTP') {
    return new StudioError({ code: 'UNAUTHORIZED', message, field: 'totp', hint: 'Enter the 6-digit code from your authenticator app.' });
  }
  if (code === 'ACCOUNT_LOCKED') return new StudioError({ code: 'FORBIDDEN', message, hint: 'Too many failed sign-ins: wait 15 minutes, then try again.' });
  if (status === 401) return as('NOT_SIGNED_IN', 'Sign in again on the Account page.');
  if (status === 429) return as('CONFLICT', 'Wait a few minutes, then try again.');
  if (status === 409 || status === 422) return as('CONFLICT');
  if (status === 400 || status === 404) return as('BAD_INPUT');
  return as('CLOUD_ERROR', 'The KingJam cloud had a problem; your work is kept and settles later.');
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

  async request<T>(method: 'GET' | 'POST', path: string, options: { body?: unknown; token?: string } = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new StudioError(
        {
          code: 'OFFLINE',
          message: `The KingJam cloud (${this.baseUrl}) cannot be reached: ${err instanceof Error ? err.message : String(err)}.`,
          hint: 'You can keep working: paid jobs use your offline allowance and settle when you are back online.',
          retryable: true,
        },
        { cause: err },
      );
    }
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!res.ok) {
      const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw mapCloudError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `The cloud answered ${res.status}.`);
    }
    return body as T;
  }

  login(credentials: { email: string; password: string; totp?: string; device?: string }): Promise<CloudSession> {
    return this.request('POST', '/v1/auth/login', { body: credentials });
  }

  refresh(refreshToken: string): Promise<CloudSession> {
    return this.request('POST', '/v1/auth/refresh', { body: { refresh_token: refreshToken } });
  }

  logout(token: string, refreshToken: string): Promise<unknown> {
    return this.request('POST', '/v1/auth/logout', { token, body: { refresh_token: refreshToken } });
  }
}
