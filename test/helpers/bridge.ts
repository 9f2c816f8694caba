import fs from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import { startBridge, type Bridge } from '../../src/main/bridge/server.js';
import type { Studio } from '../../src/main/studio.js';
import { openTestStudio, tempHome } from './studio.js';

/** A studio in a fresh data folder behind a bridge on a free loopback port, serving a one-line page as the renderer. */
export async function startTestBridge(): Promise<{ studio: Studio; bridge: Bridge; base: string; close(): Promise<void> }> {
  const studio = openTestStudio();
  const renderer = tempHome('kingjam-renderer-');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>KingJam</title>');
  const bridge = await startBridge(studio, { host: '127.0.0.1', port: 0, rendererDir: renderer });
  return {
    studio,
    bridge,
    base: `http://127.0.0.1:${bridge.port}`,
    async close() {
      await bridge.close();
      await studio.close();
    },
  };
}

export type SocketOutcome = { opened: true; ws: WebSocket; first: unknown } | { opened: false; status: number | null; closeCode: number | null };

/**
 * Opens the bridge's event socket the way a client may: `message` sends the
 * token as the first message, `protocol` offers it as a subprotocol. Resolves
 * with the bridge's first message (`{type:'ready'}`), or with how it refused.
 */
export function connectEvents(
  port: number,
  token: string,
  how: 'message' | 'protocol' | 'none',
  opts: { origin?: string; query?: string } = {},
): Promise<SocketOutcome> {
  const protocols = how === 'protocol' ? ['kingjam.events', `kingjam.bearer.${token}`] : ['kingjam.events'];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/events${opts.query ?? ''}`, protocols, opts.origin ? { origin: opts.origin } : {});
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode ?? null, closeCode: null }));
    ws.once('error', () => resolve({ opened: false, status: null, closeCode: null }));
    ws.once('open', () => {
      if (how === 'message') ws.send(JSON.stringify({ type: 'auth', token }));
      if (how === 'none' && opts.query) ws.send('{}');
    });
    ws.once('message', (data) => resolve({ opened: true, ws, first: JSON.parse(String(data)) as unknown }));
    ws.once('close', (code) => resolve({ opened: false, status: null, closeCode: code }));
  });
}

/** An authenticated event socket (first-message auth), ready to receive. */
export async function eventSocket(port: number, token: string): Promise<WebSocket> {
  const outcome = await connectEvents(port, token, 'message');
  if (!outcome.opened) throw new Error(`the event socket was refused: ${JSON.stringify(outcome)}`);
  return outcome.ws;
}
