import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../src/auth/totp.js';
import { SmtpMailer } from '../src/mail/mailer.js';
import { isValidTaiwanId } from '../src/verification/national-id.js';
import { TOTP_CHANGE_REVIEW_MS, WITHDRAW_TOTP_LIMIT } from '../src/withdrawals/totp-gate.js';
import { TwilioSms } from '../src/verification/sms.js';
import { describeEachDb } from './support/db.js';
import type { Session } from './support/http.js';
import { uuid } from './support/http.js';
import type { Loopback, PartnerServer } from './support/partners.js';
import { enableTotp, json, loopback, startPartnerServer } from './support/partners.js';
import { fakeSmtp, mailBody } from './support/smtp.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe('Taiwan national ID', () => {
  it('accepts valid numbers and refuses malformed ones', () => {
    for (const ok of ['A123456789', 'a123456789', 'F131104093', 'A800000014']) expect([ok, isValidTaiwanId(ok)]).toEqual([ok, true]);
    for (const bad of ['A123456788', 'A323456789', '1234567890', 'A12345678', 'A1234567890', 'AB23456789', '', 'Ａ123456789']) expect([bad, isValidTaiwanId(bad)]).toEqual([bad, false]);
  });
});

describeEachDb('verification and withdrawals', (kind) => {
  let s: PartnerServer;
  let sms: Loopback;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  let admin: Session;
  const lastCode = () => /(\d{6})/.exec(new URLSearchParams(sms.requests.at(-1)?.body ?? '').get('Body') ?? '')?.[1] ?? '';
  beforeAll(async () => {
    // A Twilio-compatible loopback API: the real HTTP client talks to it.
    sms = await loopback((req, res) => json(res, 201, { sid: `SM${uuid().replace(/-/g, '')}`, status: 'queued' }));
    // Mail to account owners goes to a loopback SMTP server.
    smtp = await fakeSmtp();
    const mailer = new SmtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'KingJam <no-reply@kingjam.test>' });
    s = await startPartnerServer(kind, { mailer, partners: { sms: new TwilioSms({ accountSid: 'AC_test', authToken: 'tok', from: '+15550001111', apiBase: sms.base }) } });
    admin = await s.admin();
  });
  afterAll(async () => {
    await s?.close();
    await sms?.close();
    await smtp?.close();
  });

  async function verifyPhone(u: Session, phone: string) {
    const sent = await s.call('POST', '/v1/verification/phone/send', { phone }, u.token);
    expect(sent.status).toBe(200);
    const ok = await s.call('POST', '/v1/verification/phone/confirm', { code: lastCode() }, u.token);
    expect(ok.body).toMatchObject({ verified: true, phone });
  }
  async function verifyIdentity(u: Session, nationalId: string) {
    const up = await fetch(`${s.base}/v1/verification/identity/document`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${u.token}` }, body: PNG });
    expect(up.status).toBe(201);
    const { document_id } = (await up.json()) as { document_id: string };
    const sub = await s.call<{ id: string; national_id: string }>('POST', '/v1/verification/identity', { national_id: nationalId, full_name: '王小明', document_id }, u.token);
    expect(sub.status).toBe(201);
    expect(sub.body.national_id).toBe(`${nationalId.slice(0, 2)}*****${nationalId.slice(7)}`);
    const list = await s.call<{ verifications: { id: string }[] }>('GET', '/v1/admin/verifications', undefined, admin.token);
    expect(list.body.verifications.map((v) => v.id)).toContain(sub.body.id);
    const file = await fetch(`${s.base}/v1/admin/verifications/${sub.body.id}/document`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await s.call('GET', `/v1/admin/verifications/${sub.body.id}/document`, undefined, u.token)).status).toBe(403);
    const d = await s.call('POST', `/v1/admin/verifications/${sub.body.id}/decision`, { decision: 'approved', note: 'document matches' }, admin.token);
    expect(d.body).toMatchObject({ status: 'approved', note: 'document matches', reviewed_by: admin.id });
  }

  it('phone OTP: cooldown, brute force locked out, expiry', async () => {
    const u = await s.register();
    expect((await s.call('POST', '/v1/verification/phone/send', { phone: '12345' }, u.token)).status).toBe(400);
    expect((await s.call('POST', '/v1/verification/phone/send', { phone: '+886912000001' }, u.token)).status).toBe(200);
    expect(sms.requests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('AC_test:tok').toString('base64')}`);
    expect(sms.requests.at(-1)?.path).toBe('/2010-04-01/Accounts/AC_test/Messages.json');
    const code = lastCode();
    expect((await s.call('POST', '/v1/verification/phone/send', { phone: '+886912000001' }, u.token)).body).toMatchObject({ error: { code: 'OTP_RESEND_COOLDOWN' } });
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const r = await s.call('POST', '/v1/verification/phone/confirm', { code: wrong }, u.token);
      expect(r.body).toMatchObject({ error: { code: 'INVALID_OTP', details: { attempts_left: 5 - i } } });
    }
    expect((await s.call('POST', '/v1/verification/phone/confirm', { code: wrong }, u.token)).status).toBe(429);
    // Locked: even the right code is refused now.
    expect((await s.call('POST', '/v1/verification/phone/confirm', { code }, u.token)).body).toMatchObject({ error: { code: 'OTP_LOCKED' } });
    s.clock.advance(16 * 60_000);
    await s.call('POST', '/v1/verification/phone/send', { phone: '+886912000001' }, u.token);
    s.clock.advance(5 * 60_000 + 1);
    expect((await s.call('POST', '/v1/verification/phone/confirm', { code: lastCode() }, u.token)).body).toMatchObject({ error: { code: 'OTP_EXPIRED' } });
    s.clock.advance(60_000);
    await verifyPhone(u, '+886912000001');
    const other = await s.register();
    expect((await s.call('POST', '/v1/verification/phone/send', { phone: '+886912000001' }, other.token)).body).toMatchObject({ error: { code: 'PHONE_IN_USE' } });
  });

  it('identity: malformed ID numbers, oversized and mislabelled documents are refused', async () => {
    const u = await s.register();
    const up = await fetch(`${s.base}/v1/verification/identity/document`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${u.token}` }, body: PNG });
    const { document_id } = (await up.json()) as { document_id: string };
    for (const bad of ['A123456788', 'Z999999999', '12345', 'A1234567890']) {
      const r = await s.call('POST', '/v1/verification/identity', { national_id: bad, full_name: 'x', document_id }, u.token);
      expect([bad, r.status, (r.body as { error: { code: string } }).error.code]).toEqual([bad, 400, expect.stringMatching(/INVALID_NATIONAL_ID|VALIDATION_ERROR/)]);
    }
    const big = await fetch(`${s.base}/v1/verification/identity/document`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${u.token}` }, body: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    const liar = await fetch(`${s.base}/v1/verification/identity/document`, { method: 'POST', headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${u.token}` }, body: PNG });
    expect(await liar.json()).toMatchObject({ error: { code: 'DOCUMENT_TYPE_MISMATCH' } });
    const gif = await fetch(`${s.base}/v1/verification/identity/document`, { method: 'POST', headers: { 'content-type': 'image/gif', authorization: `Bearer ${u.token}` }, body: 'GIF89a' });
    expect(gif.status).toBe(415);
    const anon = await fetch(`${s.base}/v1/verification/identity/document`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG });
    expect(anon.status).toBe(401);
  });

  it('withdrawals: requirements, TOTP, limits at their edges, review states, credits back on rejection', async () => {
    const u = await s.register();
    const pay = { bank_code: '812', account_number: '00123456789012', account_name: '王小明' };
    const w = (amount: number, totp = '123456', id = uuid()) => s.call<{ id: string; status: string; error?: { code: string } }>('POST', '/v1/withdrawals', { id, amount, totp, payout: pay }, u.token);
    await s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: u.id, bucket: 'BONUS', amount: 400_000, reason: 'referral earnings' }, admin.token);
    expect((await w(3000)).body).toMatchObject({ error: { code: 'PHONE_NOT_VERIFIED' } });
    await verifyPhone(u, '+886912000002');
    expect((await w(3000)).body).toMatchObject({ error: { code: 'IDENTITY_NOT_VERIFIED' } });
    await verifyIdentity(u, 'A123456789');
    expect((await w(3000)).body).toMatchObject({ error: { code: 'TOTP_NOT_ENABLED' } });
    const totp = await enableTotp(s, u);
    // Past the 24 hours in which withdrawals after a 2FA change are held for review (tested below).
    s.clock.advance(TOTP_CHANGE_REVIEW_MS);
    expect((await w(3000, '000000')).body).toMatchObject({ error: { code: 'INVALID_TOTP' } });
    expect((await s.call('POST', '/v1/withdrawals', { id: uuid(), amount: 3000, payout: pay }, u.token)).status).toBe(400);

    expect((await w(2999, totp())).body).toMatchObject({ error: { code: 'WITHDRAWAL_BELOW_MINIMUM' } });
    expect((await w(100_010, totp())).body).toMatchObject({ error: { code: 'WITHDRAWAL_ABOVE_MAXIMUM' } });
    const id1 = uuid();
    const code1 = totp();
    const first = await w(3000, code1, id1);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'requested', amount: 3000, amount_twd: 300, payout: { account_last4: '9012' } });
    expect(JSON.stringify(first.body)).not.toContain('00123456789012');
    // A retry of the same request answers the same withdrawal (no second TOTP use, no second debit).
    expect((await w(3000, code1, id1)).body).toMatchObject({ id: id1, status: 'requested' });
    expect((await w(3010, totp(), id1)).status).toBe(409);
    // The code just used cannot be used again.
    const reused = totp();
    expect((await w(3000, reused)).status).toBe(201);
    expect((await w(3000, reused)).body).toMatchObject({ error: { code: 'INVALID_TOTP' } });
    expect((await w(100_000, totp())).status).toBe(201);
    expect((await w(100_000, totp())).status).toBe(201);
    // 206,000 used: 94,000 more reaches 300,000 exactly; then nothing more this month.
    expect((await w(94_000, totp())).status).toBe(201);
    expect((await w(3000, totp())).body).toMatchObject({ error: { code: 'MONTHLY_WITHDRAWAL_LIMIT' } });
    const summary = await s.call<{ used_this_month: number; remaining_this_month: number; bonus_available: number }>('GET', '/v1/withdrawals', undefined, u.token);
    expect(summary.body).toMatchObject({ used_this_month: 300_000, remaining_this_month: 0, bonus_available: 100_000 });

    // Review: approve → paid; rejection returns the credits and the month's allowance.
    expect((await s.call('POST', `/v1/admin/withdrawals/${id1}/paid`, {}, admin.token)).body).toMatchObject({ error: { code: 'WITHDRAWAL_STATE' } });
    expect((await s.call('POST', `/v1/admin/withdrawals/${id1}/approve`, {}, u.token)).status).toBe(403);
    expect((await s.call('POST', `/v1/admin/withdrawals/${id1}/approve`, { note: 'ok' }, admin.token)).body).toMatchObject({ status: 'approved' });
    const paid = await s.call<{ status: string; events: { to: string }[] }>('POST', `/v1/admin/withdrawals/${id1}/paid`, { note: 'bank ref 42' }, admin.token);
    expect(paid.body.events.map((e) => e.to)).toEqual(['requested', 'approved', 'paid']);
    expect((await s.call('POST', `/v1/admin/withdrawals/${id1}/reject`, { note: 'too late' }, admin.token)).status).toBe(409);
    const pending = await s.call<{ withdrawals: { id: string; amount: number }[] }>('GET', '/v1/admin/withdrawals?status=requested', undefined, admin.token);
    const big = pending.body.withdrawals.find((x) => x.amount === 94_000)!;
    expect((await s.call('POST', `/v1/admin/withdrawals/${big.id}/reject`, {}, admin.token)).status).toBe(400);
    const rejected = await s.call('POST', `/v1/admin/withdrawals/${big.id}/reject`, { note: 'account name mismatch' }, admin.token);
    expect(rejected.body).toMatchObject({ status: 'rejected', note: 'account name mismatch' });
    expect((await s.call('POST', `/v1/admin/withdrawals/${big.id}/reject`, { note: 'again' }, admin.token)).status).toBe(409);
    const after = await s.call<{ used_this_month: number; bonus_available: number }>('GET', '/v1/withdrawals', undefined, u.token);
    expect(after.body).toMatchObject({ used_this_month: 206_000, bonus_available: 194_000 });
    const kinds = await s.db.db.selectFrom('journal').select(['kind', 'amount']).where('user_id', '=', u.id).where('kind', 'in', ['withdraw', 'adjust']).execute();
    expect(kinds.filter((k) => k.kind === 'withdraw')).toHaveLength(5);
    expect(kinds.filter((k) => k.kind === 'adjust')).toEqual([{ kind: 'adjust', amount: 94_000 }]);
    expect((await s.call('GET', '/v1/admin/ledger/check', undefined, admin.token)).body).toMatchObject({ ok: true });

    // Only BONUS credits are withdrawable.
    const poor = await s.register();
    await s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: poor.id, bucket: 'PAID', amount: 50_000, reason: 'purchase' }, admin.token);
    await verifyPhone(poor, '+886912000003');
    await verifyIdentity(poor, 'F131104093');
    const ptotp = await enableTotp(s, poor);
    expect((await s.call('POST', '/v1/withdrawals', { id: uuid(), amount: 3000, totp: ptotp(), payout: pay }, poor.token)).body).toMatchObject({ error: { code: 'INSUFFICIENT_BONUS' } });
    // A blocked account cannot withdraw.
    await s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: poor.id, bucket: 'BONUS', amount: 5_000, reason: 'referral earnings' }, admin.token);
    await s.call('POST', `/v1/admin/fraud/users/${poor.id}/review`, { action: 'block', note: 'chargeback ring' }, admin.token);
    expect((await s.call('POST', '/v1/withdrawals', { id: uuid(), amount: 3000, totp: ptotp(), payout: pay }, poor.token)).body).toMatchObject({ error: { code: 'ACCOUNT_BLOCKED' } });
  });

  /** A valid Taiwan ID number that starts with `prefix` (nine characters): the check digit is found. */
  const idNumber = (prefix: string) => [...'0123456789'].map((d) => `${prefix}${d}`).find(isValidTaiwanId)!;
  const pay = { bank_code: '812', account_number: '00123456789012', account_name: '王小明' };

  /** A user who may withdraw once a code is given: BONUS credits, phone and identity verified. */
  async function withdrawer(phone: string, idPrefix: string): Promise<Session> {
    const u = await s.register();
    await s.call('POST', '/v1/admin/grants', { id: uuid(), user_id: u.id, bucket: 'BONUS', amount: 50_000, reason: 'referral earnings' }, admin.token);
    await verifyPhone(u, phone);
    await verifyIdentity(u, idNumber(idPrefix));
    return u;
  }

  it('withdrawal codes: the fifth wrong one locks withdrawals for 15 minutes (parallel guesses too), alerts once and tells the owner', async () => {
    const u = await withdrawer('+886912000004', 'B12345678');
    const totp = await enableTotp(s, u);
    s.clock.advance(TOTP_CHANGE_REVIEW_MS);
    const good = totp();
    const wrong = good === '000000' ? '111111' : '000000';
    const attempt = (code: string) => s.call<{ status?: string; error?: { code: string; details?: { attempts_left?: number; retry_after_seconds?: number } } }>('POST', '/v1/withdrawals', { id: uuid(), amount: 3000, totp: code, payout: pay }, u.token);

    // Twenty wrong codes at once: each attempt is counted before its code is checked, so only the
    // first five are checked; the fifth locks.
    const answers = await Promise.all(Array.from({ length: 20 }, () => attempt(wrong)));
    const codes = answers.map((a) => a.body.error?.code);
    expect(codes.filter((c) => c === 'INVALID_TOTP')).toHaveLength(WITHDRAW_TOTP_LIMIT.max - 1);
    expect(codes.filter((c) => c === 'WITHDRAWALS_LOCKED')).toHaveLength(20 - (WITHDRAW_TOTP_LIMIT.max - 1));
    expect(answers.filter((a) => a.body.error?.code === 'INVALID_TOTP').map((a) => a.body.error?.details?.attempts_left).sort()).toEqual([1, 2, 3, 4]);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);

    // Locked: the right code is refused too, with the wait.
    const locked = await attempt(good);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'WITHDRAWALS_LOCKED' });
    expect(locked.body.error?.details?.retry_after_seconds).toBeGreaterThan(14 * 60);
    expect(locked.body.error?.details?.retry_after_seconds).toBeLessThanOrEqual(15 * 60);
    const summary = await s.call<{ locked_until: number | null; withdrawals: unknown[] }>('GET', '/v1/withdrawals', undefined, u.token);
    expect(summary.body.locked_until).toBe(s.clock.now() + (locked.body.error?.details?.retry_after_seconds ?? 0) * 1000);
    expect(summary.body.withdrawals).toEqual([]);

    // One alert to the operators and one notice to the owner for the lock.
    expect(s.alerts.alerts.filter((a) => a.key === `withdrawals:totp-locked:${u.id}`)).toHaveLength(1);
    const notices = await s.call<{ notifications: { kind: string; data: { locked_until: number } }[] }>('GET', '/v1/notifications', undefined, u.token);
    expect(notices.body.notifications.filter((n) => n.kind === 'withdrawals_locked')).toEqual([expect.objectContaining({ data: { locked_until: summary.body.locked_until } })]);

    // After 15 minutes the right code works, and the count starts over.
    s.clock.advance(WITHDRAW_TOTP_LIMIT.lockMs);
    expect((await attempt(totp())).status).toBe(201);
    expect((await attempt(wrong)).body.error).toMatchObject({ code: 'INVALID_TOTP', details: { attempts_left: 4 } });
    expect((await s.call<{ locked_until: number | null }>('GET', '/v1/withdrawals', undefined, u.token)).body.locked_until).toBeNull();
  });

  it('2FA turned on or changed (password and current code re-checked) mails the owner, and withdrawals for 24 hours are held for review', async () => {
    s.clock.set(Date.now());
    const u = await withdrawer('+886912000005', 'C12345678');
    const mails = smtp.messages.length;
    // Enrolment needs the password in the request itself, then again with the first code.
    expect((await s.call('POST', '/v1/auth/totp/enroll', undefined, u.token)).status).toBe(400);
    expect((await s.call('POST', '/v1/auth/totp/enroll', { password: 'not my password' }, u.token)).body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const first = await s.call<{ secret: string }>('POST', '/v1/auth/totp/enroll', { password: u.password }, u.token);
    expect((await s.call('POST', '/v1/auth/totp/verify', { code: totpAt(first.body.secret, Date.now()) }, u.token)).status).toBe(400);
    expect((await s.call('POST', '/v1/auth/totp/verify', { code: totpAt(first.body.secret, Date.now()), password: 'not my password' }, u.token)).body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect((await s.call('POST', '/v1/auth/totp/verify', { code: totpAt(first.body.secret, Date.now()), password: u.password }, u.token)).body).toEqual({ totp_enabled: true });
    await expect.poll(() => smtp.messages.length).toBe(mails + 1);
    const mail = smtp.messages.at(-1)!;
    expect(mail).toContain(`To: ${u.email}`);
    expect(mailBody(mail)).toContain('Two-factor authentication was turned on for your KingJam account');
    expect(mailBody(mail)).toContain('您的 KingJam 帳號已開啟兩步驟驗證');

    // Changing the authenticator needs the current code as well as the password. (Enrolment and
    // sign-in run on the wall clock, withdrawals on the test clock: codes are taken from each.)
    expect((await s.call('POST', '/v1/auth/totp/enroll', { password: u.password }, u.token)).body).toMatchObject({ error: { code: 'TOTP_REQUIRED' } });
    const current = totpAt(first.body.secret, Date.now() + 30_000);
    expect((await s.call('POST', '/v1/auth/totp/enroll', { password: u.password, totp: current === '000000' ? '111111' : '000000' }, u.token)).body).toMatchObject({ error: { code: 'INVALID_TOTP' } });
    const second = await s.call<{ secret: string }>('POST', '/v1/auth/totp/enroll', { password: u.password, totp: current }, u.token);
    expect(second.status).toBe(200);

    // Within 24 hours of turning 2FA on: held for review, which the owner and the admins see; the
    // old authenticator works until the new one is confirmed.
    const summary = await s.call<{ review_until: number | null }>('GET', '/v1/withdrawals', undefined, u.token);
    expect(summary.body.review_until).toBeGreaterThan(Date.now() + TOTP_CHANGE_REVIEW_MS - 60_000);
    s.clock.set(Date.now() + 60_000);
    const code = (secret: string) => {
      s.clock.advance(30_000);
      return totpAt(secret, s.clock.now());
    };
    const held = await s.call<{ id: string; status: string; events: { to: string; note: string | null }[] }>('POST', '/v1/withdrawals', { id: uuid(), amount: 3000, totp: code(first.body.secret), payout: pay }, u.token);
    expect(held.body).toMatchObject({ status: 'review', events: [{ to: 'review', note: 'two-factor authentication changed within 24 hours' }] });
    expect((await s.call('GET', `/v1/withdrawals/${held.body.id}`, undefined, u.token)).body).toMatchObject({ status: 'review' });
    const queue = await s.call<{ withdrawals: { id: string }[] }>('GET', '/v1/admin/withdrawals?status=review', undefined, admin.token);
    expect(queue.body.withdrawals.map((w) => w.id)).toContain(held.body.id);
    expect((await s.call('POST', `/v1/admin/withdrawals/${held.body.id}/paid`, {}, admin.token)).body).toMatchObject({ error: { code: 'WITHDRAWAL_STATE' } });
    const approved = await s.call<{ status: string; events: { to: string }[] }>('POST', `/v1/admin/withdrawals/${held.body.id}/approve`, { note: 'owner confirmed by phone' }, admin.token);
    expect(approved.body.events.map((e) => e.to)).toEqual(['review', 'approved']);

    // The new authenticator confirmed: the owner is mailed again, the old one stops working, and
    // withdrawals are held for the 24 hours after the change.
    expect((await s.call('POST', '/v1/auth/totp/verify', { code: totpAt(second.body.secret, Date.now()), password: u.password }, u.token)).body).toEqual({ totp_enabled: true });
    await expect.poll(() => smtp.messages.length).toBe(mails + 2);
    expect(mailBody(smtp.messages.at(-1)!)).toContain('The authenticator of your KingJam account was changed');
    expect((await s.call('POST', '/v1/withdrawals', { id: uuid(), amount: 3000, totp: code(first.body.secret), payout: pay }, u.token)).body).toMatchObject({ error: { code: 'INVALID_TOTP' } });
    expect((await s.call('POST', '/v1/withdrawals', { id: uuid(), amount: 3000, totp: code(second.body.secret), payout: pay }, u.token)).body).toMatchObject({ status: 'review' });
    s.clock.advance(TOTP_CHANGE_REVIEW_MS);
    expect((await s.call('POST', '/v1/withdrawals', { id: uuid(), amount: 3000, totp: code(second.body.secret), payout: pay }, u.token)).body).toMatchObject({ status: 'requested' });
    expect((await s.call<{ review_until: number | null }>('GET', '/v1/withdrawals', undefined, u.token)).body.review_until).toBeNull();
    const notices = await s.call<{ notifications: { kind: string; data: { first: boolean } }[] }>('GET', '/v1/notifications', undefined, u.token);
    expect(notices.body.notifications.filter((n) => n.kind === 'totp_changed').map((n) => n.data.first)).toEqual([true, false]);
  });
});
