/** English texts of the cloud error codes added for issue 11 (payments, ledger rules, request hygiene); cloudmoney.zh-TW.ts and cloudmoney.zh-CN.ts have every key. */
export const cloudmoneyEn = {
  'cloudErr.GRANT_EXPIRY_OUT_OF_RULE': 'These credits cannot be granted with that expiry: promotional credits last 7–30 days, plan credits until the end of the billing period, bought and bonus credits never expire.',
  'cloudErr.WEBHOOK_MALFORMED': 'The payment notice could not be read, so nothing was credited.',
  'cloudErr.BAD_REQUEST': 'The request could not be understood.',
};
