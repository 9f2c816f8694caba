import type { Tier } from '../../shared/boxes/fair.js';
import { useT } from '../i18n/index.js';

/** A blind-box item's rarity tier, styled per tier (regular / rare / secret). */
export function TierBadge({ tier, testId }: { tier: Tier; testId?: string }) {
  const t = useT();
  return (
    <span className={`box-tier box-tier--${tier}`} data-testid={testId} data-tier={tier}>
      {t(`boxes.tier.${tier}`)}
    </span>
  );
}
