/** English strings added by the UI-walkthrough fixes (issue 11 §4): models, phone countries, canceling jobs. */
export const uifixEn = {
  'gen.model.proLatest': 'Gemini Pro Latest',
  'uifix.phone.country': 'Country or region',
  'uifix.phone.country.TW': 'Taiwan (+886)',
  'uifix.phone.country.CN': 'Mainland China (+86)',
  'uifix.phone.country.HK': 'Hong Kong (+852)',
  'uifix.phone.country.MO': 'Macau (+853)',
  'uifix.phone.help': 'Your mobile number, e.g. 0912345678, or with the country code, e.g. +886912345678',
  'uifix.phone.err': 'Enter your mobile number, e.g. 0912345678.',
};

export type UifixMessages = Record<keyof typeof uifixEn, string>;
