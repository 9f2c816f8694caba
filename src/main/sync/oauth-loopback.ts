import { createHash } from 'node:crypto';
import http from 'node:http';
import { z } from 'zod';
import type { ErrorInfo } from '../../shared/errors.js';
import { OAUTH_PLATFORM_NAMES, type OAuthPlatform } from '../../shared/partners.js';

/**
 * The native-app loopback redirect (RFC 8252 §7.3): while a connection is
 * being made, a tiny HTTP server on 127.0.0.1 waits for the browser to come
 * back from the platform with `code` and `state` (or `error`), hands them
 * over once, answers the browser with a self-contained page and stops.
 * Plain Node, so it runs the same in Electron, `kingjam serve` and tests.
 */

/** What the platform sent the browser back with (validated; nothing else reaches the caller). */
export type RedirectCallback =
  | { kind: 'code'; code: string; state: string }
  | { kind: 'error'; error: string; description: string | null; state: string | null };

/** How the flow ended, for the page the browser is shown. */
export type CallbackOutcome = { platform: OAuthPlatform } & ({ ok: true; account: string } | { ok: false; error: ErrorInfo });

export interface RedirectListener {
  /** Stops accepting connections; a callback being answered still gets its page. Idempotent. */
  close(): void;
}

export interface ListenOptions {
  /** How long to wait for the browser: the state's remaining lifetime. */
  timeoutMs: number;
  /** Called at most once, with the first well-formed callback; its outcome is shown to the browser. */
  onCallback(callback: RedirectCallback): Promise<CallbackOutcome>;
  /** Called when nothing came back in time (not after close()). */
  onTimeout(): void;
}

/**
 * Where to listen for a redirect address: only plain http on the IPv4
 * loopback literal with an explicit port (RFC 8252 §8.3 — "localhost" may
 * resolve elsewhere, and a remote host is not ours to bind).
 */
export function loopbackTarget(redirectUri: string): { host: '127.0.0.1'; port: number; path: string } | null {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || url.port === '') return null;
  return { host: '127.0.0.1', port: Number(url.port), path: url.pathname };
}

const codeCallback = z.object({ code: z.string().min(1).max(2000), state: z.string().min(16).max(200) });
const errorCallback = z.object({
  // RFC 6749 §4.1.2.1: the error code is printable ASCII without quotes or backslashes.
  error: z.string().regex(/^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,100}$/),
  // Shown to the user, so bounded; a platform's long explanation is cut rather than refused.
  error_description: z.string().max(2000).transform((s) => s.slice(0, 300)).optional(),
  state: z.string().min(1).max(200).optional(),
});

function parseCallback(params: URLSearchParams): RedirectCallback | null {
  const query = Object.fromEntries(params);
  if (query.error !== undefined) {
    const e = errorCallback.safeParse(query);
    return e.success ? { kind: 'error', error: e.data.error, description: e.data.error_description ?? null, state: e.data.state ?? null } : null;
  }
  const c = codeCallback.safeParse(query);
  return c.success ? { kind: 'code', code: c.data.code, state: c.data.state } : null;
}

/**
 * Listens at the redirect address. Null when it cannot (not a loopback
 * address, the port is taken, not allowed): the caller falls back to the
 * user pasting the address.
 */
export async function listenForRedirect(redirectUri: string, options: ListenOptions): Promise<RedirectListener | null> {
  const target = loopbackTarget(redirectUri);
  if (!target) return null;
  const expectedHost = `${target.host}:${target.port}`;
  let settled = false;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${expectedHost}`);
    const lang = pageLanguage(req.headers['accept-language']);
    // A page elsewhere that resolves its own name to 127.0.0.1 (DNS rebinding) must not reach the callback.
    if (req.headers.host !== expectedHost) return sendText(res, 400, 'Bad request');
    if (url.pathname !== target.path) return sendText(res, 404, 'Not found');
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return sendText(res, 405, 'Method not allowed');
    }
    if (settled) return sendText(res, 409, 'This sign-in was already handled. Return to KingJam Studio.');
    const callback = parseCallback(url.searchParams);
    // Not the platform's answer (a prefetch, a hand-typed address): say so and keep waiting for the real one.
    if (!callback) return sendPage(res, 400, lang, null);
    settled = true;
    stop();
    options.onCallback(callback).then(
      (outcome) => sendPage(res, outcome.ok ? 200 : 400, lang, outcome),
      () => sendPage(res, 500, lang, null),
    );
  });
  const timer = setTimeout(() => {
    if (settled) return;
    settled = true;
    stop();
    options.onTimeout();
  }, Math.max(0, options.timeoutMs));
  // Waiting for a browser must never keep the process alive on its own (the CLI, tests).
  timer.unref();

  function stop(): void {
    clearTimeout(timer);
    if (server.listening) server.close();
    server.closeIdleConnections();
  }

  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(target.port, target.host, () => resolve(true));
  });
  if (!listening) {
    clearTimeout(timer);
    return null;
  }
  server.unref();
  return {
    close() {
      settled = true;
      stop();
    },
  };
}

// ── the page the browser is shown ──────────────────────────────────────────

type PageLanguage = 'en' | 'zh-TW' | 'zh-CN';

/** The best of our three languages by the browser's Accept-Language (q-values honoured); English otherwise. */
export function pageLanguage(header: string | undefined): PageLanguage {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (/^zh-(tw|hk|mo|hant)\b/.test(tag)) return 'zh-TW';
    if (/^zh\b/.test(tag)) return 'zh-CN';
    if (/^en\b/.test(tag)) return 'en';
  }
  return 'en';
}

const TEXT: Record<PageLanguage, Record<'connectedTitle' | 'connected' | 'failedTitle' | 'denied' | 'state' | 'failed' | 'closeTab' | 'tryAgain' | 'notAnswerTitle' | 'notAnswer', string>> = {
  en: {
    connectedTitle: 'Account connected',
    connected: '{account} on {platform} is now connected to KingJam Studio.',
    failedTitle: 'The account was not connected',
    denied: 'Access was not allowed on {platform}, so nothing was connected.',
    state: 'This sign-in is not the one KingJam Studio is waiting for, or it has expired. Nothing was connected.',
    failed: 'KingJam Studio could not finish connecting {platform}.',
    closeTab: 'You can close this tab and return to KingJam Studio.',
    tryAgain: 'Return to KingJam Studio to try again.',
    notAnswerTitle: 'Nothing to do here',
    notAnswer: 'This address only takes the answer of a sign-in started in KingJam Studio.',
  },
  'zh-TW': {
    connectedTitle: '帳號已連結',
    connected: '{platform} 上的 {account} 已連結到 KingJam Studio。',
    failedTitle: '帳號未連結',
    denied: '你沒有在 {platform} 允許存取，因此沒有連結任何帳號。',
    state: '這次登入不是 KingJam Studio 正在等候的那一次，或已經過期。沒有連結任何帳號。',
    failed: 'KingJam Studio 無法完成 {platform} 的連結。',
    closeTab: '你可以關閉此分頁，回到 KingJam Studio。',
    tryAgain: '請回到 KingJam Studio 再試一次。',
    notAnswerTitle: '這裡沒有要做的事',
    notAnswer: '這個網址只接收從 KingJam Studio 發起的登入結果。',
  },
  'zh-CN': {
    connectedTitle: '账号已连接',
    connected: '{platform} 上的 {account} 已连接到 KingJam Studio。',
    failedTitle: '账号未连接',
    denied: '你没有在 {platform} 允许访问，因此没有连接任何账号。',
    state: '这次登录不是 KingJam Studio 正在等待的那一次，或已经过期。没有连接任何账号。',
    failed: 'KingJam Studio 无法完成 {platform} 的连接。',
    closeTab: '你可以关闭此标签页，回到 KingJam Studio。',
    tryAgain: '请回到 KingJam Studio 再试一次。',
    notAnswerTitle: '这里没有要做的事',
    notAnswer: '这个网址只接收从 KingJam Studio 发起的登录结果。',
  },
};

const STYLE =
  'body{margin:0;min-height:100vh;display:grid;place-items:center;background:#14121a;color:#f3f0f7;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans TC","Noto Sans SC",sans-serif}' +
  'main{max-width:34rem;margin:1.5rem;padding:2rem;border-radius:14px;background:#1f1b27;border:1px solid #3a3347}' +
  'h1{margin:0 0 .75rem;font-size:1.4rem}main[data-outcome=connected] h1{color:#6ee7a8}main[data-outcome=error] h1{color:#ff8a8a}' +
  'p{margin:.5rem 0}.detail{color:#c9c2d6;font-size:.9rem;overflow-wrap:anywhere}.muted{color:#a59db3}';

/** Nothing but the inline style above may load or run: no scripts, no remote content, no forms, no framing. */
export const CALLBACK_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** The page's heading and lines; null outcome: the request was not a sign-in's answer (or handling it broke). */
function pageText(lang: PageLanguage, outcome: CallbackOutcome | null): { kind: 'connected' | 'error'; title: string; lines: string[]; detail: string | null } {
  const t = TEXT[lang];
  if (!outcome) return { kind: 'error', title: t.notAnswerTitle, lines: [t.notAnswer], detail: null };
  const platform = OAUTH_PLATFORM_NAMES[outcome.platform];
  if (outcome.ok) return { kind: 'connected', title: t.connectedTitle, lines: [fill(t.connected, { account: outcome.account, platform }), t.closeTab], detail: null };
  const { error } = outcome;
  const reason = error.code === 'CANCELED' ? t.denied : error.field === 'state' || error.cloud?.code === 'INVALID_STATE' ? t.state : t.failed;
  return { kind: 'error', title: t.failedTitle, lines: [fill(reason, { platform }), t.tryAgain], detail: error.message };
}

export function callbackPage(lang: PageLanguage, outcome: CallbackOutcome | null): string {
  const p = pageText(lang, outcome);
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(p.title)} — KingJam Studio</title><style>${STYLE}</style></head>`,
    `<body><main data-outcome="${p.kind}"><h1>${escapeHtml(p.title)}</h1>`,
    ...p.lines.map((line, i) => `<p${i === p.lines.length - 1 ? ' class="muted"' : ''}>${escapeHtml(line)}</p>`),
    p.detail ? `<p class="detail">${escapeHtml(p.detail)}</p>` : '',
    '</main></body></html>',
  ].join('');
}

/** Headers of every answer: the address carries a one-time code, so nothing is cached, sniffed, framed or referred on. */
function secure(res: http.ServerResponse, status: number, contentType: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Security-Policy', CALLBACK_PAGE_CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // One exchange per connection: the listener closes after the callback and must not wait on keep-alive.
  res.setHeader('Connection', 'close');
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  secure(res, status, 'text/plain; charset=utf-8');
  res.end(text);
}

function sendPage(res: http.ServerResponse, status: number, lang: PageLanguage, outcome: CallbackOutcome | null): void {
  secure(res, status, 'text/html; charset=utf-8');
  res.end(callbackPage(lang, outcome));
}
