import type { Mail } from '../mail/mailer.js';

/** The languages of the desktop app (and of the referral landing page). */
export const LOCALES = ['zh-TW', 'zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The best of our languages for an Accept-Language header (zh-HK/zh-Hant → zh-TW, zh/zh-Hans → zh-CN), English otherwise. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of wanted) {
    if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo' || tag.startsWith('zh-hant')) return 'zh-TW';
    if (tag === 'zh' || tag === 'zh-cn' || tag === 'zh-sg' || tag.startsWith('zh-hans')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

type Kind = 'verify' | 'exists' | 'reset';

const TEXT: Record<Locale, Record<Kind, { subject: string; body: (code: string | null) => string }>> = {
  'zh-TW': {
    verify: { subject: 'KingJam：驗證你的電子郵件', body: (c) => `你的 KingJam 驗證碼是 ${c ?? ''}（24 小時內有效，只能使用一次）。\n請在 KingJam Studio 的「帳號」頁輸入驗證碼。驗證後即可獲得註冊點數。\n\n如果不是你註冊的，請忽略這封信。` },
    exists: {
      subject: 'KingJam：有人嘗試用你的電子郵件註冊',
      body: (c) =>
        `有人嘗試用這個電子郵件地址註冊 KingJam，但這個地址已經有帳號了，所以沒有建立新帳號。\n如果是你：請直接登入，或在「帳號」頁選擇「忘記密碼」重設密碼。${c ? `\n這個帳號尚未驗證，驗證碼是 ${c}（24 小時內有效）。` : ''}\n如果不是你，可以忽略這封信，你的帳號沒有任何變更。`,
    },
    reset: { subject: 'KingJam：重設密碼', body: (c) => `你的 KingJam 密碼重設碼是 ${c ?? ''}（30 分鐘內有效，只能使用一次）。\n重設後，所有已登入的裝置都會登出。\n\n如果不是你要求的，請忽略這封信，密碼不會變更。` },
  },
  'zh-CN': {
    verify: { subject: 'KingJam：验证你的电子邮件', body: (c) => `你的 KingJam 验证码是 ${c ?? ''}（24 小时内有效，只能使用一次）。\n请在 KingJam Studio 的“账号”页输入验证码。验证后即可获得注册点数。\n\n如果不是你注册的，请忽略这封邮件。` },
    exists: {
      subject: 'KingJam：有人尝试用你的电子邮件注册',
      body: (c) =>
        `有人尝试用这个电子邮件地址注册 KingJam，但这个地址已经有账号了，所以没有创建新账号。\n如果是你：请直接登录，或在“账号”页选择“忘记密码”重设密码。${c ? `\n这个账号尚未验证，验证码是 ${c}（24 小时内有效）。` : ''}\n如果不是你，可以忽略这封邮件，你的账号没有任何变更。`,
    },
    reset: { subject: 'KingJam：重设密码', body: (c) => `你的 KingJam 密码重设码是 ${c ?? ''}（30 分钟内有效，只能使用一次）。\n重设后，所有已登录的设备都会退出。\n\n如果不是你请求的，请忽略这封邮件，密码不会变更。` },
  },
  en: {
    verify: { subject: 'KingJam: verify your email', body: (c) => `Your KingJam verification code is ${c ?? ''} (valid for 24 hours, single use).\nEnter it on the Account page of KingJam Studio. Your sign-up credits arrive once the address is verified.\n\nIf you did not sign up, ignore this email.` },
    exists: {
      subject: 'KingJam: someone tried to register with your address',
      body: (c) =>
        `Someone tried to register a KingJam account with this email address. It already has an account, so no new account was made.\nIf it was you, sign in, or reset your password with "Forgot password" on the Account page.${c ? `\nThis account is not verified yet; its verification code is ${c} (valid for 24 hours).` : ''}\nIf it was not you, you can ignore this email: nothing about your account changed.`,
    },
    reset: { subject: 'KingJam: reset your password', body: (c) => `Your KingJam password reset code is ${c ?? ''} (valid for 30 minutes, single use).\nResetting signs out every device.\n\nIf you did not ask for this, ignore this email; your password stays as it is.` },
  },
};

/** The mail for `kind` in `locale`; `code` is the one-time code it carries (none for an "exists" notice on a verified account). */
export function signupMail(kind: Kind, locale: Locale, to: string, code: string | null): Mail {
  const t = TEXT[locale][kind];
  return { to, subject: t.subject, text: t.body(code) };
}
