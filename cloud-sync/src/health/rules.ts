/** Seed §8.1: every health check, how often it runs, and when it alerts. The one table the monitor follows. */
export type HealthLevel = 'ok' | 'info' | 'warning' | 'critical';

export type CheckId = 'ping' | 'heartbeats' | 'full' | 'memory' | 'disk' | 'queue';

interface RuleBase {
  check: CheckId;
  everyMs: number;
}

/** Failing is one fixed level (ping: info, heartbeats: warning, full: critical). */
export interface PassFailRule extends RuleBase {
  kind: 'pass_fail';
  level: Exclude<HealthLevel, 'ok'>;
}

/** A reading against a warning/critical pair; reaching a threshold (>=) is that level. */
export interface ThresholdRule extends RuleBase {
  kind: 'threshold';
  warning: number;
  critical: number;
}

export type HealthRule = PassFailRule | ThresholdRule;

const MINUTE = 60_000;

export const HEALTH_RULES: readonly HealthRule[] = [
  { check: 'ping', everyMs: MINUTE, kind: 'pass_fail', level: 'info' },
  { check: 'heartbeats', everyMs: 2 * MINUTE, kind: 'pass_fail', level: 'warning' },
  { check: 'full', everyMs: 5 * MINUTE, kind: 'pass_fail', level: 'critical' },
  { check: 'memory', everyMs: 5 * MINUTE, kind: 'threshold', warning: 0.8, critical: 0.9 },
  { check: 'disk', everyMs: 5 * MINUTE, kind: 'threshold', warning: 0.8, critical: 0.9 },
  { check: 'queue', everyMs: 5 * MINUTE, kind: 'threshold', warning: 100, critical: 500 },
];

/** Seed §8.1: a background job whose last heartbeat is older than its period plus this is stale. */
export const HEARTBEAT_TIMEOUT_MS = 60_000;

export function thresholdLevel(value: number, rule: ThresholdRule): HealthLevel {
  if (value >= rule.critical) return 'critical';
  if (value >= rule.warning) return 'warning';
  return 'ok';
}

const RANK: Record<HealthLevel, number> = { ok: 0, info: 1, warning: 2, critical: 3 };

export function worst(levels: readonly HealthLevel[]): HealthLevel {
  return levels.reduce<HealthLevel>((a, b) => (RANK[b] > RANK[a] ? b : a), 'ok');
}
