import { useId } from 'react';
import { MISSED_POLICIES, type MissedPolicy } from '../../../shared/publish/post.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { fromLocalInput } from '../../lib/calendar.js';

/** The date and time to publish at (the viewer's local time), and the same moment in each chosen account's zone. */
export function ScheduleField({ value, zones, onChange, error }: { value: string; zones: string[]; onChange: (value: string) => void; error: string | null }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const at = fromLocalInput(value);
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="field schedule-field">
      <label className="field__label" htmlFor={id}>
        {t('scheduler.composer.when', { zone: localZone })}
      </label>
      <input id={id} className={error ? 'input input--invalid' : 'input'} type="datetime-local" value={value} aria-invalid={error ? true : undefined} aria-describedby={`${id}-zones`} data-testid="composer-when" onChange={(e) => onChange(e.target.value)} />
      {error ? (
        <span className="field__error" role="alert" data-testid="composer-when-error">
          {error}
        </span>
      ) : null}
      <ul id={`${id}-zones`} className="schedule-field__zones" data-testid="composer-zones">
        {at !== null
          ? zones.map((zone) => (
              <li key={zone} data-zone={zone}>
                {t('scheduler.composer.inZone', {
                  zone,
                  time: new Intl.DateTimeFormat(language, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)),
                })}
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}

/** What happens if the studio is not running when the post comes due: the account's default, or this post's own choice. */
export function MissedPolicyField({ value, onChange }: { value: MissedPolicy | null; onChange: (value: MissedPolicy | null) => void }) {
  const t = useT();
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t('scheduler.composer.missed')}
      </label>
      <select id={id} className="select" value={value ?? ''} data-testid="composer-missed" onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as MissedPolicy))}>
        <option value="">{t('scheduler.composer.missed.account')}</option>
        {MISSED_POLICIES.map((p) => (
          <option key={p} value={p}>
            {t(`scheduler.missedPolicy.${p}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The next whole hour from now, as a `datetime-local` value's starting point. */
export function nextHour(now = Date.now()): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours() + 1).getTime();
}
