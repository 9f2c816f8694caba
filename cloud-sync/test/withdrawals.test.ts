import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidTaiwanId } from '../src/verification/national-id.js';
import { TwilioSms } from '../src/verification/sms.js';
import { describeEachDb } from './support/db.js';
import type { Session } from './support/http.js';
import { uuid } from './support/http.js';
import type { Loopback, PartnerServer } from './support/partners.js';
import { enableTotp, json, loopback, startPartnerServer } from './support/partners.js';

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
  let admin: Session;
  const lastCode = () => /(\d{6})/.exec(new URLSearchParams(sms.requests.at(-1)?.body ?? '').get('Body') ?? '')?.[1] ?? '';
  beforeAll(async () => {
    // A Twilio-compatible loopback API: the real HTTP client talks to it.
    sms = await loopback((req, res) => json(res, 201, { sid: `SM${uuid().replace(/-/g, '')}`, status: 'queued' }));
    s = await startPartnerServer(kind, { partners: { sms: new TwilioSms({ accountSid: 'AC_test', authToken: 'tok', from: '+15550001111', apiBase: sms.base }) } });
    admin = await s.admin();
  });
  afterAll(async () => {
    await s?.close();
    await sms?.close();
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
});
