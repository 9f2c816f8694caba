import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alerter } from '../src/alerts/alerter.js';
import { TestClock } from '../src/clock.js';
import { Heartbeats } from '../src/health/heartbeats.js';
import type { FullItem, HealthProbes } from '../src/health/monitor.js';
import { HealthMonitor } from '../src/health/monitor.js';
import { HEALTH_RULES } from '../src/health/rules.js';
import { describeEachDb } from './support/db.js';
import type { Session } from './support/http.js';
import type { PartnerServer } from './support/partners.js';
import { RecordingChannel, startPartnerServer } from './support/partners.js';

const MIN = 60_000;
const T0 = Date.parse('2025-06-01T00:00:00Z');

/** A monitor on a controlled clock whose readings the test sets. */
function rig() {
  const clock = new TestClock(T0);
  const channel = new RecordingChannel();
  const heartbeats = new Heartbeats(clock);
  const reading = { memory: 0.5, disk: 0.5, queue: 0, pingFails: false, fullItems: [] as FullItem[] };
  const calls: string[] = [];
  const probes: HealthProbes = {
    ping: () => (calls.push('ping'), reading.pingFails ? Promise.reject(new Error('connection refused')) : Promise.resolve()),
    full: () => (calls.push('full'), Promise.resolve(reading.fullItems)),
    memory: () => (calls.push('memory'), Promise.resolve({ ratio: reading.memory, detail: `memory ${reading.memory}` })),
    disk: () => (calls.push('disk'), Promise.resolve({ ratio: reading.disk, detail: `disk ${reading.disk}` })),
    queue: () => (calls.push('queue'), Promise.resolve({ referral_bonuses: reading.queue, token_refreshes: 0 })),
  };
  const monitor = new HealthMonitor(clock, new Alerter([channel], clock), heartbeats, probes);
  return { clock, channel, heartbeats, reading, calls, monitor };
}

describe('health monitor (seed §8.1) on a controlled clock', () => {
  it('holds the seed table', () => {
    expect(HEALTH_RULES.map((r) => [r.check, r.everyMs / MIN, r.kind === 'pass_fail' ? r.level : `${r.warning}/${r.critical}`])).toEqual([
      ['ping', 1, 'info'],
      ['heartbeats', 2, 'warning'],
      ['full', 5, 'critical'],
      ['memory', 5, '0.8/0.9'],
      ['disk', 5, '0.8/0.9'],
      ['queue', 5, '100/500'],
    ]);
  });

  it('runs each check on its own period', async () => {
    const r = rig();
    await r.monitor.tick();
    expect(r.calls.sort()).toEqual(['disk', 'full', 'memory', 'ping', 'queue']);
    const at = async (ms: number) => {
      r.calls.length = 0;
      r.clock.set(T0 + ms);
      const ran = (await r.monitor.tick()).map((c) => c.check);
      return ran.sort();
    };
    expect(await at(MIN - 1)).toEqual([]);
    expect(await at(MIN)).toEqual(['ping']);
    expect(await at(2 * MIN)).toEqual(['heartbeats', 'ping']);
    expect(await at(4 * MIN)).toEqual(['heartbeats', 'ping']);
    expect(await at(5 * MIN)).toEqual(['disk', 'full', 'memory', 'ping', 'queue']);
    expect(await at(6 * MIN)).toEqual(['heartbeats', 'ping']);
  });

  const edges: [check: 'memory' | 'disk' | 'queue', value: number, level: string][] = [
    ['memory', 0.7999, 'ok'],
    ['memory', 0.8, 'warning'],
    ['memory', 0.8999, 'warning'],
    ['memory', 0.9, 'critical'],
    ['disk', 0.7999, 'ok'],
    ['disk', 0.8, 'warning'],
    ['disk', 0.8999, 'warning'],
    ['disk', 0.9, 'critical'],
    ['queue', 99, 'ok'],
    ['queue', 100, 'warning'],
    ['queue', 499, 'warning'],
    ['queue', 500, 'critical'],
  ];
  it.each(edges)('%s at %s is %s, and only warning/critical reach the alert channels', async (check, value, level) => {
    const r = rig();
    r.reading[check] = value;
    const result = (await r.monitor.tick()).find((c) => c.check === check);
    expect(result?.level).toBe(level);
    const sent = r.channel.alerts.filter((a) => a.key === `health:${check}`);
    expect(sent.map((a) => a.level)).toEqual(level === 'ok' ? [] : [level]);
    if (level !== 'ok') expect(sent[0]?.message).toContain(check === 'queue' ? `${value} pending` : String(value));
  });

  it('a stale heartbeat warns, and the 5-minute warning cooldown stops the repeats in between', async () => {
    const r = rig();
    r.heartbeats.register('token-refresh', 60 * MIN);
    r.heartbeats.register('referral-bonuses', 10 * MIN);
    const heartbeatAt = async (ms: number, beat = true) => {
      r.clock.set(T0 + ms);
      // The bonus job keeps beating; the refresh job has stopped.
      if (beat) r.heartbeats.beat('referral-bonuses', true);
      return (await r.monitor.tick()).find((c) => c.check === 'heartbeats');
    };
    expect((await heartbeatAt(59 * MIN))?.level).toBe('ok');
    // Period + 60 s is still in time; a moment later it is stale.
    expect((await heartbeatAt(61 * MIN))?.level).toBe('ok');
    const stale = await heartbeatAt(63 * MIN);
    expect(stale).toMatchObject({ level: 'warning', alert: 'sent' });
    expect(stale?.detail).toMatch(/^no heartbeat from token-refresh for 3780 s$/);
    expect((await heartbeatAt(65 * MIN))?.alert).toBe('suppressed');
    expect((await heartbeatAt(67 * MIN))?.alert).toBe('suppressed');
    expect((await heartbeatAt(69 * MIN))?.alert).toBe('sent');
    expect(r.channel.alerts.filter((a) => a.key === 'health:heartbeats')).toHaveLength(2);
    // A job that stops beating goes stale too; a beat brings it back.
    r.heartbeats.beat('token-refresh', true);
    expect((await heartbeatAt(71 * MIN))?.level).toBe('ok');
    expect(r.monitor.report().jobs.map((j) => [j.job, j.stale])).toEqual([
      ['token-refresh', false],
      ['referral-bonuses', false],
    ]);
  });

  it('a failing full check is critical (1-minute cooldown: every 5-minute run alerts); a failed ping is info, recorded but not sent', async () => {
    const r = rig();
    r.reading.fullItems = [{ name: 'database_read', ok: true, detail: 'readable' }, { name: 'database_write', ok: false, detail: 'connected to a read-only standby' }];
    r.reading.pingFails = true;
    const first = await r.monitor.tick();
    expect(first.find((c) => c.check === 'full')).toMatchObject({ level: 'critical', alert: 'sent', detail: 'database_write: connected to a read-only standby' });
    expect(first.find((c) => c.check === 'ping')).toMatchObject({ level: 'info', alert: null, detail: 'could not check: connection refused' });
    r.clock.set(T0 + 5 * MIN);
    expect((await r.monitor.tick()).find((c) => c.check === 'full')?.alert).toBe('sent');
    expect(r.channel.alerts.map((a) => `${a.level} ${a.key}`)).toEqual(['critical health:full', 'critical health:full']);
    expect(r.monitor.report().status).toBe('critical');
  });

  it('a reading that cannot be taken warns', async () => {
    const r = rig();
    const broken = new HealthMonitor(r.clock, new Alerter([r.channel], r.clock), r.heartbeats, {
      ping: () => Promise.resolve(),
      full: () => Promise.resolve([]),
      memory: () => Promise.resolve({ ratio: 0.1, detail: 'fine' }),
      disk: () => Promise.reject(new Error('ENOENT: no such file or directory')),
      queue: () => Promise.resolve({}),
    });
    const disk = (await broken.tick()).find((c) => c.check === 'disk');
    expect(disk).toMatchObject({ level: 'warning', detail: 'could not check: ENOENT: no such file or directory' });
  });
});

describeEachDb('health endpoints and real readings', (kind) => {
  let s: PartnerServer;
  let admin: Session;
  const usage = { memory: 0.42, disk: 0.5 };
  beforeAll(async () => {
    s = await startPartnerServer(kind, {
      partners: { health: { memory: () => Promise.resolve({ ratio: usage.memory, detail: 'driven memory' }), disk: () => Promise.resolve({ ratio: usage.disk, detail: 'driven disk' }) } },
    });
    admin = await s.admin();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('answers liveness to anyone with nothing more; the findings only to admins', async () => {
    const live = await s.call('GET', '/v1/health');
    expect(live).toEqual({ status: 200, body: { ok: true } });
    expect((await s.call('GET', '/v1/health?verbose=1')).status).toBe(400);
    const user = await s.register();
    expect((await s.call('GET', '/v1/admin/health', undefined, user.token)).status).toBe(403);
    expect((await s.call('GET', '/v1/admin/health')).status).toBe(401);
  });

  it('runs the full check against the real database and counts real pending work', async () => {
    const referrer = await s.register({ device: 'health-dev-a' });
    const code = (await s.call<{ code: string }>('POST', '/v1/referrals/code', undefined, referrer.token)).body.code;
    const referee = await s.register({ referral_code: code, device: 'health-dev-b' });
    await s.app.billing.onPlanPaid?.({ paymentRef: `health-pay-${referee.id}`, userId: referee.id, planId: 'starter', amountTwd: 299 });
    usage.disk = 0.91;
    s.clock.advance(10 * MIN);
    await s.app.partners.health.tick();
    const r = await s.call<{ status: string; checks: { check: string; level: string; detail: string; value: number | null }[] }>('GET', '/v1/admin/health', undefined, admin.token);
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.checks.map((c) => [c.check, c]));
    expect(by.ping?.level).toBe('ok');
    expect(by.full).toMatchObject({ level: 'ok', detail: 'every item passed' });
    expect(by.memory).toMatchObject({ level: 'ok', value: 0.42 });
    expect(by.disk).toMatchObject({ level: 'critical', detail: 'driven disk' });
    expect(by.queue).toMatchObject({ level: 'ok', value: 1 });
    expect(by.queue?.detail).toContain('referral_bonuses 1');
    expect(r.body.status).toBe('critical');
    expect(s.alerts.alerts.filter((a) => a.key === 'health:disk').map((a) => a.level)).toEqual(['critical']);
    // The bonus job empties the queue.
    await s.call('POST', '/v1/admin/jobs/referral-bonuses/run', undefined, admin.token);
    s.clock.advance(5 * MIN);
    const after = (await s.app.partners.health.tick()).find((c) => c.check === 'queue');
    expect(after?.value).toBe(0);
  });

  it('the background jobs beat; one that stops beating raises the heartbeat warning', async () => {
    const bg = await startPartnerServer(kind, { background: {}, partners: { bonusJobMs: 30, health: { tickMs: 3_600_000 } } });
    try {
      const jobs = () => bg.app.partners.health.report().jobs;
      expect(jobs().map((j) => j.job).sort()).toEqual(['referral-bonuses', 'referral-monthly', 'token-refresh']);
      const registered = jobs().find((j) => j.job === 'referral-bonuses')!.last_beat_at;
      await expect.poll(() => jobs().find((j) => j.job === 'referral-bonuses')!.last_beat_at, { timeout: 5000 }).toBeGreaterThan(registered);
      expect(jobs().find((j) => j.job === 'referral-bonuses')?.last_ok).toBe(true);
      // An hour and a minute on, the hourly refresh job has not beaten (its timer is real time); the bonus job has.
      const start = bg.clock.now();
      bg.clock.set(start + 61 * MIN + 1000);
      await expect.poll(() => jobs().find((j) => j.job === 'referral-bonuses')!.last_beat_at, { timeout: 5000 }).toBe(start + 61 * MIN + 1000);
      const hb = (await bg.app.partners.health.tick()).find((c) => c.check === 'heartbeats');
      expect(hb).toMatchObject({ level: 'warning', alert: 'sent' });
      expect(hb?.detail).toMatch(/^no heartbeat from token-refresh for \d+ s$/);
      expect(bg.alerts.alerts.filter((a) => a.key === 'health:heartbeats')).toHaveLength(1);
    } finally {
      await bg.close();
    }
  });
});
