import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailerFromEnv } from '../src/mail/mailer.js';
import { refereeName } from '../src/referrals/mask.js';
import { pickLocale } from '../src/signup/mails.js';
import { describeEachDb } from './support/db.js';
import type { Reply } from './support/http.js';
import { call, uuid } from './support/http.js';
import type { SessionBody } from './support/mail.js';
import type { PartnerServer } from './support/partners.js';
import { nextIp, startPartnerServer } from './support/partners.js';
import { fakeSmtp } from './support/smtp.js';

type Balance = { total: number; buckets: Record<string, { available: number }> };

describe('sign-up helpers', () => {
  it('picks the visitor language from Accept-Language', () => {
    expect(pickLocale('zh-TW,zh;q=0.9,en;q=0.8')).toBe('zh-TW');
    expect(pickLocale('zh-Hant-HK')).toBe('zh-TW');
    expect(pickLocale('zh-CN,zh;q=0.9')).toBe('zh-CN');
    expect(pickLocale('zh')).toBe('zh-CN');
    expect(pickLocale('fr-FR,en;q=0.5,zh-TW;q=0.4')).toBe('en');
    expect(pickLocale('en;q=0.2,zh-TW;q=0.9')).toBe('zh-TW');
    expect(pickLocale(undefined)).toBe('en');
  });
  it('masks a referee: nickname first, else w***@domain', () => {
    expect(refereeName({ nickname: null, email: 'wendy@example.com', phone: null })).toBe('w***@example.com');
    expect(refereeName({ nickname: 'Wendy', email: 'wendy@example.com', phone: null })).toBe('Wendy');
    expect(refereeName({ nickname: null, email: null, phone: '+886912345678' })).toBe('***678');
  });
});

describeEachDb('sign-up by email', (kind) => {
  let s: PartnerServer;
  beforeAll(async () => {
    s = await startPartnerServer(kind);
  });
  afterAll(async () => {
    await s?.close();
  });
  const email = () => `new-${uuid()}@example.test`;
  const balance = async (token: string) => (await s.call<Balance>('GET', '/v1/ledger/balance', undefined, token)).body;
  const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const r = await f();
    return [r, performance.now() - t0];
  };

  it('answers a taken address exactly as a new one, hashes either way, and mails the owner what happened', async () => {
    const owner = await s.register();
    const before = s.mail.to(owner.email).length;
    const fresh = email();
    const newTimes: number[] = [];
    const takenTimes: number[] = [];
    const answers: Reply[] = [];
    for (let i = 0; i < 3; i++) {
      const [n, tn] = await timed(() => s.call('POST', '/v1/auth/register', { email: i === 0 ? fresh : email(), password: 'a new password' }));
      const [t, tt] = await timed(() => s.call('POST', '/v1/auth/register', { email: owner.email.toUpperCase(), password: 'a new password' }));
      answers.push(n, t);
      newTimes.push(tn);
      takenTimes.push(tt);
    }
    for (const a of answers) expect({ status: a.status, body: a.body }).toEqual({ status: 202, body: { status: 'sent' } });
    // The taken address pays for the password hash too (argon2id: tens of milliseconds).
    expect(Math.min(...takenTimes)).toBeGreaterThan(0.4 * Math.min(...newTimes));
    await new Promise((r) => setTimeout(r, 20));
    // Three attempts, one notice: registering someone's address over and over cannot flood them.
    const mails = s.mail.to(owner.email).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('KingJam: someone tried to register with your address');
    expect(mails[0]!.text).toMatch(/already has an account.*sign in, or reset your password/s);
    expect(mails[0]!.text).not.toMatch(/\b\d{6}\b/);
    // The owner's password is untouched.
    expect((await s.call('POST', '/v1/auth/login', { email: owner.email, password: owner.password })).status).toBe(200);
    expect((await s.call('POST', '/v1/auth/login', { email: owner.email, password: 'a new password' })).status).toBe(401);
    expect(s.mail.to(fresh)[0]!.subject).toBe('KingJam: verify your email');
  });

  it('grants the sign-up credits only on verification, once; the code is single-use', async () => {
    const e = email();
    expect((await s.call('POST', '/v1/auth/register', { email: e, password: 'a new password', locale: 'zh-TW' })).status).toBe(202);
    const code = await s.mail.codeFor(e);
    expect(s.mail.to(e)[0]!.subject).toBe('KingJam：驗證你的電子郵件');
    // Signing in before verifying works, but brings no credits.
    const early = await s.call<SessionBody>('POST', '/v1/auth/login', { email: e, password: 'a new password' });
    expect(early.status).toBe(200);
    expect(early.body.user.email_verified).toBe(false);
    expect((await balance(early.body.access_token)).total).toBe(0);
    const wrong = await s.call('POST', '/v1/auth/verify-email', { email: e, code: code === '000000' ? '000001' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { code: 'INVALID_EMAIL_CODE' } });
    const v = await s.call<SessionBody>('POST', '/v1/auth/verify-email', { email: e, code });
    expect(v.status).toBe(200);
    expect(v.body.user.email_verified).toBe(true);
    expect((await balance(v.body.access_token)).buckets.PROMO!.available).toBe(200);
    const again = await s.call('POST', '/v1/auth/verify-email', { email: e, code });
    expect(again.body).toMatchObject({ error: { code: 'INVALID_EMAIL_CODE' } });
    await s.call('POST', '/v1/auth/login', { email: e, password: 'a new password' });
    expect((await balance(v.body.access_token)).total).toBe(200);
  });

  it('answers an unknown address like a wrong code; five wrong tries kill the code; a resend brings a new one after a minute', async () => {
    expect((await s.call('POST', '/v1/auth/verify-email', { email: email(), code: '123456' })).body).toMatchObject({ error: { code: 'INVALID_EMAIL_CODE' } });
    const e = email();
    await s.call('POST', '/v1/auth/register', { email: e, password: 'a new password' });
    const code = await s.mail.codeFor(e);
    const bad = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) expect((await s.call('POST', '/v1/auth/verify-email', { email: e, code: bad })).status).toBe(400);
    expect((await s.call('POST', '/v1/auth/verify-email', { email: e, code })).body).toMatchObject({ error: { code: 'INVALID_EMAIL_CODE' } });
    // Within the cooldown a resend answers the same and sends nothing; after it, a new code.
    const sent = s.mail.to(e).length;
    expect((await s.call('POST', '/v1/auth/verify-email/resend', { email: e })).status).toBe(202);
    expect(s.mail.to(e)).toHaveLength(sent);
    s.clock.set(s.clock.now() + 61_000);
    expect((await s.call('POST', '/v1/auth/verify-email/resend', { email: e })).body).toEqual({ status: 'sent' });
    expect((await s.call('POST', '/v1/auth/verify-email/resend', { email: email() })).body).toEqual({ status: 'sent' });
    await new Promise((r) => setTimeout(r, 20));
    expect(s.mail.to(e)).toHaveLength(sent + 1);
    const fresh = await s.mail.codeFor(e);
    // Expired after 24 hours.
    s.clock.set(s.clock.now() + 24 * 3600_000 + 1);
    expect((await s.call('POST', '/v1/auth/verify-email', { email: e, code: fresh })).body).toMatchObject({ error: { code: 'INVALID_EMAIL_CODE' } });
  });

  it("grants the referrer's bonus when the referee verifies, not before, and only once", async () => {
    const a = await s.register();
    const { code } = (await s.call<{ code: string }>('POST', '/v1/referrals/code', undefined, a.token)).body;
    const before = (await balance(a.token)).buckets.PROMO!.available;
    const e = email();
    expect((await s.call('POST', '/v1/auth/register', { email: e, password: 'a new password', referral_code: code, nickname: 'Bea' }, undefined, { 'x-forwarded-for': nextIp() })).status).toBe(202);
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, (await s.admin()).token);
    expect((await balance(a.token)).buckets.PROMO!.available).toBe(before);
    const mailed = await s.mail.codeFor(e);
    const v = await s.call<SessionBody>('POST', '/v1/auth/verify-email', { email: e, code: mailed }, undefined, { 'x-forwarded-for': nextIp() });
    expect(v.status).toBe(200);
    expect((await balance(a.token)).buckets.PROMO!.available).toBe(before + 200);
    // A password reset later (which also counts as proof of the address) grants nothing more.
    await s.call('POST', '/v1/auth/password-reset/request', { email: e });
    await s.call('POST', '/v1/auth/password-reset/confirm', { email: e, code: await s.mail.codeFor(e), password: 'another new password' });
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, (await s.admin()).token);
    expect((await balance(a.token)).buckets.PROMO!.available).toBe(before + 200);
    const me = await s.call<{ referees: { name: string }[] }>('GET', '/v1/referrals/me', undefined, a.token);
    expect(me.body.referees).toEqual([expect.objectContaining({ name: 'Bea' })]);
    expect((await s.call('POST', '/v1/auth/register', { email: email(), password: 'a new password', referral_code: 'NOSUCHCODE' })).body).toMatchObject({ error: { code: 'INVALID_REFERRAL_CODE' } });
  });

  it('locks an unknown address exactly like a known one', async () => {
    const known = await s.register();
    const unknown = email();
    const walk = async (e: string) => {
      const out: { status: number; code: unknown; retry: unknown }[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await s.call<{ error: { code: string; details?: { retry_after_seconds?: number } } }>('POST', '/v1/auth/login', { email: e, password: 'not the password' });
        out.push({ status: r.status, code: r.body.error.code, retry: r.body.error.details?.retry_after_seconds });
      }
      return out;
    };
    const a = await walk(known.email);
    const b = await walk(unknown);
    expect(b).toEqual(a);
    expect(a.at(-1)).toMatchObject({ status: 429, code: 'ACCOUNT_LOCKED' });
  });

  it('locks an unknown address like a known one under 20 parallel guesses too (5 answered 401, the rest 429)', async () => {
    const known = await s.register();
    const burst = async (e: string) => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => s.call<{ error: { code: string } }>('POST', '/v1/auth/login', { email: e, password: 'not the password' })));
      return answers.map((r) => `${r.status} ${r.body.error.code}`).sort();
    };
    const a = await burst(known.email);
    const b = await burst(email());
    expect(a.filter((x) => x === '401 INVALID_CREDENTIALS')).toHaveLength(5);
    expect(b).toEqual(a);
  });

  it('resets a password by the mailed code: same answer for unknown addresses, every session signed out, single use', async () => {
    const u = await s.register();
    const unknown = await s.call('POST', '/v1/auth/password-reset/request', { email: email() });
    const known = await s.call('POST', '/v1/auth/password-reset/request', { email: u.email, locale: 'zh-CN' });
    expect(unknown).toEqual(known);
    expect(known).toMatchObject({ status: 202, body: { status: 'sent' } });
    const code = await s.mail.codeFor(u.email);
    expect(s.mail.to(u.email).at(-1)!.subject).toBe('KingJam：重设密码');
    const r = await s.call('POST', '/v1/auth/password-reset/confirm', { email: u.email, code, password: 'my new password' });
    expect(r).toMatchObject({ status: 200, body: { ok: true } });
    expect((await s.call('POST', '/v1/auth/refresh', { refresh_token: u.refresh })).body).toMatchObject({ error: { code: 'REFRESH_TOKEN_REVOKED' } });
    expect((await s.call('POST', '/v1/auth/login', { email: u.email, password: u.password })).status).toBe(401);
    expect((await s.call('POST', '/v1/auth/login', { email: u.email, password: 'my new password' })).status).toBe(200);
    expect((await s.call('POST', '/v1/auth/password-reset/confirm', { email: u.email, code, password: 'yet another one' })).body).toMatchObject({ error: { code: 'INVALID_EMAIL_CODE' } });
  });

  it('records the device id a refresh carries, so a long session keeps telling the fraud rules where it runs', async () => {
    const u = await s.register({ device: 'a'.repeat(64) });
    const r = await s.call<SessionBody>('POST', '/v1/auth/refresh', { refresh_token: u.refresh, device: 'b'.repeat(64) });
    expect(r.status).toBe(200);
    const rows = await s.db.db.selectFrom('fingerprints').select(['event', 'device_hash']).where('user_id', '=', u.id).execute();
    expect(rows).toContainEqual({ event: 'login', device_hash: s.app.partners.hasher.hash('device', 'b'.repeat(64)) });
    expect(rows).toContainEqual({ event: 'signup', device_hash: s.app.partners.hasher.hash('device', 'a'.repeat(64)) });
  });

  it('serves the referral landing page in the visitor language, escaped, under a strict CSP', async () => {
    const a = await s.register();
    const { code, link } = (await s.call<{ code: string; link: string }>('POST', '/v1/referrals/code', undefined, a.token)).body;
    const get = (path: string, lang: string) => fetch(`${s.base}${path}`, { headers: { 'accept-language': lang } });
    const tw = await get(`/r/${code}`, 'zh-TW,zh;q=0.9');
    expect(tw.status).toBe(200);
    expect(tw.headers.get('content-type')).toMatch(/^text\/html/);
    expect(tw.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    const twHtml = await tw.text();
    expect(twHtml).toContain('lang="zh-TW"');
    expect(twHtml).toContain('推薦碼');
    expect(twHtml).toContain(`<code>${code}</code>`);
    expect(twHtml).toContain(`href="kingjam://signup?ref=${code}"`);
    expect(twHtml).not.toContain('<script');
    expect(await (await get(`/r/${code}`, 'zh-CN')).text()).toContain('推荐码');
    expect(await (await get(`/r/${code.toLowerCase()}`, 'en-US')).text()).toContain('Referral code');
    expect(new URL(link).pathname).toBe(`/r/${code}`);
    const evil = await get(`/r/${encodeURIComponent('<script>alert(1)</script>')}`, 'en');
    expect(evil.status).toBe(404);
    expect(await evil.text()).not.toContain('<script>');
  });
});

describe('sign-up mail over SMTP', () => {
  it('sends the code through the SMTP server the environment names (the alerts use the same settings)', async () => {
    const smtp = await fakeSmtp();
    const s = await startPartnerServer('sqlite', { mailer: mailerFromEnv({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), KINGJAM_MAIL_FROM: 'KingJam <signup@kingjam.test>' }) });
    try {
      const e = `smtp-${uuid()}@example.test`;
      expect((await s.call('POST', '/v1/auth/register', { email: e, password: 'a new password', locale: 'en' })).status).toBe(202);
      for (let i = 0; i < 200 && smtp.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      const raw = smtp.messages[0] ?? '';
      expect(raw).toContain(`To: ${e}`);
      expect(raw).toContain('From: KingJam <signup@kingjam.test>');
      expect(raw).toContain('Subject: KingJam: verify your email');
      const code = /verification code is (\d{6})/.exec(raw.replace(/=\n/g, ''))?.[1];
      expect((await s.call('POST', '/v1/auth/verify-email', { email: e, code })).status).toBe(200);
    } finally {
      await s.close();
      await smtp.close();
    }
  });
});

describe('kingjam-cloud serve --port 0', () => {
  it('names the port it got in referral links, never :0, and mails codes to the console without SMTP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kingjam-signup-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/serve.ts', 'serve', '--port', '0', '--db', join(dir, 'cloud.db')], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, KINGJAM_PUBLIC_URL: '', SMTP_HOST: '', LOG_LEVEL: 'warn', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', (l) => resolve(l.replace('listening on ', '').trim()));
        child.once('exit', (c) => reject(new Error(`exited ${c}: ${stderr}`)));
      });
      expect(base).not.toMatch(/:0$/);
      const e = `cli-${uuid()}@example.test`;
      expect((await call(base, 'POST', '/v1/auth/register', { email: e, password: 'a cli password' })).status).toBe(202);
      let code: string | undefined;
      for (let i = 0; i < 100 && !code; i++) {
        code = new RegExp(`MAIL to ${e.replace(/[.]/g, '\\.')}: [^\\n]*\\n[^\\n]*?(\\d{6})`).exec(stderr)?.[1];
        if (!code) await new Promise((r) => setTimeout(r, 20));
      }
      const v = await call<SessionBody>(base, 'POST', '/v1/auth/verify-email', { email: e, code });
      expect(v.status).toBe(200);
      const r = await call<{ link: string }>(base, 'POST', '/v1/referrals/code', undefined, v.body.access_token);
      expect(r.body.link.startsWith(`${base}/r/`)).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
