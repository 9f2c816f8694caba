/**
 * bench:kol's local model, in a process of its own as a real Ollama is: `POST /api/chat` answered
 * in Ollama's wire format (providers.md) after a fixed time, with a KOL post as the JSON its
 * `format` asked for, and `GET /api/tags`. Run as `fake-ollama.ts ANSWER_MS`; it prints
 * `listening on URL` and goes when its parent closes its stdin.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const answerMs = Number(process.argv[2]);
if (!Number.isFinite(answerMs) || answerMs < 0) throw new Error('usage: fake-ollama.ts ANSWER_MS');
const MODEL = 'qwen2.5:7b';
let served = 0;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/api/tags') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ models: [{ name: MODEL, model: MODEL, size: 4_683_087_332 }] }));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/api/chat') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages?: { content?: string }[] };
    const asked = body.messages?.at(-1)?.content ?? '';
    const n = ++served;
    setTimeout(() => {
      const post = {
        title: `今天的小發現 ${n}`,
        contentMd: `${asked.slice(0, 80)}\n\n早上在巷口的咖啡店坐了一會兒，${n} 號拿鐵的奶泡綿密得剛好。大家最近有沒有喜歡的小店？留言告訴我！`,
        tags: ['#咖啡', '#日常'],
      };
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          model: MODEL,
          created_at: new Date().toISOString(),
          message: { role: 'assistant', content: JSON.stringify(post) },
          done: true,
          done_reason: 'stop',
          total_duration: answerMs * 1e6,
          prompt_eval_count: 180,
          eval_count: 96,
        }),
      );
    }, answerMs);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.stdin.on('end', () => process.exit(0)).resume();
