import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createAccount } from './accounts.js';
import { buildApp } from './app.js';
import { gatewayFromEnv } from './gateway/config.js';
import { relayFromEnv } from './relay/config.js';
import { hashPassword } from './auth/passwords.js';
import { StripeProvider } from './billing/stripe.js';
import { TestClock, systemClock } from './clock.js';
import { openDatabase } from './db/connect.js';
import { migrate } from './db/migrations.js';
import { ApiError } from './errors.js';
import { channelsFromEnv } from './alerts/channels.js';
import { mailerFromEnv } from './mail/mailer.js';
import { TwilioSms } from './verification/sms.js';
import { Ledger } from './ledger/service.js';
import { verifyOpeningsCommand } from './boxes/verify-cli.js';
import type { AuditCommand } from './audit/cli.js';
import { AUDIT_COMMANDS, AUDIT_USAGE, runAuditCommand } from './audit/cli.js';

const USAGE = `kingjam-cloud — KingJam accounts and credits ledger

  kingjam-cloud serve [--port N] [--host H] [--db FILE | --db postgres://…] [--test-clock]
  kingjam-cloud admin create --email E --password P [--db …]
  kingjam-cloud migrate [--db …]
  kingjam-cloud check [--db …]            consistency check; exit 1 on violations
  kingjam-cloud verify-openings SERIES --url BASE [--lang zh-TW|zh-CN|en]
                                          recompute a blind-box series' openings from its public proofs;
                                          exit 1 on a mismatch, 2 on a usage or network error

${AUDIT_USAGE}
  --db defaults to $DATABASE_URL, else ./kingjam-cloud.db (SQLite).
  Environment: KINGJAM_JWT_SECRET (required with NODE_ENV=production), STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE (another Stripe endpoint), KINGJAM_PUBLIC_URL (where users
  reach this server: referral links), SMTP_HOST/SMTP_PORT/SMTP_USER/SMTP_PASSWORD + KINGJAM_MAIL_FROM
  (sign-up, password-reset and 2FA-change mail; the console without SMTP_HOST), KINGJAM_AUDIT_SIGNING_KEY
  (the audit digests' Ed25519 key, PKCS#8 PEM or base64; else one kept in the data folder).
`;

const err = (s: string) => process.stderr.write(`${s}\n`);

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'verify-openings') return verifyOpeningsCommand(rest, (s) => process.stdout.write(`${s}\n`), err);
  let parsed;
  try {
    parsed = parseArgs({
      args: command === 'admin' ? rest.slice(1) : rest,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        'test-clock': { type: 'boolean' },
        email: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (e) {
    err(`kingjam-cloud: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const v = parsed.values;
  if (!command || v.help || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const target = v.db ?? process.env.DATABASE_URL ?? 'kingjam-cloud.db';

  if (command === 'serve') {
    const production = process.env.NODE_ENV === 'production';
    if (v['test-clock'] && production) {
      err('kingjam-cloud: --test-clock is refused when NODE_ENV=production');
      return 2;
    }
    let secret = process.env.KINGJAM_JWT_SECRET ?? '';
    if (secret.length < 32) {
      if (production) {
        err('kingjam-cloud: KINGJAM_JWT_SECRET (at least 32 characters) is required when NODE_ENV=production');
        return 2;
      }
      secret = randomBytes(32).toString('hex');
      err('kingjam-cloud: KINGJAM_JWT_SECRET not set; using a random key (sessions end when the server stops)');
    }
    const port = v.port === undefined ? 8787 : Number(v.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      err(`kingjam-cloud: bad --port ${v.port ?? ''}`);
      return 2;
    }
    const host = v.host ?? '127.0.0.1';
    const h = openDatabase(target);
    await migrate(h);
    const stripeKey = process.env.STRIPE_SECRET_KEY;
    const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
    // Referral links must name where users reach this server: without KINGJAM_PUBLIC_URL, the
    // address it listens on, with the port it actually got (never `:0`).
    let boundPort = port;
    const publicUrl = process.env.KINGJAM_PUBLIC_URL || null;
    if (!publicUrl && production) err('kingjam-cloud: KINGJAM_PUBLIC_URL is not set; referral links name the listening address');
    const mailer = mailerFromEnv(process.env);
    if (mailer.name === 'console') err('kingjam-cloud: SMTP_HOST not set; sign-up and password-reset mail goes to the console');
    const payments = stripeKey && webhookSecret ? new StripeProvider({ secretKey: stripeKey, webhookSecret, apiBase: process.env.STRIPE_API_BASE }) : null;
    const { server } = await buildApp({
      db: h,
      jwtSecret: secret,
      clock: v['test-clock'] ? new TestClock() : systemClock,
      testClock: v['test-clock'] ?? false,
      alertChannels: channelsFromEnv(process.env),
      trustProxy: process.env.KINGJAM_TRUST_PROXY === '1',
      gateway: gatewayFromEnv(process.env),
      relay: relayFromEnv(process.env),
      partners: {
        ...(process.env.TWILIO_ACCOUNT_SID && process.env.TWILIO_AUTH_TOKEN && process.env.TWILIO_FROM
          ? { sms: new TwilioSms({ accountSid: process.env.TWILIO_ACCOUNT_SID, authToken: process.env.TWILIO_AUTH_TOKEN, from: process.env.TWILIO_FROM, apiBase: process.env.TWILIO_API_BASE }) }
          : {}),
        ...(process.env.KINGJAM_FINGERPRINT_KEY ? { hashKey: process.env.KINGJAM_FINGERPRINT_KEY } : {}),
      },
      payments,
      publicUrl: () => publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
      mailer,
      logger: { level: process.env.LOG_LEVEL ?? 'info', stream: process.stderr },
      background: {},
    });
    const address = await server.listen({ port, host });
    const actual = new URL(address);
    boundPort = Number(actual.port);
    // Ready to stop before it says it listens: whoever reads that line may signal at once. A
    // signal while stopping changes nothing: Ctrl-C reaches both `kingjam-cloud` and the server it
    // started (bin/kingjam-cloud.js), which passes it on as well.
    const stopped = new Promise<number>((resolve) => {
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void server
          .close()
          .then(() => h.close())
          .then(() => resolve(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    process.stdout.write(`listening on http://${host}:${actual.port}\n`);
    if (!payments) err('kingjam-cloud: payments off (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)');
    err(`kingjam-cloud: database ${h.description}${v['test-clock'] ? '; test clock ON' : ''}`);
    return stopped;
  }

  if (command === 'admin') {
    if (rest[0] !== 'create' || !v.email || !v.password) {
      err(`kingjam-cloud: admin create --email E --password P\n\n${USAGE}`);
      return 2;
    }
    if (v.password.length < 8) {
      err('kingjam-cloud: the password needs at least 8 characters');
      return 2;
    }
    const h = openDatabase(target);
    try {
      await migrate(h);
      const user = await createAccount(h, systemClock, { email: v.email.toLowerCase(), passwordHash: await hashPassword(v.password), role: 'admin' });
      process.stdout.write(`${JSON.stringify({ id: user.id, email: user.email, role: user.role })}\n`);
      return 0;
    } catch (e) {
      if (e instanceof ApiError) {
        err(`kingjam-cloud: ${e.message}`);
        return 1;
      }
      throw e;
    } finally {
      await h.close();
    }
  }

  if (command === 'migrate' || command === 'check') {
    const h = openDatabase(target);
    try {
      const r = await migrate(h);
      if (command === 'migrate') {
        process.stdout.write(`${JSON.stringify({ applied: (r.results ?? []).map((x) => x.migrationName) })}\n`);
        return 0;
      }
      const result = await new Ledger(h, systemClock).check();
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return result.ok ? 0 : 1;
    } finally {
      await h.close();
    }
  }

  if ((AUDIT_COMMANDS as readonly string[]).includes(command)) {
    return runAuditCommand(command as AuditCommand, target, systemClock, (s) => process.stdout.write(s), err);
  }

  err(`kingjam-cloud: unknown command ${command}\n\n${USAGE}`);
  return 2;
}
