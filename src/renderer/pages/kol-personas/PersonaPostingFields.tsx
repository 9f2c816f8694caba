import { useMemo } from 'react';
import { PLATFORM_LABELS } from '../../../shared/publish/platforms.js';
import type { PublishAccountView } from '../../../shared/publish/post.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { CheckField, TextField } from './FormFields.js';
import { errorFor } from './personaForm.js';
import type { FieldsProps } from './PersonaProfileFields.js';

/** The publish accounts by client (the persona's own client first), each client's by name. */
function groupByClient(accounts: PublishAccountView[], noClient: string): { key: string; name: string; accounts: PublishAccountView[] }[] {
  const groups = new Map<string, { key: string; name: string; accounts: PublishAccountView[] }>();
  for (const a of accounts) {
    const key = a.clientId ?? '';
    const group = groups.get(key) ?? { key, name: a.clientName ?? noClient, accounts: [] };
    group.accounts.push(a);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Taipei', 'Asia/Shanghai', 'Asia/Hong_Kong', 'UTC'];

/** Where and how much the persona posts: accounts, daily limit, quiet hours, time zone; auto-approve and learning. */
export function PersonaPostingFields({ values, onChange, errors, accounts }: FieldsProps & { accounts: PublishAccountView[] }) {
  const t = useT();
  const err = (field: string) => {
    const key = errorFor(errors, field);
    return key ? t(key) : undefined;
  };
  const groups = useMemo(() => groupByClient(accounts, t('kol.personas.noClient')), [accounts, t]);
  const limits = values.limits;
  const setLimits = (patch: Partial<typeof limits>) => onChange({ ...values, limits: { ...limits, ...patch } });
  const toggleAccount = (id: string, on: boolean) => onChange({ ...values, accountIds: on ? [...values.accountIds, id] : values.accountIds.filter((x) => x !== id) });
  const quiet = limits.quietHours;

  return (
    <fieldset className="persona-form__group">
      <legend>{t('kol.personas.section.posting')}</legend>
      <div className="field">
        <span className="field__label">{t('kol.personas.field.accounts')}</span>
        {accounts.length === 0 ? <p className="muted small">{t('kol.personas.noAccounts')}</p> : null}
        {groups.map((g) => (
          <div key={g.key} className="persona-accounts" role="group" aria-label={g.name}>
            <span className="persona-accounts__client">{g.name}</span>
            {g.accounts.map((a) => (
              <label key={a.id} className="checkbox-field" data-testid="persona-account">
                <input type="checkbox" checked={values.accountIds.includes(a.id)} data-testid={`persona-account-${a.id}`} onChange={(e) => toggleAccount(a.id, e.target.checked)} />
                {PLATFORM_LABELS[a.platform]} · {a.displayName}
              </label>
            ))}
          </div>
        ))}
      </div>
      <div className="field-grid">
        <TextField
          label={t('kol.personas.field.perDay')}
          type="number"
          value={Number.isNaN(limits.perDay) ? '' : String(limits.perDay)}
          error={err('limits.perDay')}
          testId="persona-per-day"
          onChange={(v) => setLimits({ perDay: v === '' ? Number.NaN : Number(v) })}
        />
        <TextField label={t('kol.personas.field.timeZone')} value={limits.timeZone} list="persona-zones" maxLength={64} error={err('limits.timeZone')} testId="persona-time-zone" onChange={(timeZone) => setLimits({ timeZone })} />
        <datalist id="persona-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <CheckField label={t('kol.personas.field.quietHours')} checked={quiet !== null} testId="persona-quiet" onChange={(on) => setLimits({ quietHours: on ? { start: '23:00', end: '07:00' } : null })}>
        {quiet ? (
          <div className="field-grid">
            <TextField label={t('kol.personas.field.quietStart')} type="time" value={quiet.start} error={err('limits.quietHours.start')} testId="persona-quiet-start" onChange={(start) => setLimits({ quietHours: { ...quiet, start } })} />
            <TextField label={t('kol.personas.field.quietEnd')} type="time" value={quiet.end} error={err('limits.quietHours.end')} testId="persona-quiet-end" onChange={(end) => setLimits({ quietHours: { ...quiet, end } })} />
          </div>
        ) : null}
      </CheckField>
      <CheckField label={t('kol.personas.field.autoApprove')} checked={values.autoApprove} testId="persona-auto-approve" onChange={(autoApprove) => onChange({ ...values, autoApprove })}>
        {values.autoApprove ? (
          <p className="persona-form__warning" role="alert" data-testid="persona-auto-approve-warning">
            <Icon name="warning" size={14} />
            {t('kol.personas.autoApproveWarning')}
          </p>
        ) : null}
      </CheckField>
      <CheckField label={t('kol.personas.field.learning')} checked={values.learningEnabled} testId="persona-learning" onChange={(learningEnabled) => onChange({ ...values, learningEnabled })}>
        <span className="field__hint">{t('kol.personas.field.learningHint')}</span>
      </CheckField>
    </fieldset>
  );
}
