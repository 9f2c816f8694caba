// Electron smoke test: opens the real desktop window where an Electron binary
// exists (ELECTRON_OVERRIDE_DIST_PATH, or one `electron` downloaded), checks the
// window's security settings and that the UI talks to main over IPC.
// Where there is no binary it says so and exits 0: the UI itself is tested in
// Chromium through the web bridge (e2e/*.e2e.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return fs.existsSync(p) ? p : null;
  }
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8');
    const p = path.join(dir, 'dist', rel);
    return fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.log('electron smoke test: SKIPPED — no Electron binary here (set ELECTRON_OVERRIDE_DIST_PATH, or run `npx electron --version` once with network to download it).');
  process.exit(0);
}

const { _electron } = await import('playwright-core');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-electron-'));
const app = await _electron.launch({ executablePath: binary, args: [root], env: { ...process.env, KINGJAM_HOME: home } });
try {
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0];
    const p = w.webContents.getLastWebPreferences();
    return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, url: w.webContents.getURL() };
  });
  if (!prefs.contextIsolation || !prefs.sandbox || prefs.nodeIntegration) throw new Error(`insecure window: ${JSON.stringify(prefs)}`);
  if (!prefs.url.startsWith('app://studio/')) throw new Error(`unexpected URL ${prefs.url}`);
  const info = await page.evaluate(() => window.studio.call('app.info', {}));
  if (!info.ok || info.value.shell !== 'electron') throw new Error(`app.info over IPC: ${JSON.stringify(info)}`);
  const hasRequire = await page.evaluate(() => typeof window.require !== 'undefined' || typeof window.process !== 'undefined');
  if (hasRequire) throw new Error('Node is reachable from the renderer');
  console.log(`electron smoke test: passed (${binary})`);
} finally {
  await app.close();
}
