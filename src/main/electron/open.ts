import { shell } from 'electron';
import { StudioError } from '../../shared/errors.js';
import type { DesktopHooks } from '../api/handlers.js';

/** Only web links leave for the system browser: no file:, javascript:, custom app schemes or the like. */
const EXTERNAL_SCHEMES = new Set(['https:', 'http:']);

/** "Open" on the desktop: the shell opens links and files; the hardened window never opens a second one. */
export const desktopShell: DesktopHooks = {
  async openExternal(url) {
    if (!EXTERNAL_SCHEMES.has(new URL(url).protocol)) {
      throw new StudioError({ code: 'FORBIDDEN', message: 'Only http and https links are opened.' });
    }
    await shell.openExternal(url);
  },
  async openPath(file) {
    const problem = await shell.openPath(file);
    if (problem) throw new StudioError({ code: 'INTERNAL', message: problem });
  },
};
