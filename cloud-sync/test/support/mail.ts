import type { Mail, Mailer } from '../../src/mail/mailer.js';
import type { Reply } from './http.js';
import { call } from './http.js';

/** Mail at the network edge: what the SMTP server would have been handed (and, given one, handed on to it). */
export class RecordingMailer implements Mailer {
  readonly name = 'recording';
  readonly sent: Mail[] = [];
  constructor(private readonly forwardTo?: Mailer) {}

  async send(mail: Mail): Promise<void> {
    this.sent.push(mail);
    await this.forwardTo?.send(mail);
  }

  to(address: string): Mail[] {
    return this.sent.filter((m) => m.to === address.toLowerCase());
  }

  /** The six-digit code in the last mail to `address` (mail goes out just after the answer: waits a little). */
  async codeFor(address: string): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const code = /\b(\d{6})\b/.exec(this.to(address).at(-1)?.text ?? '')?.[1];
      if (code) return code;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no code mailed to ${address}: ${JSON.stringify(this.sent.map((m) => m.subject))}`);
  }
}

type Caller = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>) => Promise<Reply<T>>;

/** What `/v1/auth/verify-email` answers: a session. */
export interface SessionBody {
  user: { id: string; email_verified: boolean };
  access_token: string;
  refresh_token: string;
}

/** Registers, reads the mailed code and verifies: the signed-in, verified account (with its sign-up credits). */
export async function registerAndVerify(call: Caller, mailer: RecordingMailer, body: Record<string, unknown> & { email: string }, headers: Record<string, string> = {}): Promise<SessionBody> {
  const r = await call('POST', '/v1/auth/register', body, undefined, headers);
  if (r.status !== 202) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  const code = await mailer.codeFor(body.email);
  const device = typeof body.device === 'string' ? { device: body.device } : {};
  const v = await call<SessionBody>('POST', '/v1/auth/verify-email', { email: body.email, code, ...device }, undefined, headers);
  if (v.status !== 200) throw new Error(`verify-email failed: ${v.status} ${JSON.stringify(v.body)}`);
  return v.body;
}

/** `registerAndVerify` against a server at `base` (tests outside the cloud's own suite). */
export function registerAndVerifyAt(base: string, mailer: RecordingMailer, body: Record<string, unknown> & { email: string }): Promise<SessionBody> {
  return registerAndVerify((method, path, b, token, headers) => call(base, method, path, b, token, headers), mailer, body);
}

/** The code in the last mail to `address` that `kingjam-cloud serve` printed to its console (no SMTP_HOST). */
export async function consoleCodeFor(output: () => string, address: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const mails = output().split(`MAIL to ${address.toLowerCase()}: `).slice(1);
    const code = /\b(\d{6})\b/.exec(mails.at(-1)?.split('END MAIL')[0] ?? '')?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`kingjam-cloud printed no code for ${address}`);
}
