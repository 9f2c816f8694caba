// `npm run test:e2e`: the Playwright end-to-end tests, after checking what they need.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromium = process.env.KINGJAM_CHROMIUM ?? '/usr/bin/chromium';

const missing = [];
if (!existsSync(`${root}dist/main/cli/main.js`)) missing.push('the engine is not built (run `npm run build`)');
if (!existsSync(`${root}dist/renderer/index.html`)) missing.push('the renderer is not built (run `npm run build`)');
if (!existsSync(chromium)) missing.push(`Chromium is not at ${chromium} (apt-get install chromium, or set KINGJAM_CHROMIUM)`);
if (missing.length > 0) {
  console.error(`e2e: cannot run:\n  - ${missing.join('\n  - ')}`);
  process.exit(1);
}

const vitest = `${root}node_modules/vitest/vitest.mjs`;
const result = spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
