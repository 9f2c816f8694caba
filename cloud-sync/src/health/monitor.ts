import type { Alerter } from '../alerts/alerter.js';
import type { Clock } from '../clock.js';
import type { Heartbeats, JobBeat } from './heartbeats.js';
import type { Usage } from './readings.js';
import type { CheckId, HealthLevel, HealthRule } from './rules.js';
import { HEALTH_RULES, thresholdLevel, worst } from './rules.js';

/** One item of the full check (database read, write, latency…). */
export interface FullItem {
  name: string;
  ok: boolean;
  detail: string;
}

/** What the checks measure. The defaults read the real process, disk and database; tests drive their own. */
export interface HealthProbes {
  ping(): Promise<void>;
  full(): Promise<FullItem[]>;
  memory(): Promise<Usage>;
  disk(): Promise<Usage>;
  /** Pending background work by kind. */
  queue(): Promise<Record<string, number>>;
}

export interface CheckResult {
  check: CheckId;
  level: HealthLevel;
  detail: string;
  value: number | null;
  at: number;
  /** What the alerter did: sent, swallowed by its cooldown, or nothing to send (ok and info stay off the channels). */
  alert: 'sent' | 'suppressed' | null;
}

export interface HealthReport {
  status: HealthLevel;
  checks: CheckResult[];
  jobs: JobBeat[];
}

const TITLES: Record<CheckId, string> = {
  ping: 'quick ping failed',
  heartbeats: 'background job heartbeat missing',
  full: 'full health check failed',
  memory: 'memory use high',
  disk: 'disk use high',
  queue: 'background queue long',
};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Runs each check of HEALTH_RULES on its own schedule, measured on the service's clock: `tick()` runs
 * whatever is due (a timer calls it often; tests call it after moving a TestClock). Warnings and
 * critical findings go to the alerter, whose cooldowns stop repeats; info (a failed quick ping) is
 * only recorded (and logged by the caller), because the alert channels carry warning and critical (seed §8.2–8.3).
 */
export class HealthMonitor {
  private readonly next = new Map<CheckId, number>();
  private readonly last = new Map<CheckId, CheckResult>();
  private ticking: Promise<CheckResult[]> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly alerter: Alerter,
    private readonly heartbeats: Heartbeats,
    private readonly probes: HealthProbes,
    private readonly opts: { rules?: readonly HealthRule[] } = {},
  ) {}

  private get rules(): readonly HealthRule[] {
    return this.opts.rules ?? HEALTH_RULES;
  }

  /** Runs every check that is due (each is due at once the first time). Overlapping calls share one run. */
  tick(): Promise<CheckResult[]> {
    if (!this.ticking) {
      const run = this.runDue();
      this.ticking = run;
      // Cleared only after the assignment above, even when nothing was due and the run ended at once.
      void run.finally(() => (this.ticking = null)).catch(() => undefined);
    }
    return this.ticking;
  }

  private async runDue(): Promise<CheckResult[]> {
    const now = this.clock.now();
    const due = this.rules.filter((r) => (this.next.get(r.check) ?? now) <= now);
    const out: CheckResult[] = [];
    for (const r of due) {
      this.next.set(r.check, now + r.everyMs);
      out.push(await this.run(r));
    }
    return out;
  }

  report(): HealthReport {
    const checks = this.rules.map((r) => this.last.get(r.check)).filter((c): c is CheckResult => c !== undefined);
    return { status: worst(checks.map((c) => c.level)), checks, jobs: this.heartbeats.list() };
  }

  private async run(rule: HealthRule): Promise<CheckResult> {
    const { level, detail, value } = await this.measure(rule);
    let alert: CheckResult['alert'] = null;
    if (level === 'warning' || level === 'critical') {
      const outcome = await this.alerter.raise({ key: `health:${rule.check}`, level, title: TITLES[rule.check], message: detail });
      alert = outcome.suppressed ? 'suppressed' : 'sent';
    }
    const result: CheckResult = { check: rule.check, level, detail, value, at: this.clock.now(), alert };
    this.last.set(rule.check, result);
    return result;
  }

  private async measure(rule: HealthRule): Promise<{ level: HealthLevel; detail: string; value: number | null }> {
    const fail = rule.kind === 'pass_fail' ? rule.level : 'warning';
    try {
      switch (rule.check) {
        case 'ping':
          await this.probes.ping();
          return { level: 'ok', detail: 'the database answers', value: null };
        case 'heartbeats': {
          const stale = this.heartbeats.list().filter((j) => j.stale);
          const now = this.clock.now();
          if (stale.length === 0) return { level: 'ok', detail: 'every background job beat in time', value: 0 };
          return { level: fail, detail: `no heartbeat from ${stale.map((j) => `${j.job} for ${Math.round((now - j.last_beat_at) / 1000)} s`).join(', ')}`, value: stale.length };
        }
        case 'full': {
          const failed = (await this.probes.full()).filter((i) => !i.ok);
          if (failed.length === 0) return { level: 'ok', detail: 'every item passed', value: 0 };
          return { level: fail, detail: failed.map((i) => `${i.name}: ${i.detail}`).join('; '), value: failed.length };
        }
        case 'memory':
        case 'disk': {
          const u = await (rule.check === 'memory' ? this.probes.memory() : this.probes.disk());
          return { level: rule.kind === 'threshold' ? thresholdLevel(u.ratio, rule) : 'ok', detail: u.detail, value: u.ratio };
        }
        case 'queue': {
          const parts = await this.probes.queue();
          const total = Object.values(parts).reduce((a, b) => a + b, 0);
          const detail = `${total} pending (${Object.entries(parts).map(([k, n]) => `${k} ${n}`).join(', ')})`;
          return { level: rule.kind === 'threshold' ? thresholdLevel(total, rule) : 'ok', detail, value: total };
        }
      }
    } catch (err) {
      return { level: fail, detail: `could not check: ${message(err)}`, value: null };
    }
  }
}
