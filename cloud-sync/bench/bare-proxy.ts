/**
 * bench:gateway's floor: a plain Node HTTP proxy, in a process of its own like the gateway, that
 * forwards a streamed call to the fake Gemini with the platform key and relays each chunk as it
 * arrives — no authentication, no ledger, no metering. What a call through it adds over a direct
 * one is the cost of one more process on the path (two more hops, two more wake-ups) on this host.
 * Run as `bare-proxy.ts UPSTREAM_URL PLATFORM_KEY`; it prints `listening on URL`.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const [upstream, platformKey] = process.argv.slice(2);
if (!upstream || !platformKey) throw new Error('usage: bare-proxy.ts UPSTREAM_URL PLATFORM_KEY');
const target = new URL(upstream);
const agent = new Agent({ keepAlive: true });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const up = request(
      { agent, host: target.hostname, port: target.port, path: req.url, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-goog-api-key': platformKey } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'text/event-stream' });
        answer.on('data', (c: Buffer) => res.write(c));
        answer.on('end', () => res.end());
      },
    );
    up.on('error', () => res.destroy());
    up.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.stdin.on('end', () => process.exit(0)).resume();
