import { app, session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp.js';

/** The renderer's origin: the app is served from this custom scheme, never from file:// or the network. */
export const APP_ORIGIN = 'app://studio';

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ connectSrc: ['kingjam-media:'], mediaSchemes: ['kingjam-media:'] });

/**
 * No navigation away, no new windows, no permissions, no remote content.
 * `onOpenRequest` gets what a denied new window asked for, so a target=_blank link still opens through the shell.
 */
export function lockDown(onOpenRequest: (url: string) => void): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('kingjam-media:') || details.url.startsWith('devtools:') || details.url.startsWith('data:') || details.url.startsWith('blob:');
    callback({ cancel: !allowed });
  });
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      onOpenRequest(url);
      return { action: 'deny' };
    });
  });
}
