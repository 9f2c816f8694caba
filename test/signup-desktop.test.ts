import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAndVerifyAt } from '../cloud-sync/test/support/mail.js';
import { createHandlers, type Handlers } from '../src/main/api/handlers.js';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import { Studio } from '../src/main/studio.js';
import { contractCalls } from './helpers/calls.js';
import { TestCloud } from './helpers/cloud.js';
import { FAST_JOBS, tempHome } from './helpers/studio.js';

/**
 * Sign-up, verification, password reset and the device id, through the contract's handlers,
 * against a real cloud-sync on loopback (mail recorded where the SMTP server would get it).
 */
const cloud = new TestCloud();
const studios: Studio[] = [];

function openStudio(): { studio: Studio; handlers: Handlers; calls: ReturnType<typeof contractCalls> } {
  const home = tempHome('kingjam-signup-');
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  const studio = Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: FAST_JOBS, secrets, startJobs: false, sync: { defaultCloudUrl: cloud.url, syncEveryMs: 3_600_000 } });
  studios.push(studio);
  const handlers = createHandlers(studio, 'web');
  return { studio, handlers, calls: contractCalls(() => handlers) };
}

/** The keyed hashes of the device ids the cloud stored for a user. */
async function deviceHashes(userId: string): Promise<string[]> {
  const rows = await cloud.db.db.selectFrom('fingerprints').select('device_hash').where('user_id', '=', userId).execute();
  return rows.map((r) => r.device_hash).filter((x): x is string => x !== null);
}

beforeAll(async () => {
  await (await cloud.start()).withUser(0);
});

afterAll(async () => {
  for (const s of studios) await s.close();
  await cloud.stop();
});

describe('sign-up in the app', () => {
  it('registers with the referral code the app was opened with, verifies by the mailed code, and is signed in with the sign-up credits', async () => {
    const { studio, calls } = openStudio();
    const referrer = await registerAndVerifyAt(cloud.url, cloud.mail, { email: `ref-${randomBytes(4).toString('hex')}@example.com`, password: 'referrer password' });
    const { code: referralCode } = (await (await fetch(`${cloud.url}/v1/referrals/code`, { method: 'POST', headers: { authorization: `Bearer ${referrer.access_token}` } })).json()) as { code: string };
    studio.signup.openedWith(`kingjam://signup?ref=${referralCode.toLowerCase()}`);
    expect(await calls.call('account.pendingReferral', {})).toEqual({ code: referralCode });
    expect(await calls.call('account.pendingReferral', {})).toEqual({ code: null });

    const email = `new-${randomBytes(4).toString('hex')}@example.com`;
    expect(await calls.call('account.register', { email, password: 'my first password', referralCode, locale: 'zh-TW' })).toEqual({ sent: true, email });
    expect(cloud.mail.to(email)[0]!.subject).toBe('KingJam：驗證你的電子郵件');
    expect((await calls.refused('account.verifyEmail', { email, code: '000000' === (await cloud.mail.codeFor(email)) ? '000001' : '000000' })).cloud?.code).toBe('INVALID_EMAIL_CODE');
    const account = await calls.call('account.verifyEmail', { email, code: await cloud.mail.codeFor(email) });
    expect(account).toMatchObject({ signedIn: true, email, emailVerified: true });
    await studio.sync.refreshBalance();
    // Held in this device's offline allowance, but there: the Free plan's 200.
    expect(studio.sync.wallet().balance?.total).toBe(200);
    const referrals = (await (await fetch(`${cloud.url}/v1/referrals/me`, { headers: { authorization: `Bearer ${referrer.access_token}` } })).json()) as { referees: { name: string }[]; earnings: { promo_granted: number } };
    expect(referrals.referees).toEqual([expect.objectContaining({ name: `n***@example.com` })]);
    expect(referrals.earnings.promo_granted).toBe(200);
  });

  it('resets a forgotten password by the mailed code and signs this device out', async () => {
    const { calls } = openStudio();
    const email = `forgot-${randomBytes(4).toString('hex')}@example.com`;
    await registerAndVerifyAt(cloud.url, cloud.mail, { email, password: 'the old password' });
    await calls.call('account.login', { email, password: 'the old password' });
    expect(await calls.call('account.requestPasswordReset', { email, locale: 'en' })).toEqual({ sent: true, email });
    const code = await cloud.mail.codeFor(email);
    expect(await calls.call('account.confirmPasswordReset', { email, code, password: 'a brand new password' })).toEqual({ reset: true });
    expect((await calls.call('account.get', {})).signedIn).toBe(false);
    expect((await calls.refused('account.login', { email, password: 'the old password' })).field).toBe('password');
    expect((await calls.call('account.login', { email, password: 'a brand new password' })).signedIn).toBe(true);
    // A password too short is refused before the cloud is asked.
    expect((await calls.refused('account.confirmPasswordReset', { email, code, password: 'short' })).code).toBe('BAD_INPUT');
  });
});

describe('device id instead of the host name (seed §7.3)', () => {
  it('reaches the cloud on sign-in; two installs on machines with one host name are not one device', async () => {
    const a = openStudio();
    const b = openStudio();
    const idA = 'a1'.repeat(32);
    const idB = 'b2'.repeat(32);
    await a.calls.call('device.report', { id: idA });
    await b.calls.call('device.report', { id: idB });
    expect((await a.calls.call('device.salt', {})).salt).toMatch(/^[0-9a-f]{64}$/);
    expect((await a.calls.call('device.salt', {})).salt).not.toBe((await b.calls.call('device.salt', {})).salt);
    const otherEmail = `other-${randomBytes(4).toString('hex')}@example.com`;
    const other = await registerAndVerifyAt(cloud.url, cloud.mail, { email: otherEmail, password: 'other password' });
    const first = `first-${randomBytes(4).toString('hex')}@example.com`;
    const firstSession = await registerAndVerifyAt(cloud.url, cloud.mail, { email: first, password: 'first password' });

    await a.calls.call('account.login', { email: first, password: 'first password' });
    await b.calls.call('account.login', { email: otherEmail, password: 'other password' });

    const hasher = cloud.app.partners.hasher;
    expect(await deviceHashes(firstSession.user.id)).toContain(hasher.hash('device', idA));
    expect(await deviceHashes(other.user.id)).toContain(hasher.hash('device', idB));
    // The host name both machines share is not what the cloud was told.
    const hostName = hasher.hash('device', `KingJam Studio on ${os.hostname()}`);
    expect(await deviceHashes(firstSession.user.id)).not.toContain(hostName);
    for (const id of [firstSession.user.id, other.user.id]) {
      const risk = await cloud.app.partners.fraud.evaluate(id);
      expect(risk.rules.filter((r) => r.code === 'shared_device')).toEqual([]);
    }
  });

  it('an install no window has measured still sends its own stable id, not the host name', async () => {
    const c = openStudio();
    const id = c.studio.sync.device.id();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(c.studio.sync.device.id()).toBe(id);
    expect(openStudio().studio.sync.device.id()).not.toBe(id);
  });
});
