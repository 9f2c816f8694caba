import { smtpTransport } from '../alerts/channels.js';

/** A message to an account's owner (not to the operators: those are alerts). */
export interface OwnerMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OwnerMail): Promise<void>;
}

/** Over SMTP, with the same SMTP_* settings as the alert emails. */
export class SmtpMailer implements Mailer {
  private readonly transport;
  constructor(private readonly opts: { host: string; port: number; secure?: boolean; user?: string; password?: string; from: string }) {
    this.transport = smtpTransport(opts);
  }
  async send(m: OwnerMail): Promise<void> {
    await this.transport.sendMail({ from: this.opts.from, to: m.to, subject: m.subject, text: m.text });
  }
}

/** Without SMTP (development): one line per message on stderr, so the message is not silently lost. */
export class ConsoleMailer implements Mailer {
  constructor(private readonly write: (s: string) => void = (s) => process.stderr.write(s)) {}
  send(m: OwnerMail): Promise<void> {
    this.write(`MAIL to ${m.to}: ${m.subject}\n`);
    return Promise.resolve();
  }
}

/** SMTP_HOST/SMTP_PORT/SMTP_USER/SMTP_PASSWORD with KINGJAM_MAIL_FROM (the sender of account mail); the console otherwise. */
export function mailerFromEnv(env: NodeJS.ProcessEnv): Mailer {
  if (!env.SMTP_HOST) return new ConsoleMailer();
  return new SmtpMailer({
    host: env.SMTP_HOST,
    port: Number(env.SMTP_PORT ?? 587),
    ...(env.SMTP_USER ? { user: env.SMTP_USER, password: env.SMTP_PASSWORD ?? '' } : {}),
    from: env.KINGJAM_MAIL_FROM ?? 'KingJam <no-reply@kingjam.local>',
  });
}
