import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, migrate, openDatabase, type App } from '../cloud-sync/src/index.js';
import { totpAt } from '../cloud-sync/src/auth/totp.js';
import type { SmsProvider } from '../cloud-sync/src/verification/sms.js';
import { createHandlers, type Handlers } from '../src/main/api/handlers.js';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import { Studio } from '../src/main/studio.js';
import { StudioError } from '../src/shared/errors.js';
import type { AccountNotice } from '../src/shared/partners.js';
import { openStore } from '../src/main/store/db.js';
import { PartnerService } from '../src/main/sync/partners.js';
import { contractCalls } from './helpers/calls.js';
import { FAST_JOBS, tempHome } from './helpers/studio.js';
import { makePng } from './helpers/media.js';

/**
 * The desktop's Referral center, Profile and Connections calls (through the
 * contract and the handlers) against a real cloud-sync on SQLite in this
 * process: text messages are caught by an SmsProvider here, WordPress is a
 * loopback fake.
 */

class CapturingSms implements SmsProvider {
  readonly name = 'test';
  readonly sent: { to: string; body: string }[] = [];
  send(to: string, body: string): Promise<void> {
    this.sent.push({ to, body });
    return Promise.resolve();
  }
  lastCode(): string {
    const m = /\b(\d{6})\b/.exec(this.sent.at(-1)?.body ?? '');
    if (!m?.[1]) throw new Error('no code was sent');
    return m[1];
  }
}

const home = tempHome('kingjam-partners-');
const sms = new CapturingSms();
let app: App;
let cloudUrl: string;
let wordpress: Server;
let wordpressUrl: string;
let studio: Studio;
let handlers: Handlers;
const email = 'partner@example.com';
const password = 'correct horse battery staple';

const { call, refused } = contractCalls(() => handlers);
let totpSecret = '';

beforeAll(async () => {
  const db = openDatabase(path.join(tempHome('kingjam-partners-cloud-'), 'cloud.db'));
  await migrate(db);
  app = await buildApp({ db, jwtSecret: randomBytes(32).toString('hex'), publicUrl: 'https://kingjam.example', partners: { sms, vault: { allowPrivateSites: true } } });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  cloudUrl = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
  const reg = await fetch(`${cloudUrl}/v1/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  // Accepted; signing in works before the mailed code is entered (the sign-up credits wait for it).
  expect(reg.status).toBe(202);

  // A fake WordPress: /wp-json/wp/v2/users/me answers for "editor" with the right application password.
  wordpress = createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    const ok = auth === `Basic ${Buffer.from('editor:abcd efgh ijkl mnop').toString('base64')}`;
    res.setHeader('content-type', 'application/json');
    if (req.url !== '/wp-json/wp/v2/users/me') {
      res.statusCode = 404;
      res.end('{}');
    } else if (!ok) {
      res.statusCode = 401;
      res.end(JSON.stringify({ code: 'rest_not_logged_in' }));
    } else res.end(JSON.stringify({ id: 7, name: 'Editor Lin' }));
  });
  await new Promise<void>((r) => wordpress.listen(0, '127.0.0.1', r));
  wordpressUrl = `http://127.0.0.1:${(wordpress.address() as AddressInfo).port}`;

  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: FAST_JOBS, secrets, startJobs: false, sync: { defaultCloudUrl: cloudUrl, syncEveryMs: 3_600_000 } });
  handlers = createHandlers(studio, 'web');
});

afterAll(async () => {
  await studio?.close();
  await app?.server.close();
  await new Promise<void>((r) => (wordpress ? wordpress.close(() => r()) : r()));
});

describe('partner programme, profile and connections from the desktop', () => {
  it('asks to sign in first', async () => {
    expect(await refused('partners.referral', {})).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('shows the referral code, link and Bronze tier with what Silver needs', async () => {
    await studio.sync.login({ email, password });
    const r = await call('partners.referral', {});
    expect(r.code).toMatch(/^[A-Z0-9]{4,}/);
    expect(r.link).toBe(`https://kingjam.example/r/${r.code}`);
    expect(r).toMatchObject({ tier: 'bronze', commissionPct: 10, qualifiedReferrals: 0, referees: [], progress: { nextTier: 'silver', referralsNeeded: 10, revenueNeededTwd: 5000 } });
    expect(r.earnings).toEqual({ promoGranted: 0, bonusGranted: 0, bonusPending: 0, bonusHeld: 0 });
  });

  it('verifies the phone with the texted code; a wrong code says how many attempts are left; resending too soon is refused', async () => {
    expect(await refused('profile.sendPhoneCode', { phone: '02-2345-6789' })).toMatchObject({ code: 'BAD_INPUT' });
    // A Taiwanese local number, as people type it, is texted at +886.
    expect(await call('profile.sendPhoneCode', { phone: '0912-345-678' })).toEqual({ phone: '+886912345678', expiresIn: 300, resendAfter: 60 });
    expect(sms.sent.at(-1)?.to).toBe('+886912345678');
    expect(await refused('profile.sendPhoneCode', { phone: '+886912345678' })).toMatchObject({ code: 'CONFLICT', cloud: { code: 'OTP_RESEND_COOLDOWN' } });
    const code = sms.lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await refused('profile.confirmPhone', { code: wrong });
    expect(bad).toMatchObject({ code: 'BAD_INPUT', cloud: { code: 'INVALID_OTP', attemptsLeft: 4 } });
    expect(bad.hint).toContain('6-digit');
    const v = await call('profile.confirmPhone', { code });
    expect(v.phone).toEqual({ verified: true, phone: '+886912345678' });
  });

  it('uploads a document, refuses a bad national ID with the cloud’s message, and takes a good one for review', async () => {
    const big = path.join(home, 'big.png');
    fs.writeFileSync(big, Buffer.alloc(5 * 1024 * 1024 + 1));
    expect(await refused('profile.uploadDocument', { path: big })).toMatchObject({ code: 'FILE_TOO_LARGE' });
    const text = path.join(home, 'id.txt');
    fs.writeFileSync(text, 'not an image');
    expect(await refused('profile.uploadDocument', { path: text })).toMatchObject({ code: 'UNSUPPORTED_TYPE' });

    const png = await makePng(path.join(home, 'id.png'), 32, 20);
    const doc = await call('profile.uploadDocument', { path: png });
    expect(doc).toMatchObject({ contentType: 'image/png' });

    const bad = await refused('profile.submitIdentity', { nationalId: 'A123456788', fullName: '林小明', documentId: doc.documentId, birthDate: '1990-05-17' });
    expect(bad).toMatchObject({ code: 'BAD_INPUT', cloud: { code: 'INVALID_NATIONAL_ID' } });
    expect(bad.message).toMatch(/national ID/i);

    const v = await call('profile.submitIdentity', { nationalId: 'A123456789', fullName: '林小明', documentId: doc.documentId, birthDate: '1990-05-17' });
    expect(v.identity).toMatchObject({ status: 'pending', fullName: '林小明', note: null });
    expect(v.identity?.nationalId).not.toBe('A123456789');
  });

  it('enrols two-factor authentication with the password and a code computed from the secret', async () => {
    // The cloud re-checks the password: a wrong one is bad input in that field, not an ended session.
    expect(await refused('profile.enrollTotp', {} as { password: string })).toMatchObject({ code: 'BAD_INPUT' });
    expect(await refused('profile.enrollTotp', { password: 'not the password' })).toMatchObject({ code: 'BAD_INPUT', field: 'password', cloud: { code: 'INVALID_CREDENTIALS' } });
    const e = await call('profile.enrollTotp', { password });
    expect(e.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(e.otpauthUrl).toContain(`secret=${e.secret}`);
    expect(await refused('profile.verifyTotp', { code: '12345', password })).toMatchObject({ code: 'BAD_INPUT' });
    // A wrong code is bad input (not UNAUTHORIZED, which the web shell takes for its own token being refused).
    expect(await refused('profile.verifyTotp', { code: totpAt(e.secret, Date.now() - 10 * 60_000), password })).toMatchObject({ code: 'BAD_INPUT', field: 'totp', cloud: { code: 'INVALID_TOTP' } });
    const v = await call('profile.verifyTotp', { code: totpAt(e.secret, Date.now()), password });
    expect(v.totpEnabled).toBe(true);
    totpSecret = e.secret;
  });

  it('shows the withdrawal rules and refuses less than 3,000 credits', async () => {
    const s = await call('withdrawals.summary', {});
    expect(s).toMatchObject({
      rules: { creditsPerTwd: 10, min: 3000, maxPerRequest: 100_000, maxPerMonth: 300_000 },
      usedThisMonth: 0,
      remainingThisMonth: 300_000,
      bonusAvailable: 0,
      requirements: { phoneVerified: true, identityStatus: 'pending', totpEnabled: true },
      // 2FA was just turned on: withdrawals in the next 24 hours are held for review.
      lockedUntil: null,
      reviewUntil: expect.any(Number),
      withdrawals: [],
    });
    expect(s.reviewUntil).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const payout = { bankCode: '812', accountNumber: '12345678901', accountName: '林小明' };
    const r = await refused('withdrawals.create', { amount: 2_990, totp: '123456', payout });
    expect(r).toMatchObject({ code: 'CONFLICT', cloud: { code: 'WITHDRAWAL_BELOW_MINIMUM' } });
    expect(r.message).toContain('3000');
    // A refusal is an answer: the id is not kept for a retry.
    expect(r.retryable).toBe(false);
    const blocked = await refused('withdrawals.create', { amount: 3_000, totp: '123456', payout });
    expect(blocked).toMatchObject({ code: 'FORBIDDEN', cloud: { code: 'IDENTITY_NOT_VERIFIED' } });
    expect(blocked.hint).toContain('Profile');
  });

  it('held for review after the 2FA change, then locked after five wrong codes, with the minutes left', async () => {
    const [pending] = await app.partners.identity.list('pending', 1);
    await app.partners.identity.decide(pending!.id, randomUUID(), 'approved', 'document matches');
    await app.ledger.grant({ id: randomUUID(), user_id: studio.sync.view().userId!, bucket: 'BONUS', amount: 10_000, reason: 'referral earnings' }, 'test', randomUUID());
    const payout = { bankCode: '812', accountNumber: '12345678901', accountName: '林小明' };
    const held = await call('withdrawals.create', { amount: 3_000, totp: totpAt(totpSecret, Date.now() + 30_000), payout });
    expect(held.status).toBe('review');
    const right = totpAt(totpSecret, Date.now() + 60_000);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) {
      expect(await refused('withdrawals.create', { amount: 3_000, totp: wrong, payout })).toMatchObject({ code: 'BAD_INPUT', field: 'totp', cloud: { code: 'INVALID_TOTP', attemptsLeft: left } });
    }
    const locked = await refused('withdrawals.create', { amount: 3_000, totp: wrong, payout });
    expect(locked).toMatchObject({ code: 'CONFLICT', cloud: { code: 'WITHDRAWALS_LOCKED', retryAfterSeconds: 900 } });
    expect(locked.hint).toContain('15 minutes');
    const s = await call('withdrawals.summary', {});
    expect(Math.round(((s.lockedUntil ?? 0) - Date.now()) / 60_000)).toBe(15);
    expect(s.withdrawals.map((w) => w.status)).toEqual(['review']);
  });

  it('adds a client, connects WordPress against a loopback site, lists and removes the connection', async () => {
    const client = await call('connections.createClient', { name: 'Tea House' });
    expect(await call('connections.clients', {})).toEqual([client]);
    expect(await call('connections.list', { clientId: client.id })).toEqual([]);

    const refusedWp = await refused('connections.wordpress', { siteUrl: wordpressUrl, username: 'editor', appPassword: 'wrong password', clientId: client.id });
    // The site refusing is not the session ending: no sign-in prompt.
    expect(refusedWp).toMatchObject({ code: 'BAD_INPUT', cloud: { code: 'PLATFORM_AUTH_FAILED' } });

    const c = await call('connections.wordpress', { siteUrl: wordpressUrl, username: 'editor', appPassword: 'abcd efgh ijkl mnop', clientId: client.id });
    expect(c).toMatchObject({ platform: 'wordpress', displayName: 'Editor Lin', status: 'active', clientId: client.id, expiresAt: null });
    expect(JSON.stringify(c)).not.toContain('abcd efgh');
    expect(await call('connections.list', { clientId: client.id })).toEqual([c]);

    expect(await call('connections.remove', { id: c.id })).toEqual({ removed: true });
    expect(await call('connections.list', {})).toEqual([]);
  });

  it("lists the cloud's notices — a connection whose refresh failed, the account's security — and marks them read", async () => {
    const userId = studio.sync.view().userId;
    if (!userId) throw new Error('not signed in');
    const connectionId = randomUUID();
    await app.partners.notices.connectionNeedsReconnect(userId, { id: connectionId, platform: 'tiktok', display_name: 'Shop TW', reason: 'invalid_grant: refresh token revoked by the user' });
    const notices = await call('notices.unread', {});
    // Before it, the account's security notices from the tests above: 2FA turned on, withdrawals locked.
    expect(notices).toEqual([
      { kind: 'totp_changed', id: expect.any(String), changedAt: expect.any(Number), reviewUntil: expect.any(Number), first: true, createdAt: expect.any(Number) },
      { kind: 'withdrawals_locked', id: expect.any(String), lockedUntil: expect.any(Number), createdAt: expect.any(Number) },
      { kind: 'connection_needs_reconnect', id: expect.any(String), connectionId, platform: 'tiktok', displayName: 'Shop TW', reason: 'invalid_grant: refresh token revoked by the user', createdAt: expect.any(Number) },
    ]);
    const [changed, locked] = notices as [Extract<AccountNotice, { kind: 'totp_changed' }>, Extract<AccountNotice, { kind: 'withdrawals_locked' }>];
    expect(changed.reviewUntil - changed.changedAt).toBe(24 * 3600_000);
    expect(Math.round((locked.lockedUntil - Date.now()) / 60_000)).toBe(15);
    expect(await refused('notices.markRead', { ids: ['not-a-uuid'] })).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('notices.markRead', { ids: notices.map((n) => n.id) })).toEqual({ marked: 3 });
    expect(await call('notices.unread', {})).toEqual([]);
  });

  it('says when a platform is not set up, and refuses an unknown OAuth state', async () => {
    expect(await refused('connections.oauthStart', { platform: 'linkedin' })).toMatchObject({ cloud: { code: 'PLATFORM_NOT_CONFIGURED' } });
    expect(await refused('connections.oauthFinish', { state: 'x'.repeat(20), code: 'abc' })).toMatchObject({ code: 'BAD_INPUT', cloud: { code: 'INVALID_STATE' } });
  });

  it('a password changed on another device ends this session: its access token is refused, and the next call asks to sign in', async () => {
    // A second account without 2FA, signed in here and on "another device" (a plain HTTP client).
    const other = { email: 'partner-2@example.com', password: 'second horse battery staple' };
    const post = (route: string, body: unknown, token?: string) =>
      fetch(`${cloudUrl}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    // Accepted (202); signing in works before the mailed code is entered.
    expect((await post('/v1/auth/register', other)).status).toBe(202);
    await studio.sync.logout();
    await studio.sync.login(other);
    expect((await call('withdrawals.summary', {})).requirements.totpEnabled).toBe(false);
    const elsewhere = (await (await post('/v1/auth/login', other)).json()) as { access_token: string };
    expect((await post('/v1/auth/password', { current_password: other.password, new_password: 'a new horse battery staple' }, elsewhere.access_token)).status).toBe(200);
    // The desktop's access token answers 401 TOKEN_REVOKED; its refresh then finds the session revoked.
    expect(await refused('withdrawals.summary', {})).toMatchObject({ code: 'NOT_SIGNED_IN', cloud: { code: 'REFRESH_TOKEN_REVOKED' } });
  });
});

describe('a withdrawal retried after a lost answer', () => {
  it('reuses the stored id until the cloud answers, and forgets it after any answer', async () => {
    type Sync = ConstructorParameters<typeof PartnerService>[0];
    const store = openStore(path.join(tempHome('kingjam-withdraw-'), 'studio.db'));
    const sent: string[] = [];
    let answer: 'offline' | 'ok' | 'refused' = 'offline';
    const sync = {
      view: () => ({ userId: 'user-1' }),
      cloud: (_method: string, _path: string, options: { body: { id: string; amount: number } }) => {
        sent.push(options.body.id);
        if (answer === 'offline') return Promise.reject(new StudioError({ code: 'OFFLINE', message: 'cannot reach the cloud', retryable: true }));
        if (answer === 'refused') return Promise.reject(new StudioError({ code: 'CONFLICT', message: 'below the minimum', cloud: { code: 'WITHDRAWAL_BELOW_MINIMUM' } }));
        return Promise.resolve({ id: options.body.id, amount: options.body.amount, amount_twd: options.body.amount / 10, status: 'requested', payout: { bank_code: '812', account_last4: '8901', account_name: 'Lin' }, note: null, created_at: 1, updated_at: 1, events: [] });
      },
    } as unknown as Sync;
    const p = new PartnerService(sync, store);
    const input = { amount: 5_000, totp: '123456', payout: { bankCode: '812', accountNumber: '12345678901', accountName: 'Lin' } };

    await expect(p.withdraw(input)).rejects.toMatchObject({ code: 'OFFLINE' });
    const first = p.pendingWithdrawalId();
    expect(first).toBe(sent[0]);
    // Another TOTP code on the retry is the same request: same id.
    await expect(p.withdraw({ ...input, totp: '654321' })).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(sent[1]).toBe(first);
    answer = 'ok';
    expect((await p.withdraw(input)).id).toBe(first);
    expect(p.pendingWithdrawalId()).toBeNull();

    // A different request gets a new id; a refusal is an answer too.
    answer = 'refused';
    await expect(p.withdraw({ ...input, amount: 2_990 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(sent.at(-1)).not.toBe(first);
    expect(p.pendingWithdrawalId()).toBeNull();
    store.close();
  });
});
