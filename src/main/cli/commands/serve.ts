import { fileURLToPath } from 'node:url';
import { startBridge } from '../../bridge/server.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import type { CliIo } from '../context.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The built renderer: dist/renderer, whether this code runs from dist/ or from src/ (tsx). */
export function rendererDir(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return fileURLToPath(new URL(fromSource ? '../../../../dist/renderer/' : '../../../renderer/', import.meta.url));
}

/** `kingjam serve [--port N] [--host H]`: the first stdout line is the URL with the token. */
export async function serveCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  const host = stringFlag(args, 'host') ?? '127.0.0.1';
  const port = intFlag(args, 'port', 0, 65535) ?? 7420;
  const bridge = await startBridge(studio, { host, port, rendererDir: rendererDir() });
  io.out(bridge.url);
  void studio.checkModelsInBackground();
  if (!LOOPBACK.has(host)) {
    io.err(`warning: listening on ${host}, not only on this machine. Anyone who can reach it and has the token controls this studio.`);
  }
  io.err('Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await bridge.close();
  return 0;
}
