import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/**
 * Where Stripe's hosted checkout sends the browser back (the success and
 * cancel URLs of every session). The credits arrive by webhook, not through
 * these pages, so they only tell the person what happened and to return to
 * the app, in the three languages the studio ships (the browser's language is
 * not ours to know here). Static, without scripts or remote content; open,
 * like /healthz, because they reveal nothing and the browser has no token.
 */

const PAGES = {
  success: {
    tone: 'ok',
    lines: [
      ['zh-TW', '付款完成', '點數會在幾秒內加到你的帳戶。你可以關閉此分頁，回到 KingJam Studio。'],
      ['zh-CN', '付款完成', '点数会在几秒内加到你的账户。你可以关闭此标签页，回到 KingJam Studio。'],
      ['en', 'Payment received', 'Your credits will appear in KingJam Studio within a few seconds. You can close this tab.'],
    ],
  },
  cancel: {
    tone: 'muted',
    lines: [
      ['zh-TW', '已取消付款', '沒有扣款，點數也沒有變動。你可以關閉此分頁，回到 KingJam Studio。'],
      ['zh-CN', '已取消付款', '没有扣款，点数也没有变动。你可以关闭此标签页，回到 KingJam Studio。'],
      ['en', 'Payment cancelled', 'Nothing was charged and your credits are unchanged. You can close this tab.'],
    ],
  },
} as const;

const STYLE =
  'body{margin:0;min-height:100vh;display:grid;place-items:center;background:#14121a;color:#f3f0f7;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans TC","Noto Sans SC",sans-serif}' +
  'main{max-width:34rem;margin:1.5rem;padding:2rem;border-radius:14px;background:#1f1b27;border:1px solid #3a3347}' +
  'section+section{margin-top:1.25rem;padding-top:1.25rem;border-top:1px solid #3a3347}h1{margin:0 0 .5rem;font-size:1.3rem}' +
  'main[data-tone=ok] h1{color:#6ee7a8}main[data-tone=muted] h1{color:#c9c2d6}p{margin:0;color:#c9c2d6}';

/** Nothing but the inline style above may load or run. */
export const RETURN_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function page(kind: keyof typeof PAGES): string {
  const { tone, lines } = PAGES[kind];
  return [
    `<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">',
    `<title>${lines[2][1]} — KingJam Studio</title><style>${STYLE}</style></head><body><main data-tone="${tone}">`,
    ...lines.map(([lang, title, text]) => `<section lang="${lang}"><h1>${title}</h1><p>${text}</p></section>`),
    '</main></body></html>',
  ].join('');
}

export function registerReturnPages(app: FastifyInstance): void {
  for (const kind of ['success', 'cancel'] as const) {
    const html = page(kind);
    // The success URL carries the session id; nothing here reads it, and no-store keeps it out of caches.
    app.get(`/billing/${kind}`, async (_req, reply) =>
      reply
        .header('Content-Type', 'text/html; charset=utf-8')
        .header('Content-Security-Policy', RETURN_PAGE_CSP)
        .header('Cache-Control', 'no-store')
        .header('Referrer-Policy', 'no-referrer')
        .header('X-Content-Type-Options', 'nosniff')
        .header('X-Frame-Options', 'DENY')
        .send(html),
    );
  }
}
