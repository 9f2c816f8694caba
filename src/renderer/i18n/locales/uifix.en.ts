/** English strings added by the UI-walkthrough fixes (issue 11 §4): models, phone countries, canceling jobs. */
export const uifixEn = {
  'gen.model.proLatest': 'Gemini Pro Latest',
};

export type UifixMessages = Record<keyof typeof uifixEn, string>;
