import type { UifixMessages } from './uifix.en.js';

/** UI 巡检修正（issue 11 §4）新增的简体中文字串。 */
export const uifixZhCN: UifixMessages = {
  'gen.model.proLatest': 'Gemini Pro 最新版',
  'uifix.phone.country': '国家或地区',
  'uifix.phone.country.TW': '台湾 (+886)',
  'uifix.phone.country.CN': '中国大陆 (+86)',
  'uifix.phone.country.HK': '香港 (+852)',
  'uifix.phone.country.MO': '澳门 (+853)',
  'uifix.phone.help': '手机号码，例如 13812345678，或含国际区号，例如 +8613812345678',
  'uifix.phone.err': '请输入手机号码，例如 13812345678。',
};
