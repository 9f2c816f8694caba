#!/usr/bin/env node
// Entry point of the `kingjam-cloud` command. The TypeScript sources are compiled to ../dist by
// `npm run build -w cloud-sync` (the root `npm run build` runs it too).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cloud-sync', 'src');
const entry = join(dist, 'cli.js');
if (!existsSync(entry)) {
  process.stderr.write(
    `kingjam-cloud: ${entry} is missing — cloud-sync has not been built.\n` +
      'Run `npm run build -w cloud-sync` (or the root `npm run build`) first.\n',
  );
  process.exit(1);
}
const args = process.argv.slice(2);
const { missingServeFlags } = await import(pathToFileURL(join(dist, 'serve-runtime.js')).href);
const missing = args[0] === 'serve' ? missingServeFlags(process.execArgv, process.env.NODE_OPTIONS) : [];
if (missing.length > 0) {
  // The server's heap flags take effect only at start (serve-runtime.ts): it runs in a child that
  // has them. Signals reach it through this process (a container stops only its PID 1), and its
  // exit is this process's exit.
  const child = spawn(process.execPath, [...process.execArgv, ...missing, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
  child.on('error', (err) => {
    process.stderr.write(`kingjam-cloud: could not start the server process: ${err.message}\n`);
    process.exit(1);
  });
} else {
  const { main } = await import(pathToFileURL(entry).href);
  process.exitCode = await main(args);
}
