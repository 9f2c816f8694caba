import type { RetentionClass } from '../../shared/library.js';
import type { CleanupTask } from '../../shared/api/lifecycle-contract.js';
import type { RetentionKind } from '../../shared/settings.js';

/**
 * When the cleanups run (seed §9.2): expired media daily at 04:00, temp
 * files every 6 hours (00:00, 06:00, 12:00, 18:00). Both in the local time
 * zone of the machine the engine runs on — the hour a user reads on its
 * clock, and the quiet hour of the place the studio (or render box) stands.
 * Slots are built from local calendar fields, so a daylight-saving day still
 * runs at 04:00 on the wall clock.
 */
export const RETENTION_HOUR = 4;
export const TEMP_EVERY_HOURS = 6;
const DAY_MS = 86_400_000;

/** How old a temp file (or library item of class 'temp') is before the temp cleanup takes it. */
export const TEMP_MAX_AGE_MS = 6 * 3_600_000;

/** The latest scheduled moment of `task` at or before `now`. */
export function lastSlot(task: CleanupTask, now: number): number {
  const d = new Date(now);
  if (task === 'retention') {
    const today = new Date(d.getFullYear(), d.getMonth(), d.getDate(), RETENTION_HOUR).getTime();
    return today <= now ? today : new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1, RETENTION_HOUR).getTime();
  }
  const hour = Math.floor(d.getHours() / TEMP_EVERY_HOURS) * TEMP_EVERY_HOURS;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), hour).getTime();
}

/** The first scheduled moment of `task` strictly after `now`. */
export function nextSlot(task: CleanupTask, now: number): number {
  const last = new Date(lastSlot(task, now));
  const step = task === 'retention' ? 24 : TEMP_EVERY_HOURS;
  return new Date(last.getFullYear(), last.getMonth(), last.getDate(), last.getHours() + step).getTime();
}

/** When an item of `retentionClass` made at `createdAt` expires; null for a class that is never cleaned by age here. */
export function expiresAt(retentionClass: RetentionClass, createdAt: number, days: Record<RetentionKind, number>): number {
  if (retentionClass === 'temp') return createdAt + TEMP_MAX_AGE_MS;
  return createdAt + days[retentionClass] * DAY_MS;
}

/** Which task cleans an item of this class. */
export function taskOf(retentionClass: RetentionClass): CleanupTask {
  return retentionClass === 'temp' ? 'temp' : 'retention';
}
