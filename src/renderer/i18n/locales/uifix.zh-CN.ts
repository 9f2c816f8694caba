import type { UifixMessages } from './uifix.en.js';

/** UI 巡检修正（issue 11 §4）新增的简体中文字串。 */
export const uifixZhCN: UifixMessages = {
  'uifix.phone.country': '国家或地区',
  'uifix.phone.country.TW': '台湾 (+886)',
  'uifix.phone.country.CN': '中国大陆 (+86)',
  'uifix.phone.country.HK': '香港 (+852)',
  'uifix.phone.country.MO': '澳门 (+853)',
  'uifix.phone.help': '手机号码，例如 13812345678，或含国际区号，例如 +8613812345678',
  'uifix.phone.err': '请输入手机号码，例如 13812345678。',
  'gen.status.canceled': '已取消',
  'uifix.canceled.title': '你已取消这项任务',
  'uifix.canceled.body': '这次不会扣点数。调整内容后可以再开始一次。',
  'uifix.cancel.title': '要取消这项任务吗？',
  'uifix.cancel.body': '任务会立即停止，已完成的部分不会保留，也不会扣点数。',
  'uifix.cancel.confirm': '取消任务',
  'uifix.cancel.keep': '继续执行',
  'uifix.blog.htmlPreview': 'HTML 网页预览',
};
