import { fileURLToPath } from 'node:url';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { startBridge } from '../../bridge/server.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import { cliLanguage, type CliIo } from '../context.js';
import { cliLines } from '../../../shared/cli/lines.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The built renderer: dist/renderer, whether this code runs from dist/ or from src/ (tsx). */
export function rendererDir(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return fileURLToPath(new URL(fromSource ? '../../../../dist/renderer/' : '../../../renderer/', import.meta.url));
}

/** The shortest fixed bridge token taken: as strong as the random one (24 bytes as hex). */
const MIN_FIXED_TOKEN = 32;

/**
 * KINGJAM_BRIDGE_TOKEN: a fixed bridge token for a headless box, so the
 * Prometheus scrape of /metrics (and a bookmarked URL) survives restarts;
 * unset, each start makes a new random one.
 */
export function fixedBridgeToken(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (value.length < MIN_FIXED_TOKEN || !/^[A-Za-z0-9_-]+$/.test(value)) {
    throw new StudioError({ code: 'BAD_INPUT', field: 'KINGJAM_BRIDGE_TOKEN', message: `KINGJAM_BRIDGE_TOKEN must be at least ${MIN_FIXED_TOKEN} characters of letters, digits, - and _.`, ...say('lifecycle.bridgeTokenWeak', { min: MIN_FIXED_TOKEN }) });
  }
  return value;
}

/** Why the bridge could not listen, when the machine said (a port taken or not allowed, a host not here); null for anything else. */
export function listenRefused(err: unknown, host: string, port: number): StudioError | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (code === 'EADDRINUSE') return new StudioError({ code: 'CONFLICT', message: `Another program already listens on ${address}.`, ...say('cli.portInUse', { address }) });
  if (code === 'EACCES') return new StudioError({ code: 'FORBIDDEN', message: `This user may not listen on ${address}.`, ...say('cli.portDenied', { address }) });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new StudioError({ code: 'BAD_INPUT', field: 'host', message: `${host} is not an address of this machine.`, ...say('cli.hostNotHere', { host }) });
  return null;
}

/** `kingjam serve [--port N] [--host H]`: the first stdout line is the URL with the token. */
export async function serveCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  const host = stringFlag(args, 'host') ?? '127.0.0.1';
  const port = intFlag(args, 'port', 0, 65535) ?? 7420;
  const token = fixedBridgeToken(process.env.KINGJAM_BRIDGE_TOKEN);
  const bridge = await startBridge(studio, { host, port, rendererDir: rendererDir(), ...(token ? { token } : {}) }).catch((err: unknown) => {
    throw listenRefused(err, host, port) ?? err;
  });
  io.out(bridge.url);
  void studio.checkModelsInBackground();
  if (!LOOPBACK.has(host)) {
    io.err(cliLines.say(cliLanguage(studio), 'cli.out.exposed', { host }));
  }
  io.err(cliLines.say(cliLanguage(studio), 'cli.out.pressCtrlC'));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await bridge.close();
  return 0;
}
