import type { Tier } from '../../../shared/boxes/fair.js';
import { useT } from '../../i18n/index.js';

/** A labelled choice of tier (all three for an item; rare and secret for the guarantee). */
export function TierSelect<T extends Tier>({ label, tiers, value, testId, onChange }: { label: string; tiers: readonly T[]; value: T; testId: string; onChange: (tier: T) => void }) {
  const t = useT();
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select className="input" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {tiers.map((tier) => (
          <option key={tier} value={tier}>
            {t(`boxstudio.tier.${tier}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
