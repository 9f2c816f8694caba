import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/connect.js';
import type { Locale } from '../signup/mails.js';
import { pickLocale } from '../signup/mails.js';

const TEXT: Record<Locale, { title: string; invited: string; open: string; steps: string; codeLabel: string; unknown: string }> = {
  'zh-TW': {
    title: 'KingJam Studio 邀請',
    invited: '你的朋友邀請你加入 KingJam Studio。註冊並驗證電子郵件後，你的朋友會獲得推薦獎勵。',
    open: '用 KingJam Studio 開啟',
    steps: '還沒安裝？安裝後在「帳號」頁選擇「註冊」，並輸入下面的推薦碼。',
    codeLabel: '推薦碼',
    unknown: '這個邀請連結無效。請向邀請你的人確認連結。',
  },
  'zh-CN': {
    title: 'KingJam Studio 邀请',
    invited: '你的朋友邀请你加入 KingJam Studio。注册并验证电子邮件后，你的朋友会获得推荐奖励。',
    open: '用 KingJam Studio 打开',
    steps: '还没安装？安装后在“账号”页选择“注册”，并输入下面的推荐码。',
    codeLabel: '推荐码',
    unknown: '这个邀请链接无效。请向邀请你的人确认链接。',
  },
  en: {
    title: 'Your KingJam Studio invitation',
    invited: 'A friend invited you to KingJam Studio. Once you sign up and verify your email, your friend earns a referral reward.',
    open: 'Open in KingJam Studio',
    steps: 'Not installed yet? After installing, choose "Sign up" on the Account page and enter the referral code below.',
    codeLabel: 'Referral code',
    unknown: 'This invitation link is not valid. Check the link with whoever sent it.',
  },
};

const STYLE =
  'body{font-family:system-ui,"Noto Sans CJK TC","Noto Sans CJK SC",sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1f2937}' +
  'code{display:inline-block;font-size:1.6rem;letter-spacing:.15em;padding:.4rem .8rem;border:1px solid #cbd5e1;border-radius:.4rem;user-select:all}' +
  'a.open{display:inline-block;margin:1rem 0;padding:.6rem 1.2rem;background:#7c3aed;color:#fff;border-radius:.4rem;text-decoration:none}';
/** Nothing runs and nothing loads: only this one inline style, by its hash. */
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(locale: Locale, body: string): string {
  const t = TEXT[locale];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(t.title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(t.title)}</h1>${body}</body></html>`;
}

/**
 * `GET /r/<code>`: the referral link's landing page, in the visitor's language (Accept-Language),
 * carrying the code to sign-up: a `kingjam://signup?ref=` link for an installed app, and the code
 * shown to copy into the Account page.
 */
export function registerReferralLanding(app: FastifyInstance, h: DbHandle): void {
  app.get<{ Params: { code: string } }>('/r/:code', async (req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    const t = TEXT[locale];
    const raw = req.params.code;
    const known = /^[A-Za-z0-9]{4,32}$/.test(raw) ? await h.db.selectFrom('users').select('referral_code').where('referral_code', '=', raw.toUpperCase()).executeTakeFirst() : undefined;
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('vary', 'Accept-Language');
    if (!known) return reply.status(404).send(page(locale, `<p>${escapeHtml(t.unknown)}</p>`));
    const code = escapeHtml(known.referral_code);
    return reply.send(
      page(
        locale,
        `<p>${escapeHtml(t.invited)}</p><p><a class="open" href="kingjam://signup?ref=${encodeURIComponent(known.referral_code)}">${escapeHtml(t.open)}</a></p><p>${escapeHtml(t.steps)}</p><p>${escapeHtml(t.codeLabel)}</p><p><code>${code}</code></p>`,
      ),
    );
  });
}
