import type { ChoiceStatus, ProviderStatus } from '../../../shared/providers.js';
import { useT } from '../../i18n/index.js';
import { ChoiceActions } from '../generate/ChoiceActions.js';
import { Field } from '../generate/fields.js';
import { RUN_KINDS } from '../generate/modelChoice.js';
import { blockedOf, KIND_KEYS } from '../generate/ModelPicker.js';
import { statusOf } from '../generate/useProviderChoices.js';
import { backendGroups, backendOptionOf, backendPayer, backendPrice, backendUsable, type BackendOption } from './backends.js';

/**
 * The Director's video backend, grouped as the writing model is: through
 * KingJam Cloud (credits), on the user's own key, or local / offline. A
 * backend none of whose providers can run now is disabled and says what to do.
 */
export function BackendPicker({ value, providers, choices, onChange }: { value: string; providers: ProviderStatus[] | null; choices: ChoiceStatus[] | null; onChange: (value: string) => void }) {
  const t = useT();
  const groups = backendGroups(providers);
  const { backend, via } = backendOptionOf(value);
  const usable = (o: BackendOption) => backendUsable(o, choices);
  const firstBlocked = (o: BackendOption) => statusOf(choices, o.needs[0]!)?.action;
  const price = (b: BackendOption['backend'], ownKey: boolean) => (ownKey ? t('choices.backend.ownKey', { provider: backendPayer(b, choices) }) : backendPrice(b, t));
  return (
    <Field label={t('director.backend')} htmlFor="director-backend" hint={<span data-testid="director-backend-price">{price(backend, via === 'own-key')}</span>}>
      <select id="director-backend" className="select" value={value} data-testid="director-backend" onChange={(e) => onChange(e.target.value)}>
        {RUN_KINDS.map((k) => (
          <optgroup key={k} label={t(KIND_KEYS[k].title)} data-kind={k}>
            {groups[k].map((o) => {
              const label = `${t(`director.backend.${o.backend}`)} — ${price(o.backend, o.via === 'own-key')}`;
              const action = usable(o) ? null : firstBlocked(o);
              return (
                <option key={o.value} value={o.value} disabled={!usable(o)}>
                  {action ? t('choices.option.unusable', { label, action: t(`choices.action.${action}`) }) : label}
                </option>
              );
            })}
          </optgroup>
        ))}
      </select>
      <ChoiceActions id="director-backend" blocked={blockedOf(choices, RUN_KINDS.flatMap((k) => groups[k].filter((o) => !usable(o)).map((o) => o.needs[0]!)))} />
    </Field>
  );
}
