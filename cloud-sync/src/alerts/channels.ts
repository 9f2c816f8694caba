import { createTransport } from 'nodemailer';
import type { Alert, AlertChannel } from './alerter.js';

const line = (a: Alert) => `[${a.level.toUpperCase()}] ${a.title}: ${a.message}`;

async function postOk(url: string, init: RequestInit, what: string): Promise<void> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer().catch(() => undefined);
  // The URL itself carries the secret for Slack webhooks: never put it in the error.
  if (!res.ok) throw new Error(`${what} answered HTTP ${res.status}`);
}

/** Slack incoming webhook: `{"text": …}`. */
export class SlackChannel implements AlertChannel {
  readonly name = 'slack';
  constructor(private readonly webhookUrl: string) {}
  send(a: Alert): Promise<void> {
    const emoji = a.level === 'critical' ? ':rotating_light:' : ':warning:';
    return postOk(this.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `${emoji} ${line(a)}` }) }, 'Slack webhook');
  }
}

/** LINE Notify-style: form-encoded `message=` with a Bearer token (LINE Notify itself closed in 2025; compatible relays remain). */
export class LineNotifyChannel implements AlertChannel {
  readonly name = 'line';
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}
  send(a: Alert): Promise<void> {
    return postOk(
      this.url,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${this.token}` }, body: new URLSearchParams({ message: `\n${line(a)}` }).toString() },
      'LINE notify endpoint',
    );
  }
}

export interface SmtpOptions {
  host: string;
  port: number;
  secure?: boolean;
  user?: string;
  password?: string;
  from: string;
  to: string[];
}

/** One SMTP client for alert mail and mail to account owners, on the same settings. */
export function smtpTransport(opts: Omit<SmtpOptions, 'to'>): ReturnType<typeof createTransport> {
  return createTransport({
    host: opts.host,
    port: opts.port,
    secure: opts.secure ?? opts.port === 465,
    ...(opts.user ? { auth: { user: opts.user, pass: opts.password ?? '' } } : {}),
    connectionTimeout: 10_000,
  });
}

/** Email over SMTP (nodemailer). */
export class EmailChannel implements AlertChannel {
  readonly name = 'email';
  private readonly transport;
  constructor(private readonly opts: SmtpOptions) {
    this.transport = smtpTransport(opts);
  }
  async send(a: Alert): Promise<void> {
    await this.transport.sendMail({ from: this.opts.from, to: this.opts.to, subject: `[KingJam ${a.level}] ${a.title}`, text: `${a.message}\n\nkey: ${a.key}\nlevel: ${a.level}\n` });
  }
}

/** Always on: one line to the given writer (stderr by default). */
export class ConsoleChannel implements AlertChannel {
  readonly name = 'console';
  constructor(private readonly write: (s: string) => void = (s) => process.stderr.write(s)) {}
  send(a: Alert): Promise<void> {
    this.write(`ALERT ${line(a)} (key ${a.key})\n`);
    return Promise.resolve();
  }
}

/** Channels from the environment: SLACK_WEBHOOK_URL, LINE_NOTIFY_URL + LINE_NOTIFY_TOKEN, SMTP_HOST/PORT/USER/PASSWORD/ALERT_EMAIL_FROM/ALERT_EMAIL_TO; console always. */
export function channelsFromEnv(env: NodeJS.ProcessEnv): AlertChannel[] {
  const out: AlertChannel[] = [new ConsoleChannel()];
  if (env.SLACK_WEBHOOK_URL) out.push(new SlackChannel(env.SLACK_WEBHOOK_URL));
  if (env.LINE_NOTIFY_TOKEN) out.push(new LineNotifyChannel(env.LINE_NOTIFY_URL ?? 'https://notify-api.line.me/api/notify', env.LINE_NOTIFY_TOKEN));
  if (env.SMTP_HOST && env.ALERT_EMAIL_TO) {
    out.push(
      new EmailChannel({
        host: env.SMTP_HOST,
        port: Number(env.SMTP_PORT ?? 587),
        ...(env.SMTP_USER ? { user: env.SMTP_USER, password: env.SMTP_PASSWORD ?? '' } : {}),
        from: env.ALERT_EMAIL_FROM ?? 'alerts@kingjam.local',
        to: env.ALERT_EMAIL_TO.split(',').map((s) => s.trim()),
      }),
    );
  }
  return out;
}
