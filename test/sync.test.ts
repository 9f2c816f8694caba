import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeWorkerSpawner } from '../src/main/jobs/node-transport.js';
import { aesGcmCipher, sealedFileStore, type SecretStore } from '../src/main/secrets/store.js';
import { Studio } from '../src/main/studio.js';
import { TestCloud } from './helpers/cloud.js';
import { FAST_JOBS, tempHome } from './helpers/studio.js';

/**
 * The desktop's wallet against a real cloud-sync (SQLite) on loopback: the
 * allowance hold, paid jobs captured on success and released on failure,
 * work while the cloud is down, and settlement when it is back.
 */
const cloud = new TestCloud();
const { email, password } = cloud;
let userId: string;
const home = tempHome('kingjam-sync-');
const key = randomBytes(32);
let secrets: SecretStore;
let studio: Studio;

function cloudBalance() {
  return cloud.balance();
}

function openStudio(): Studio {
  return Studio.open({ home, spawner: new NodeWorkerSpawner(), jobConfig: FAST_JOBS, secrets, sync: { defaultCloudUrl: cloud.url, allowanceMax: 300, syncEveryMs: 3_600_000 } });
}

beforeAll(async () => {
  await (await cloud.start()).withUser(1000);
  userId = cloud.userId;
  secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(key), 'encrypted-file');
  studio = openStudio();
});

afterAll(async () => {
  await studio.close();
  await cloud.stop();
});

describe('credits wallet and paid jobs', () => {
  it('refuses a paid job before sign-in, and runs free jobs regardless', async () => {
    await expect(studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: 10 })).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect((await studio.jobs.waitFor((await studio.jobs.enqueue('diag.noop', {})).id)).status).toBe('succeeded');
  });

  it('says which field is wrong when signing in fails', async () => {
    await expect(studio.sync.login({ email, password: 'wrong password!' })).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', field: 'password' });
  });

  it('signs in, keeps only an encrypted refresh token, and reserves an allowance on the cloud', async () => {
    const account = await studio.sync.login({ email, password });
    expect(account).toMatchObject({ signedIn: true, email, online: true, secretStore: 'encrypted-file' });
    expect(await secrets.get('cloud-refresh-token')).toMatch(/.{20,}/);
    const wallet = studio.sync.wallet();
    // No recent use on this device: 100 credits are reserved, not the 300 this device may hold at most.
    expect(wallet.allowance).toMatchObject({ amount: 100, remaining: 100 });
    expect(wallet.balance).toMatchObject({ total: 1200, held: 100, available: 1100 });
    // The Free plan's PROMO credits sit in the allowance now, and still show as expiring.
    expect(wallet.balance?.expiring).toEqual([{ bucket: 'PROMO', amount: 200, expiresAt: expect.any(Number) }]);
    expect(await cloudBalance()).toMatchObject({ total: 1200, held: 100 });
  });

  it('captures a paid job on success and releases it on failure', async () => {
    const ok = await studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: 40 });
    expect((await studio.jobs.waitFor(ok.id)).actualCredits).toBe(40);
    const bad = await studio.jobs.enqueue('diag.fail', { message: 'model refused', retryable: false }, { estimatedCredits: 25 });
    const failed = await studio.jobs.waitFor(bad.id);
    expect(failed.status).toBe('failed');
    expect(failed.actualCredits).toBeNull();
    const spends = studio.store.sqlite.prepare('SELECT job_id, status, captured FROM credit_spends ORDER BY created_at').all();
    expect(spends).toEqual([
      { job_id: ok.id, status: 'captured', captured: 40 },
      { job_id: bad.id, status: 'released', captured: null },
    ]);
    expect(studio.sync.wallet().allowance?.remaining).toBe(60);
  });

  it('keeps working from the allowance while the cloud is down, and refuses what it cannot cover', async () => {
    await cloud.stop();
    const job = await studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: 30 });
    expect((await studio.jobs.waitFor(job.id)).status).toBe('succeeded');
    const before = (await studio.jobs.counts()).succeeded;
    await expect(studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: 500 })).rejects.toMatchObject({
      code: 'INSUFFICIENT_CREDITS',
      message: expect.stringContaining('cannot be reached'),
    });
    expect((await studio.jobs.counts()).succeeded).toBe(before);
    expect(studio.sync.view().online).toBe(false);
    expect(studio.sync.wallet().unsettled).toBe(70);
  });

  it('settles what was spent when the cloud is back, after a restart, with the refresh token', async () => {
    await studio.close();
    await cloud.start(); // the same database and port, a new server in effect
    studio = openStudio();
    const open = studio.sync.allowances.open(userId)!;
    studio.sync.allowances.drain(open.id);
    await studio.sync.sync();
    const settled = studio.store.sqlite.prepare('SELECT status, settled_amount FROM credit_allowances WHERE id = ?').get(open.id);
    expect(settled).toEqual({ status: 'settled', settled_amount: 70 });
    // 70 spent for good; a fresh allowance (the floor of 100: this week's use was only 70) is held again.
    expect(await cloudBalance()).toMatchObject({ total: 1130, held: 100 });
    expect(studio.sync.wallet()).toMatchObject({ unsettled: 0, allowance: { amount: 100, remaining: 100 } });
  });

  it('brings back its own allowance when a big job needs the credits it holds, and refuses what the wallet lacks', async () => {
    const big = await studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: 1000 });
    expect((await studio.jobs.waitFor(big.id)).actualCredits).toBe(1000);
    await expect(studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: 5000 })).rejects.toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
    // Still a usable allowance for small jobs afterwards.
    const small = await studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: 10 });
    expect((await studio.jobs.waitFor(small.id)).status).toBe('succeeded');
    const open = studio.sync.allowances.open(userId)!;
    studio.sync.allowances.drain(open.id);
    await studio.sync.sync();
    expect(await cloudBalance()).toMatchObject({ total: 1130 - 1000 - 10 });
  });

  it('signs out: the reservation goes back to the wallet, the token is gone and paid jobs are refused again', async () => {
    await studio.sync.logout();
    expect(await cloudBalance()).toMatchObject({ held: 0 });
    expect(await secrets.get('cloud-refresh-token')).toBeNull();
    await expect(studio.jobs.enqueue('diag.noop', {}, { estimatedCredits: 5 })).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
  });
});
