import type { UifixMessages } from './uifix.en.js';

/** UI 巡檢修正（issue 11 §4）新增的繁體中文字串。 */
export const uifixZhTW: UifixMessages = {
  'uifix.phone.country': '國家或地區',
  'uifix.phone.country.TW': '台灣 (+886)',
  'uifix.phone.country.CN': '中國大陸 (+86)',
  'uifix.phone.country.HK': '香港 (+852)',
  'uifix.phone.country.MO': '澳門 (+853)',
  'uifix.phone.help': '手機號碼，例如 0912345678，或含國碼，例如 +886912345678',
  'uifix.phone.err': '請輸入手機號碼，例如 0912345678。',
  'gen.status.canceled': '已取消',
  'uifix.canceled.title': '你已取消這項工作',
  'uifix.canceled.body': '這次不會扣點數。調整內容後可以再開始一次。',
  'uifix.cancel.title': '要取消這項工作嗎？',
  'uifix.cancel.body': '工作會立即停止，已完成的部分不會保留，也不會扣點數。',
  'uifix.cancel.confirm': '取消工作',
  'uifix.cancel.keep': '繼續執行',
  'uifix.blog.htmlPreview': 'HTML 網頁預覽',
};
