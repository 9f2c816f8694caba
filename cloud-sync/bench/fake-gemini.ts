/**
 * bench:gateway's Gemini, in a process of its own as the real service is: it streams
 * `:streamGenerateContent?alt=sse` at a fixed pace (first event after FIRST_EVENT_MS, then
 * EVENTS - 1 more, EVENT_GAP_MS apart), the same for calls through the gateway and direct ones.
 * Run as `fake-gemini.ts PLATFORM_KEY MODEL`; it prints `listening on URL`. Left in the bench's
 * own process, a direct call would never cross a process boundary (client and server sharing one
 * event loop) while every gateway call crosses four, so the baseline would not be a call to a
 * separate service at all.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const FIRST_EVENT_MS = 20;
const EVENTS = 8;
const EVENT_GAP_MS = 2;

const [platformKey, model] = process.argv.slice(2);
if (!platformKey || !model) throw new Error('usage: fake-gemini.ts PLATFORM_KEY MODEL');

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.headers['x-goog-api-key'] !== platformKey || !req.url?.includes(':streamGenerateContent')) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 401, message: 'API key not valid.', status: 'UNAUTHENTICATED' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let n = 0;
    const send = (): void => {
      n++;
      const last = n === EVENTS;
      const event = {
        candidates: [{ content: { role: 'model', parts: [{ text: `word${n} ` }] }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 }],
        ...(last ? { usageMetadata: { promptTokenCount: 9, candidatesTokenCount: EVENTS * 2, totalTokenCount: 9 + EVENTS * 2 } } : {}),
        modelVersion: model,
        responseId: 'bench',
      };
      res.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
      if (last) res.end();
      else setTimeout(send, EVENT_GAP_MS);
    };
    setTimeout(send, FIRST_EVENT_MS);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
// The bench ends it with SIGTERM, or it goes when the bench's pipe closes.
process.stdin.on('end', () => process.exit(0)).resume();
