import type { cloudmoneyEn } from './cloudmoney.en.js';

/** 第 11 号议题新增的云端错误代码（简体中文）。 */
export const cloudmoneyZhCN: Record<keyof typeof cloudmoneyEn, string> = {
  'cloudErr.GRANT_EXPIRY_OUT_OF_RULE': '无法以这个到期日发放点数：活动点数有效 7–30 天，月费点数到本期结束，购买点数与奖金点数永不过期。',
  'cloudErr.WEBHOOK_MALFORMED': '无法读取这笔付款通知，因此没有入账任何点数。',
  'cloudErr.BAD_REQUEST': '无法理解这个请求。',
};
