import { Cron } from 'croner';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { isTimeZone } from '../../shared/publish/time.js';

/**
 * Cron expressions (croner: five fields, or six with seconds first) read in
 * an IANA time zone. An expression croner refuses, or a zone Intl does not
 * know, is a BAD_INPUT error that quotes it and says why.
 */
export function checkTimeZone(zone: string, field: string): void {
  if (!isTimeZone(zone)) {
    throw new StudioError({ code: 'BAD_INPUT', message: `"${zone}" is not a time zone (use an IANA name such as Asia/Taipei).`, field, ...say('kol.trig.badTimeZone', { zone }) });
  }
}

function cronOf(expression: string, timeZone: string): Cron {
  checkTimeZone(timeZone, 'trigger.timeZone');
  try {
    return new Cron(expression, { timezone: timeZone, paused: true });
  } catch (err) {
    const detail = (err instanceof Error ? err.message : String(err)).replace(/^CronPattern:\s*/, '');
    throw new StudioError({ code: 'BAD_INPUT', message: `"${expression}" is not a cron expression: ${detail}.`, field: 'trigger.cron', ...say('kol.trig.badCron', { cron: expression, detail }) });
  }
}

/** The next `count` times the expression fires after `after` (ms), in order. */
export function nextCronRuns(expression: string, timeZone: string, after: number, count: number): number[] {
  return cronOf(expression, timeZone)
    .nextRuns(count, new Date(after))
    .map((d) => d.getTime());
}

export function nextCronRun(expression: string, timeZone: string, after: number): number | null {
  return nextCronRuns(expression, timeZone, after, 1)[0] ?? null;
}

/** The next HH:MM on the zone's clock after `after`: when a run's approved posts go out. */
export function nextClockTime(at: string, timeZone: string, after: number): number | null {
  const [hour, minute] = at.split(':');
  return nextCronRun(`${Number(minute)} ${Number(hour)} * * *`, timeZone, after);
}
