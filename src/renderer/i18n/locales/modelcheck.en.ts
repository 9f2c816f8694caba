/** English strings for the model catalogue check (issue 12): what Settings → Test found about the Gemini models. */
export const modelcheckEn = {
  'modelcheck.unavailable': '{model} · not available to this key',
  'modelcheck.replaced': '{model} is not available to this key: jobs use {successor} instead.',
};

export type ModelcheckMessages = Record<keyof typeof modelcheckEn, string>;
