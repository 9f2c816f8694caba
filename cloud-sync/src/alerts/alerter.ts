import type { Clock } from '../clock.js';

export type AlertLevel = 'warning' | 'critical';

export interface Alert {
  /** What the cooldown is counted per, e.g. `fraud:user:<id>` or `ledger:consistency`. */
  key: string;
  level: AlertLevel;
  title: string;
  message: string;
}

/** One delivery route (Slack, email, LINE-Notify-style webhook, console). */
export interface AlertChannel {
  readonly name: string;
  send(alert: Alert): Promise<void>;
}

export interface AlertOutcome {
  sent: boolean;
  /** The cooldown swallowed it (the same key and level went out less than the cooldown ago). */
  suppressed: boolean;
  failed: string[];
}

/** Seed §8.3: a warning is not repeated within 5 minutes, a critical alert within 1 minute. */
export const DEFAULT_COOLDOWN_MS: Record<AlertLevel, number> = { warning: 5 * 60_000, critical: 60_000 };

/**
 * Fans an alert out to every channel, at most once per cooldown per key and level (a critical alert
 * is never swallowed by an earlier warning of the same key). A failing channel does not stop the others.
 */
export class Alerter {
  private readonly last = new Map<string, number>();
  private readonly cooldown: Record<AlertLevel, number>;

  constructor(
    private readonly channels: readonly AlertChannel[],
    private readonly clock: Clock,
    opts: { cooldownMs?: Partial<Record<AlertLevel, number>>; onChannelError?: (channel: string, err: unknown) => void } = {},
  ) {
    this.cooldown = { ...DEFAULT_COOLDOWN_MS, ...opts.cooldownMs };
    this.onChannelError = opts.onChannelError ?? (() => undefined);
  }

  private readonly onChannelError: (channel: string, err: unknown) => void;

  async raise(alert: Alert): Promise<AlertOutcome> {
    const now = this.clock.now();
    const slot = `${alert.level}:${alert.key}`;
    const prev = this.last.get(slot);
    if (prev !== undefined && now - prev < this.cooldown[alert.level]) return { sent: false, suppressed: true, failed: [] };
    this.last.set(slot, now);
    if (this.last.size > 10_000) for (const [k, t] of this.last) if (now - t >= this.cooldown.warning) this.last.delete(k);
    const failed: string[] = [];
    await Promise.all(
      this.channels.map(async (c) => {
        try {
          await c.send(alert);
        } catch (err) {
          failed.push(c.name);
          this.onChannelError(c.name, err);
        }
      }),
    );
    return { sent: failed.length < this.channels.length, suppressed: false, failed };
  }
}
