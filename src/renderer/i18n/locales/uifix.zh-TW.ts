import type { UifixMessages } from './uifix.en.js';

/** UI 巡檢修正（issue 11 §4）新增的繁體中文字串。 */
export const uifixZhTW: UifixMessages = {
  'gen.model.proLatest': 'Gemini Pro 最新版',
  'uifix.phone.country': '國家或地區',
  'uifix.phone.country.TW': '台灣 (+886)',
  'uifix.phone.country.CN': '中國大陸 (+86)',
  'uifix.phone.country.HK': '香港 (+852)',
  'uifix.phone.country.MO': '澳門 (+853)',
  'uifix.phone.help': '手機號碼，例如 0912345678，或含國碼，例如 +886912345678',
  'uifix.phone.err': '請輸入手機號碼，例如 0912345678。',
};
