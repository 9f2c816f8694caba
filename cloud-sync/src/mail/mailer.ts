import type { SmtpOptions } from '../alerts/channels.js';
import { smtpTransport } from '../alerts/channels.js';

/** One email to one person (sign-up, password reset). */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail to users. Implementations: SMTP (nodemailer), console (development). */
export interface Mailer {
  readonly name: string;
  send(mail: Mail): Promise<void>;
}

/** SMTP through nodemailer, on the same server settings as the alert email. */
export class SmtpMailer implements Mailer {
  readonly name = 'smtp';
  private readonly transport;
  constructor(private readonly opts: Omit<SmtpOptions, 'to'>) {
    this.transport = smtpTransport(opts);
  }
  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.opts.from, to: mail.to, subject: mail.subject, text: mail.text });
  }
}

/** Development only: the whole mail (its code included) to stderr, like the console SMS provider. */
export class ConsoleMailer implements Mailer {
  readonly name = 'console';
  constructor(private readonly write: (s: string) => void = (s) => process.stderr.write(s)) {}
  send(mail: Mail): Promise<void> {
    this.write(`MAIL to ${mail.to}: ${mail.subject}\n${mail.text}\nEND MAIL\n`);
    return Promise.resolve();
  }
}

/** SMTP_HOST/SMTP_PORT/SMTP_USER/SMTP_PASSWORD + KINGJAM_MAIL_FROM; the console without SMTP_HOST. */
export function mailerFromEnv(env: NodeJS.ProcessEnv): Mailer {
  if (!env.SMTP_HOST) return new ConsoleMailer();
  return new SmtpMailer({
    host: env.SMTP_HOST,
    port: Number(env.SMTP_PORT ?? 587),
    ...(env.SMTP_USER ? { user: env.SMTP_USER, password: env.SMTP_PASSWORD ?? '' } : {}),
    from: env.KINGJAM_MAIL_FROM ?? 'KingJam <no-reply@kingjam.local>',
  });
}
