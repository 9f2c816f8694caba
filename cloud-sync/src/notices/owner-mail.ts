import type { Mail } from '../mail/mailer.js';

/**
 * The email telling an owner that 2FA was turned on or its authenticator changed. The account has
 * no language setting on the server, so it is written in Traditional Chinese, Simplified Chinese
 * and English, one after the other.
 */
export function totpChangedMail(to: string, at: number, first: boolean): Mail {
  const when = new Date(at).toISOString().replace('T', ' ').slice(0, 16);
  const zhTW = first ? '您的 KingJam 帳號已開啟兩步驟驗證' : '您的 KingJam 帳號已更換驗證器';
  const zhCN = first ? '您的 KingJam 账号已开启两步验证' : '您的 KingJam 账号已更换验证器';
  const en = first ? 'Two-factor authentication was turned on for your KingJam account' : 'The authenticator of your KingJam account was changed';
  return {
    to,
    subject: `${zhTW} / ${en}`,
    text: [
      `${zhTW}（${when} UTC）。接下來 24 小時內申請的提領將由人工審核後才處理。如果這不是您本人操作，請立即變更密碼並聯絡客服。`,
      '',
      `${zhCN}（${when} UTC）。接下来 24 小时内申请的提现将经人工审核后才处理。如果这不是您本人操作，请立即修改密码并联系客服。`,
      '',
      `${en} (${when} UTC). Withdrawals requested in the next 24 hours are held for review by our staff. If this was not you, change your password now and contact support.`,
      '',
    ].join('\n'),
  };
}
