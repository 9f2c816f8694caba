import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain } from 'electron';
import { dispatchCall } from '../api/dispatch.js';
import { createHandlers, type Handlers } from '../api/handlers.js';
import { resolveDataDir } from '../paths.js';
import { Studio } from '../studio.js';
import { openDesktopSecrets } from './secrets.js';
import { openTargetOfWindowRequest } from '../library/media-path.js';
import { desktopShell } from './open.js';
import { handleProtocols, registerSchemes } from './protocols.js';
import { APP_ORIGIN, lockDown } from './security.js';
import { UtilityProcessSpawner } from './utility-transport.js';

/**
 * The desktop shell: one locked-down window over the same engine the CLI
 * uses. Everything here is glue; behaviour lives outside src/main/electron.
 */
const rendererDir = fileURLToPath(new URL('../../renderer/', import.meta.url));
const preload = fileURLToPath(new URL('../../preload/index.cjs', import.meta.url));

registerSchemes();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let studio: Studio | null = null;
  // A referral link (kingjam://signup?ref=CODE) may arrive before the studio is open.
  let earlyLink: string | null = process.argv.find((a) => a.startsWith('kingjam://')) ?? null;
  const openedWith = (link: string | undefined) => {
    if (!link) return;
    if (studio) studio.signup.openedWith(link);
    else earlyLink = link;
  };
  app.setAsDefaultProtocolClient('kingjam');
  // macOS hands the link to the running app; Windows and Linux start a second instance with it.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openedWith(url);
  });

  app.on('second-instance', (_event, argv) => {
    openedWith(argv.find((a) => a.startsWith('kingjam://')));
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.whenReady().then(async () => {
    let handlers: Handlers | null = null;
    // A denied new window (target=_blank, window.open) becomes a system.open call, with its checks.
    lockDown((url) => {
      const target = openTargetOfWindowRequest(url);
      if (handlers && target) void dispatchCall(handlers, 'system.open', target);
    });
    const home = resolveDataDir();
    studio = await Studio.open({ home, spawner: new UtilityProcessSpawner(), secrets: await openDesktopSecrets(home) }).ready();
    if (earlyLink) studio.signup.openedWith(earlyLink);
    handlers = createHandlers(studio, 'electron', desktopShell);
    void studio.checkModelsInBackground();
    handleProtocols(rendererDir, studio.paths.library);

    ipcMain.handle('studio:call', (event, name: unknown, input: unknown) => {
      if (!event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are only taken from the studio window.' } };
      }
      return dispatchCall(handlers, String(name), input);
    });
    // The preload reports a file the user picked or dropped (see src/preload/index.ts); calls may then name it.
    ipcMain.handle('studio:picked', (event, file: unknown) => {
      if (event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`) && typeof file === 'string') studio?.files.pick(file);
    });
    studio.events.onAny((eventName, payload) => {
      if (window && !window.isDestroyed()) window.webContents.send('studio:event', eventName, payload);
    });

    window = new BrowserWindow({
      width: 1360,
      height: 860,
      minWidth: 960,
      minHeight: 600,
      backgroundColor: '#0f172a',
      title: 'KingJam Studio',
      webPreferences: {
        preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    void window.loadURL(`${APP_ORIGIN}/index.html`);
  });

  // Running jobs are checkpointed back to the queue, so they resume at the next start.
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !studio) return;
    closing = true;
    event.preventDefault();
    void studio.close().finally(() => app.exit(0));
  });

  app.on('window-all-closed', () => app.quit());
}
