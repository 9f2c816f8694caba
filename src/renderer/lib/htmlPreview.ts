/**
 * An exported HTML page made viewable inside the app: its relative image
 * sources (the blog cover next to the page) are rewritten to the app's
 * media URLs — the same helper every other library image uses — because a
 * relative URL inside a preview can neither reach the desktop's media
 * protocol nor carry the web bridge's credentials.
 */
export function withMediaUrls(html: string, pagePath: string, mediaUrl: (libraryPath: string) => string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const dir = pagePath.split('/').slice(0, -1);
  for (const img of doc.querySelectorAll('img[src]')) {
    const src = img.getAttribute('src')!;
    // Absolute URLs and data: stay; only paths relative to the page point into the library.
    if (/^([a-z][a-z0-9+.-]*:|\/)/i.test(src)) continue;
    const parts = [...dir];
    for (const part of src.split(/[?#]/)[0]!.split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '.' && part !== '') parts.push(decodeURIComponent(part));
    }
    img.setAttribute('src', mediaUrl(parts.join('/')));
  }
  return `<!doctype html>\n${doc.documentElement.outerHTML}`;
}
