/** Sends one text message. Implementations: Twilio-compatible HTTP, console (development). */
export interface SmsProvider {
  readonly name: string;
  send(to: string, body: string): Promise<void>;
}

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** A sender number, or a Messaging Service SID (MG…). */
  from: string;
  /** Another Twilio-compatible endpoint (tests use a loopback fake). */
  apiBase?: string;
}

/** Twilio's Messages API: `POST /2010-04-01/Accounts/{sid}/Messages.json`, form-encoded, Basic auth. */
export class TwilioSms implements SmsProvider {
  readonly name = 'twilio';
  constructor(private readonly opts: TwilioOptions) {}
  async send(to: string, body: string): Promise<void> {
    const base = (this.opts.apiBase ?? 'https://api.twilio.com').replace(/\/$/, '');
    const form = new URLSearchParams({ To: to, Body: body, ...(this.opts.from.startsWith('MG') ? { MessagingServiceSid: this.opts.from } : { From: this.opts.from }) });
    const res = await fetch(`${base}/2010-04-01/Accounts/${encodeURIComponent(this.opts.accountSid)}/Messages.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${this.opts.accountSid}:${this.opts.authToken}`).toString('base64')}` },
      body: form.toString(),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (!res.ok) {
      // Twilio errors are {code, message}; the body never holds our code, so it is safe to quote.
      let reason = `HTTP ${res.status}`;
      try {
        const j = JSON.parse(text) as { code?: number; message?: string };
        reason = `${j.code ?? res.status}: ${j.message ?? ''}`;
      } catch {
        /* not JSON */
      }
      throw new Error(`SMS provider refused the message (${reason})`);
    }
  }
}

/** Development: the message goes to a writer (stderr by default) instead of a phone. */
export class ConsoleSms implements SmsProvider {
  readonly name = 'console';
  constructor(private readonly write: (s: string) => void = (s) => process.stderr.write(s)) {}
  send(to: string, body: string): Promise<void> {
    this.write(`[sms to ${to}] ${body}\n`);
    return Promise.resolve();
  }
}
