#!/usr/bin/env node
// Entry point of the `kingjam-cloud` command. The TypeScript sources are compiled to ../dist by
// `npm run build -w cloud-sync` (the root `npm run build` runs it too).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cloud-sync', 'src', 'cli.js');
if (!existsSync(entry)) {
  process.stderr.write(
    `kingjam-cloud: ${entry} is missing — cloud-sync has not been built.\n` +
      'Run `npm run build -w cloud-sync` (or the root `npm run build`) first.\n',
  );
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
