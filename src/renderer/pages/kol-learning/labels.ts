import { HOUR_WINDOW, type Feature, type FeatureDiff, type NumericFeature } from '../../../shared/kol/learning/index.js';
import type { Localized } from '../../../shared/messages.js';
import type { MessageKey, Translate } from '../../i18n/index.js';

/** How the Learning page names features, their values and what main said, in the user's language. */

export const featureLabel = (feature: Feature, t: Translate): string => t(`kollearn.feature.${feature}` as MessageKey);
export const numericLabel = (feature: NumericFeature, t: Translate): string => t(`kollearn.numeric.${feature}` as MessageKey);

const pad = (h: number): string => `${String(h).padStart(2, '0')}:00`;

export function valueLabel(d: Pick<FeatureDiff, 'feature' | 'value'>, t: Translate, nicknames: ReadonlyMap<string, string>): string {
  switch (d.feature) {
    case 'hour': {
      const from = Number(d.value);
      return `${pad(from)}–${pad((from + HOUR_WINDOW) % 24)}`;
    }
    case 'weekday':
      return t(`kollearn.weekday.${d.value}` as MessageKey);
    case 'media':
      return t(`kollearn.media.${d.value}` as MessageKey);
    case 'length':
      return t(`kollearn.length.${d.value}` as MessageKey);
    case 'hashtagCount':
      return d.value.replace('-', '–');
    case 'persona':
      return nicknames.get(d.value) ?? d.value;
    default:
      return d.value;
  }
}

/** A message main built (a suggestion, why there are none). */
export const localized = (message: Localized, t: Translate): string => t(`msg.${message.key}` as MessageKey, message.params);
export const localizedHint = (message: Localized, t: Translate): string => t(`msg.${message.key}.hint` as MessageKey, message.params);
