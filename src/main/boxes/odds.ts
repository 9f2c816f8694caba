import { ODDS_SCALE } from '../../shared/boxes/fair.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';

/** The editor's percents may be off by float dust (33.3333 × 3), never by more than this. */
const PERCENT_TOLERANCE = 0.0001;

/**
 * The editor's percents as whole parts per million that add up to exactly
 * 1,000,000 (the cloud refuses anything else): each is rounded, and the
 * rounding remainder goes to the item with the largest odds, where a few ppm
 * change its percent least. A sum more than 0.0001 % away from 100 is refused.
 */
export function percentsToPpm(percents: readonly number[]): number[] {
  const sum = percents.reduce((s, p) => s + p, 0);
  if (Math.abs(sum - 100) > PERCENT_TOLERANCE) {
    throw new StudioError({
      code: 'BAD_INPUT',
      field: 'items',
      message: `The odds add up to ${sum} %, not 100 %.`,
      ...say('boxes.oddsNot100', { sum: Number(sum.toFixed(4)) }),
    });
  }
  const ppm = percents.map((p) => Math.round(p * (ODDS_SCALE / 100)));
  const rest = ODDS_SCALE - ppm.reduce((s, w) => s + w, 0);
  let largest = 0;
  for (let i = 1; i < ppm.length; i++) if (ppm[i]! > ppm[largest]!) largest = i;
  ppm[largest]! += rest;
  return ppm;
}
