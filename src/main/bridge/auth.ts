import { createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/** The WebSocket subprotocol a client offers (and the bridge selects) for the event stream. */
export const EVENTS_PROTOCOL = 'kingjam.events';
/** Prefix of the subprotocol that carries the token: `kingjam.bearer.<token>`, offered next to EVENTS_PROTOCOL. */
export const BEARER_PROTOCOL_PREFIX = 'kingjam.bearer.';

/**
 * Who may use the web bridge. The token travels only where it is neither
 * logged nor kept in history: the `Authorization` header (HTTP), the
 * WebSocket's first message or its subprotocol — never the URL, whose query
 * ends up in logs, history and error messages.
 *
 * `<img>` and `<video>` cannot send a header, so an authenticated API
 * response sets a media cookie: HttpOnly (page script never sees it),
 * SameSite=Strict (another site's page cannot make the browser send it),
 * Path=/media/ (it opens media and nothing else). Its value is derived from
 * the token, so it never reveals the token, and it is named by port because
 * cookies are shared by every port of 127.0.0.1. A cookie was chosen over
 * signed URLs because media URLs are built synchronously by the renderer
 * (`mediaUrl`) and must stay stable for the browser's cache.
 */
export class BridgeAuth {
  private readonly cookieValue: string;
  private origins = new Set<string>();
  private cookieName = 'kingjam_media';

  constructor(private readonly token: string) {
    this.cookieValue = createHmac('sha256', token).update('kingjam media cookie').digest('hex');
  }

  /** Called once the port is known: which origins are this bridge's own page. */
  listening(port: number, hosts: Iterable<string>): void {
    this.origins = new Set([...hosts].map((host) => `http://${host}`));
    this.cookieName = `kingjam_media_${port}`;
  }

  /**
   * A browser always sends Origin on cross-origin requests and upgrades; a
   * request without one is a non-browser client or a same-origin navigation
   * or media load. `null` (sandboxed frames, file://) is foreign.
   */
  originAllowed(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.origins.has(origin);
  }

  /** `Authorization: Bearer <token>`, nothing else. */
  bearer(req: http.IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bearer ') && this.matches(header.slice(7));
  }

  /** For /media/: the bearer header, or the media cookie. */
  media(req: http.IncomingMessage): boolean {
    return this.bearer(req) || this.hasMediaCookie(req);
  }

  /** The Set-Cookie header for an authenticated response that came without the media cookie, or null. */
  mediaCookieFor(req: http.IncomingMessage): string | null {
    if (this.hasMediaCookie(req)) return null;
    return `${this.cookieName}=${this.cookieValue}; HttpOnly; SameSite=Strict; Path=/media/`;
  }

  private hasMediaCookie(req: http.IncomingMessage): boolean {
    const wanted = `${this.cookieName}=`;
    const cookie = String(req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(wanted));
    return cookie !== undefined && equal(cookie.slice(wanted.length), this.cookieValue);
  }

  /** The token offered as a subprotocol: 'valid', 'invalid', or 'absent' (the client will send it as its first message). */
  subprotocol(protocols: Set<string>): 'valid' | 'invalid' | 'absent' {
    const offered = [...protocols].find((p) => p.startsWith(BEARER_PROTOCOL_PREFIX));
    if (offered === undefined) return 'absent';
    return this.matches(offered.slice(BEARER_PROTOCOL_PREFIX.length)) ? 'valid' : 'invalid';
  }

  /** The WebSocket's first message: `{"type":"auth","token":"…"}`. */
  firstMessage(raw: string): boolean {
    try {
      const message = JSON.parse(raw) as unknown;
      if (!message || typeof message !== 'object') return false;
      const { type, token } = message as { type?: unknown; token?: unknown };
      return type === 'auth' && typeof token === 'string' && this.matches(token);
    } catch {
      return false;
    }
  }

  private matches(given: string): boolean {
    return equal(given, this.token);
  }
}

function equal(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
