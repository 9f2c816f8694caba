import type { cloudmoneyEn } from './cloudmoney.en.js';

/** 第 11 號議題新增的雲端錯誤代碼（繁體中文）。 */
export const cloudmoneyZhTW: Record<keyof typeof cloudmoneyEn, string> = {
  'cloudErr.GRANT_EXPIRY_OUT_OF_RULE': '無法以這個到期日發放點數：活動點數有效 7–30 天，月費點數到本期結束，購買點數與獎金點數永不過期。',
  'cloudErr.WEBHOOK_MALFORMED': '無法讀取這筆付款通知，因此沒有入帳任何點數。',
  'cloudErr.BAD_REQUEST': '無法理解這個請求。',
};
