import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alerter } from '../src/alerts/alerter.js';
import { ConsoleChannel, EmailChannel, LineNotifyChannel, SlackChannel } from '../src/alerts/channels.js';
import { TestClock } from '../src/clock.js';
import type { Loopback } from './support/partners.js';
import { RecordingChannel, json, loopback } from './support/partners.js';
import { fakeSmtp } from './support/smtp.js';

describe('alerts', () => {
  let hooks: Loopback;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  beforeAll(async () => {
    hooks = await loopback((req, res) => (req.path === '/broken' ? json(res, 500, {}) : json(res, 200, { ok: true })));
    smtp = await fakeSmtp();
  });
  afterAll(async () => {
    await hooks?.close();
    await smtp?.close();
  });

  it('cooldowns per key: warning 5 minutes, critical 1 minute (controlled clock)', async () => {
    const clock = new TestClock(1_700_000_000_000);
    const rec = new RecordingChannel();
    const a = new Alerter([rec], clock);
    const w = { key: 'disk', level: 'warning' as const, title: 'disk 85%', message: 'data volume' };
    expect(await a.raise(w)).toMatchObject({ sent: true });
    clock.advance(4 * 60_000 + 59_999);
    expect(await a.raise(w)).toMatchObject({ sent: false, suppressed: true });
    expect(await a.raise({ ...w, key: 'memory' })).toMatchObject({ sent: true });
    // A critical alert is not swallowed by the same key's warning.
    expect(await a.raise({ ...w, level: 'critical' })).toMatchObject({ sent: true });
    clock.advance(1);
    expect(await a.raise(w)).toMatchObject({ sent: true });
    clock.advance(59_998);
    expect(await a.raise({ ...w, level: 'critical' })).toMatchObject({ suppressed: true });
    clock.advance(2);
    expect(await a.raise({ ...w, level: 'critical' })).toMatchObject({ sent: true });
    expect(rec.alerts.map((x) => `${x.level}:${x.key}`)).toEqual(['warning:disk', 'warning:memory', 'critical:disk', 'warning:disk', 'critical:disk']);
  });

  it('delivers to Slack, a LINE-Notify-style webhook, SMTP email and the console; one failing channel does not stop the rest', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const a = new Alerter(
      [
        new SlackChannel(`${hooks.base}/slack`),
        new LineNotifyChannel(`${hooks.base}/line`, 'line-token'),
        new EmailChannel({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'alerts@kingjam.test', to: ['ops@kingjam.test'] }),
        new ConsoleChannel((s) => lines.push(s)),
        new SlackChannel(`${hooks.base}/broken`),
      ],
      new TestClock(),
      { onChannelError: (c) => errors.push(c) },
    );
    const out = await a.raise({ key: 'ledger:consistency', level: 'critical', title: 'ledger check failed', message: '2 violations' });
    expect(out).toMatchObject({ sent: true, failed: ['slack'] });
    expect(errors).toEqual(['slack']);
    const slack = hooks.requests.find((r) => r.path === '/slack')!;
    expect(JSON.parse(slack.body)).toEqual({ text: expect.stringContaining('[CRITICAL] ledger check failed: 2 violations') });
    const line = hooks.requests.find((r) => r.path === '/line')!;
    expect(line.headers.authorization).toBe('Bearer line-token');
    expect(new URLSearchParams(line.body).get('message')).toContain('ledger check failed');
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toContain('Subject: [KingJam critical] ledger check failed');
    expect(lines).toEqual([expect.stringContaining('ALERT [CRITICAL] ledger check failed')]);
  });
});
