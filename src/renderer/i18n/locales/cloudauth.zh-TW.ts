import type { cloudauthEn } from './cloudauth.en.js';

/** 帳號安全（issue 11 §2）：提領鎖定或待審核、變更兩步驟驗證須再次輸入密碼。 */
export const cloudauthZhTW: Record<keyof typeof cloudauthEn, string> = {
  'withdraw.status.review': '待人工審核',
  'withdraw.lockedNotice': '驗證碼錯誤次數過多：提領已鎖定，還需 {minutes} 分鐘。',
  'withdraw.reviewNotice': '兩步驟驗證剛變更過：{time} 前申請的提領，須經客服人工審核後才會撥款。',
  'profile.totp.password': '您的密碼',
  'profile.totp.passwordHelp': '每次變更帳號的保護方式，都需要再次輸入密碼。',
  'profile.totp.currentCode': '目前驗證器 App 顯示的驗證碼',
  'profile.totp.change': '更換驗證器',
  'profile.totp.continue': '繼續',
  'profile.totp.reviewHelp': '開啟或更換兩步驟驗證時，我們會寄 Email 通知您；之後 24 小時內的提領須經人工審核。',
  'profile.totp.err.password': '請輸入密碼。',
  'notices.withdrawalsLocked.title': '提領已鎖定',
  'notices.withdrawalsLocked.body': '提領時輸入了五次錯誤的驗證碼：提領已鎖定至 {time}。',
  'notices.totpOn.title': '已開啟兩步驟驗證',
  'notices.totpChanged.title': '已更換驗證器',
  'notices.totpChanged.body': '{time} 前申請的提領須經人工審核。我們也已寄 Email 通知您。',
  'notices.security.hint': '如果這不是您本人操作，請變更密碼並聯絡客服。',
  'cloudErr.WITHDRAWALS_LOCKED': '驗證碼錯誤次數過多：提領已鎖定 15 分鐘。',
  'cloudErr.TOKEN_REVOKED': '此登入階段已結束（已登出或密碼已變更），請重新登入。',
  'cloudErr.INVALID_CREDENTIALS': '密碼錯誤。',
  'cloudErr.TOTP_REQUIRED': '請輸入目前驗證器 App 顯示的驗證碼。',
  'cloudErr.ACCOUNT_LOCKED': '密碼或驗證碼錯誤次數過多：帳號已鎖定 15 分鐘。',
  'cloudErr.TOTP_NOT_ENROLLED': '請重新開始設定。',
};
