/** English strings added by the UI-walkthrough fixes (issue 11 §4): models, phone countries, canceling jobs. */
export const uifixEn = {
  'uifix.phone.country': 'Country or region',
  'uifix.phone.country.TW': 'Taiwan (+886)',
  'uifix.phone.country.CN': 'Mainland China (+86)',
  'uifix.phone.country.HK': 'Hong Kong (+852)',
  'uifix.phone.country.MO': 'Macau (+853)',
  'uifix.phone.help': 'Your mobile number, e.g. 0912345678, or with the country code, e.g. +886912345678',
  'uifix.phone.err': 'Enter your mobile number, e.g. 0912345678.',
  'gen.status.canceled': 'Canceled',
  'uifix.canceled.title': 'You canceled this one',
  'uifix.canceled.body': 'Nothing was charged for it. Change what you like and start it again.',
  'uifix.cancel.title': 'Cancel this job?',
  'uifix.cancel.body': 'It stops now and what it has done so far is discarded. Nothing is charged for it.',
  'uifix.cancel.confirm': 'Cancel the job',
  'uifix.cancel.keep': 'Keep it running',
  'uifix.blog.htmlPreview': 'HTML page preview',
};

export type UifixMessages = Record<keyof typeof uifixEn, string>;
