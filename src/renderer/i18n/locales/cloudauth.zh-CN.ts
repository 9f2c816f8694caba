import type { cloudauthEn } from './cloudauth.en.js';

/** 账号安全（issue 11 §2）：提现锁定或待审核、更改两步验证须再次输入密码。 */
export const cloudauthZhCN: Record<keyof typeof cloudauthEn, string> = {
  'withdraw.status.review': '待人工审核',
  'withdraw.lockedNotice': '验证码错误次数过多：提现已锁定，还需 {minutes} 分钟。',
  'withdraw.reviewNotice': '两步验证刚更改过：{time} 前申请的提现，须经客服人工审核后才会打款。',
  'profile.totp.password': '您的密码',
  'profile.totp.passwordHelp': '每次更改账号的保护方式，都需要再次输入密码。',
  'profile.totp.currentCode': '当前验证器 App 显示的验证码',
  'profile.totp.change': '更换验证器',
  'profile.totp.continue': '继续',
  'profile.totp.reviewHelp': '开启或更换两步验证时，我们会发送邮件通知您；之后 24 小时内的提现须经人工审核。',
  'profile.totp.err.password': '请输入密码。',
  'notices.withdrawalsLocked.title': '提现已锁定',
  'notices.withdrawalsLocked.body': '提现时输入了五次错误的验证码：提现已锁定至 {time}。',
  'notices.totpOn.title': '已开启两步验证',
  'notices.totpChanged.title': '已更换验证器',
  'notices.totpChanged.body': '{time} 前申请的提现须经人工审核。我们也已发送邮件通知您。',
  'notices.security.hint': '如果这不是您本人操作，请修改密码并联系客服。',
  'cloudErr.WITHDRAWALS_LOCKED': '验证码错误次数过多：提现已锁定 15 分钟。',
  'cloudErr.TOKEN_REVOKED': '此登录会话已结束（已退出或密码已更改），请重新登录。',
  'cloudErr.INVALID_CREDENTIALS': '密码错误。',
  'cloudErr.TOTP_REQUIRED': '请输入当前验证器 App 显示的验证码。',
  'cloudErr.ACCOUNT_LOCKED': '密码或验证码错误次数过多：账号已锁定 15 分钟。',
  'cloudErr.TOTP_NOT_ENROLLED': '请重新开始设置。',
};
