import type { ChoiceStatus, RunMode } from '../../../shared/providers.js';
import { useT, type MessageKey, type Translate } from '../../i18n/index.js';
import { ChoiceActions } from './ChoiceActions.js';
import { Field } from './fields.js';
import { choiceProviderOf, PROVIDER_NAMES, RUN_KINDS, textModelOptions, type ModelOption, type TextModelChoice } from './modelChoice.js';
import { statusOf } from './useProviderChoices.js';

export const KIND_KEYS: Record<RunMode, { title: MessageKey; body: MessageKey }> = {
  cloud: { title: 'choices.kind.cloud', body: 'choices.kind.cloud.body' },
  'own-key': { title: 'choices.kind.ownKey', body: 'choices.kind.ownKey.body' },
  local: { title: 'choices.kind.local', body: 'choices.kind.local.body' },
};

function optionLabel(o: ModelOption, t: Translate): string {
  if (o.provider === 'offline') return t('gen.model.offline');
  if (o.provider === 'ollama') return t('gen.model.ollama');
  if (o.provider === 'cloud') return t('choices.option.cloud', { model: o.label ?? '' });
  return t('choices.option.ownKey', { model: o.label ?? '', provider: PROVIDER_NAMES[o.provider] });
}

/** The unusable statuses behind a list of providers, once each. */
export function blockedOf(choices: ChoiceStatus[] | null, providers: ChoiceStatus['provider'][]): ChoiceStatus[] {
  return [...new Set(providers)].flatMap((p) => {
    const s = statusOf(choices, p);
    return s && !s.usable && s.action ? [s] : [];
  });
}

/**
 * The writing model, grouped as KingJam Cloud (credits), your own key and
 * local / offline. A choice that cannot run now is disabled and says what to
 * do; under the list, a button does it.
 */
export function ModelPicker({ id, value, choices, onChange }: { id: string; value: TextModelChoice; choices: ChoiceStatus[] | null; onChange: (choice: TextModelChoice) => void }) {
  const t = useT();
  const groups = textModelOptions();
  const kind = RUN_KINDS.find((k) => groups[k].some((o) => o.value === value)) ?? 'local';
  const providers = RUN_KINDS.flatMap((k) => groups[k].map((o) => o.provider));
  return (
    <Field label={t('gen.model')} htmlFor={id} hint={<span data-testid={`${id}-kind`} data-kind={kind}>{choices ? t(KIND_KEYS[kind].body) : t('choices.loading')}</span>}>
      <select id={id} className="select" value={value} data-testid={id} onChange={(e) => onChange(e.target.value)}>
        {RUN_KINDS.map((k) => (
          <optgroup key={k} label={t(KIND_KEYS[k].title)} data-kind={k}>
            {groups[k].map((o) => {
              const status = statusOf(choices, choiceProviderOf(o.value));
              const blocked = choices !== null && o.provider !== 'offline' && !status?.usable;
              const label = optionLabel(o, t);
              return (
                <option key={o.value} value={o.value} disabled={blocked} data-provider={o.provider}>
                  {blocked && status?.action ? t('choices.option.unusable', { label, action: t(`choices.action.${status.action}`) }) : label}
                </option>
              );
            })}
          </optgroup>
        ))}
      </select>
      <ChoiceActions id={id} blocked={blockedOf(choices, providers)} />
    </Field>
  );
}
