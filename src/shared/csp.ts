/**
 * The renderer's Content Security Policy, the same in the desktop window and
 * through the web bridge: only what the app itself ships, no remote content.
 */
export function contentSecurityPolicy(options: { connectSrc: string[]; mediaSchemes: string[] }): string {
  const media = options.mediaSchemes.join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${media}`.trimEnd(),
    `media-src 'self' blob: ${media}`.trimEnd(),
    ["connect-src 'self'", ...options.connectSrc].join(' '),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
