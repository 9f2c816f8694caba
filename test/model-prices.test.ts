import { describe, expect, it } from 'vitest';
import { textChargeCredits } from '../src/shared/call-prices.js';
import { MODEL_CATALOG } from '../src/shared/models.js';

/**
 * Google's list prices (US$ per million tokens, thinking billed as output) for the Gemini text
 * models the cloud sells, from ai.google.dev/gemini-api/docs/pricing as read on 2026-12-06; where a
 * price is announced to change (3.6 and 3.8 Flash on 2027-01-01) the higher one. An alias is
 * priced as the model it follows today.
 */
const LIST_USD: Record<string, { input: number; output: number }> = {
  'gemini-3.6-flash': { input: 1.5, output: 7.5 },
  'gemini-3.5-flash': { input: 1.5, output: 9 },
  'gemini-flash-latest': { input: 1.5, output: 7.5 },
  'gemini-3.1-pro-preview': { input: 2, output: 12 },
  'gemini-pro-latest': { input: 2, output: 12 },
};
/** 10 credits to NT$1 (seed 000 §4), NT$32 to the US dollar. */
const CREDITS_PER_USD = 320;

describe('what a Gemini text call is charged covers what it costs upstream', () => {
  const sold = MODEL_CATALOG.filter((m) => m.upstream === 'gemini' && m.capability === 'text' && m.lifecycle.status === 'current');

  it('knows the list price of every text model it sells', () => {
    expect(sold.map((m) => m.id).sort()).toEqual(Object.keys(LIST_USD).sort());
  });

  // A short caption call, a typical article call and one that uses the whole output ceiling.
  it.each([
    [400, 300],
    [2_000, 3_000],
    [24_000, 8_192],
  ])('for %i tokens in and %i out, every model is charged at least its list price', (inputTokens, outputTokens) => {
    for (const model of sold) {
      const list = LIST_USD[model.id]!;
      const cost = ((inputTokens * list.input + outputTokens * list.output) / 1_000_000) * CREDITS_PER_USD;
      const charged = textChargeCredits(model, { inputTokens, outputTokens }, Number.MAX_SAFE_INTEGER);
      expect(charged, model.id).toBeGreaterThanOrEqual(cost);
    }
  });
});
