import type { ChoiceStatus } from '../../../shared/providers.js';
import { useT, type Translate } from '../../i18n/index.js';
import { ChoiceActions } from '../generate/ChoiceActions.js';
import { Field } from '../generate/fields.js';
import { PROVIDER_NAMES } from '../generate/modelChoice.js';
import { blockedOf, KIND_KEYS } from '../generate/ModelPicker.js';
import { statusOf } from '../generate/useProviderChoices.js';
import { BACKEND_KEYS, groupedChoices, isUsable, type Backend, type BackendChoice } from './photoBackends.js';

function choiceLabel(c: BackendChoice, t: Translate): string {
  const model = t(BACKEND_KEYS[c.backend]);
  if (c.mode === 'local') return model;
  if (c.mode === 'cloud') return t('photo.backend.cloud', { model });
  return t('photo.backend.ownKey', { model, provider: PROVIDER_NAMES[c.provider] });
}

/**
 * Which backend makes the photo, grouped as KingJam Cloud (credits), your own
 * key and local — the same kinds and the same "one action that makes it
 * usable" as the generators' model picker (providers.choices).
 */
export function BackendPicker<B extends Backend>({
  id,
  value,
  choices,
  statuses,
  onChange,
}: {
  id: string;
  value: BackendChoice<B>;
  choices: BackendChoice<B>[];
  statuses: ChoiceStatus[] | null;
  onChange: (choice: BackendChoice<B>) => void;
}) {
  const t = useT();
  const groups = groupedChoices(choices);
  return (
    <Field
      label={t('photo.backend')}
      htmlFor={id}
      hint={
        <span data-testid={`${id}-kind`} data-kind={value.mode}>
          {statuses ? t(KIND_KEYS[value.mode].body) : t('choices.loading')}
          {value.backend === 'offline' ? ` ${t('photo.backend.draftNote')}` : ''}
        </span>
      }
    >
      <select
        id={id}
        className="select"
        value={value.value}
        data-testid={id}
        onChange={(e) => {
          const next = choices.find((c) => c.value === e.target.value);
          if (next) onChange(next);
        }}
      >
        {groups.map((g) => (
          <optgroup key={g.mode} label={t(KIND_KEYS[g.mode].title)} data-kind={g.mode}>
            {g.choices.map((c) => {
              const usable = isUsable(c, statuses);
              const action = statusOf(statuses, c.provider)?.action;
              const label = choiceLabel(c, t);
              return (
                <option key={c.value} value={c.value} disabled={!usable} data-provider={c.provider}>
                  {!usable && action ? t('choices.option.unusable', { label, action: t(`choices.action.${action}`) }) : label}
                </option>
              );
            })}
          </optgroup>
        ))}
      </select>
      <ChoiceActions id={id} blocked={blockedOf(statuses, choices.map((c) => c.provider))} />
    </Field>
  );
}
