import type { ThresholdCondition } from './triggers.js';

/**
 * When a threshold trigger fires: its condition holds now and did not at the
 * last poll — once per crossing, not on every poll while the value stays
 * above. `crossesAbove`/`crossesBelow` need a previous value on the other
 * side; `spike` needs its full window of samples.
 */
export interface ThresholdReading {
  value: number;
  /** The value at the previous poll, if any. */
  previous: number | null;
  /** The samples before this one, newest first (spike's window). */
  history: readonly number[];
}

export interface ThresholdOutcome {
  met: boolean;
  average: number | null;
  /** Samples the window still lacks (spike only). */
  missing: number;
}

export function evaluateCondition(condition: ThresholdCondition, reading: ThresholdReading): ThresholdOutcome {
  const { value, previous } = reading;
  switch (condition.kind) {
    case 'above':
      return { met: value > condition.value, average: null, missing: 0 };
    case 'below':
      return { met: value < condition.value, average: null, missing: 0 };
    case 'crossesAbove':
      return { met: previous !== null && previous <= condition.value && value > condition.value, average: null, missing: 0 };
    case 'crossesBelow':
      return { met: previous !== null && previous >= condition.value && value < condition.value, average: null, missing: 0 };
    case 'spike': {
      const window = reading.history.slice(0, condition.samples);
      if (window.length < condition.samples) return { met: false, average: window.length ? mean(window) : null, missing: condition.samples - window.length };
      const average = mean(window);
      return { met: value > condition.factor * average, average, missing: 0 };
    }
  }
}

/** Fires on the poll where the condition starts to hold. */
export function shouldFire(outcome: ThresholdOutcome, wasMet: boolean): boolean {
  return outcome.met && !wasMet;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
