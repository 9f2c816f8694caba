import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/**
 * A loopback LINE Messaging API (https://developers.line.biz/en/reference/messaging-api/):
 * Bearer channel token, `/v2/bot/info`, the quota endpoints, follower
 * statistics, and push / multicast / broadcast with `X-Line-Retry-Key`: a key
 * already accepted is answered 409 `{"message":"The retry key is already
 * accepted"}` with `x-line-accepted-request-id`, and nothing is delivered
 * again. Errors are LINE's `{"message","details":[{"message","property"}]}`.
 * An accepted send fetches every media URL in it (as LINE does) and records
 * what came back, so tests see what a LINE user would see.
 */

export interface LineSendRecord {
  path: string;
  retryKey: string | null;
  body: { to?: string | string[]; messages: Array<Record<string, unknown>> };
  requestId: string;
}

export interface FetchedMedia {
  url: string;
  status: number;
  contentType: string | null;
  bytes: number;
  /** The first bytes, to tell JPEG (ff d8 ff) from PNG. */
  head: Buffer;
}

export interface LineFake {
  url: string;
  token: string;
  /** Every send request received (accepted, refused or duplicate), in order. */
  requests: LineSendRecord[];
  /** Sends that were accepted and delivered: one per retry key. */
  delivered: LineSendRecord[];
  media: FetchedMedia[];
  /** Answers the next send requests with these instead of handling them. */
  failNext: Array<{ status: number; body: unknown }>;
  /** Accepts (delivers) the next send, then answers 500 as if the answer were lost. */
  loseNextAnswer: boolean;
  quota: { type: 'none' } | { type: 'limited'; value: number };
  totalUsage: number;
  followers: { status: 'ready' | 'unready'; followers: number; blocks: number };
  close(): Promise<void>;
}

const SEND_PATHS = new Set(['/v2/bot/message/push', '/v2/bot/message/multicast', '/v2/bot/message/broadcast']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USER_ID = /^U[0-9a-f]{32}$/;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function fetchMedia(url: string): Promise<FetchedMedia> {
  const res = await fetch(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { url, status: res.status, contentType: res.headers.get('content-type'), bytes: bytes.length, head: bytes.subarray(0, 8) };
}

/** LINE's checks of a send body, as `details` entries. */
function problemsOf(path: string, body: unknown): Array<{ message: string; property: string }> {
  const out: Array<{ message: string; property: string }> = [];
  const b = body as { to?: unknown; messages?: unknown };
  if (path.endsWith('/push') && (typeof b.to !== 'string' || !USER_ID.test(b.to))) out.push({ message: 'Must be a valid user ID', property: 'to' });
  if (path.endsWith('/multicast') && (!Array.isArray(b.to) || b.to.length === 0 || b.to.length > 500)) out.push({ message: 'Size must be between 1 and 500', property: 'to' });
  if (!Array.isArray(b.messages) || b.messages.length === 0 || b.messages.length > 5) {
    out.push({ message: 'Size must be between 1 and 5', property: 'messages' });
    return out;
  }
  b.messages.forEach((m: Record<string, unknown>, i) => {
    if (m.type === 'text') {
      if (typeof m.text !== 'string' || m.text === '') out.push({ message: 'May not be empty', property: `messages[${i}].text` });
      else if (m.text.length > 5000) out.push({ message: 'Length must be between 0 and 5000', property: `messages[${i}].text` });
    } else if (m.type === 'image' || m.type === 'video') {
      for (const k of ['originalContentUrl', 'previewImageUrl']) if (typeof m[k] !== 'string' || (m[k] as string).length > 2000) out.push({ message: 'Must be a valid URL', property: `messages[${i}].${k}` });
    } else out.push({ message: 'Must be one of the following values: [text, image, video, audio, location, sticker, template, imagemap, flex]', property: `messages[${i}].type` });
  });
  return out;
}

export async function startLineFake(opts: { token?: string } = {}): Promise<LineFake> {
  const token = opts.token ?? 'line-channel-token';
  const accepted = new Map<string, string>();
  const fake: Omit<LineFake, 'url' | 'close'> = {
    token,
    requests: [],
    delivered: [],
    media: [],
    failNext: [],
    loseNextAnswer: false,
    quota: { type: 'limited', value: 1000 },
    totalUsage: 0,
    followers: { status: 'ready', followers: 120, blocks: 20 },
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const requestId = randomUUID();
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': requestId, ...headers });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = await readBody(req);
      if (req.headers.authorization !== `Bearer ${token}`) {
        send(401, { message: 'Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid.' });
        return;
      }
      if (req.method === 'GET' && url.pathname === '/v2/bot/info') {
        send(200, { userId: `U${'a'.repeat(32)}`, basicId: '@123abcde', displayName: 'KingJam Café', pictureUrl: 'https://profile.line-scdn.net/x', chatMode: 'bot', markAsReadMode: 'auto' });
        return;
      }
      if (req.method === 'GET' && url.pathname === '/v2/bot/message/quota') {
        send(200, fake.quota);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/v2/bot/message/quota/consumption') {
        send(200, { totalUsage: fake.totalUsage });
        return;
      }
      if (req.method === 'GET' && url.pathname === '/v2/bot/insight/followers') {
        if (!/^\d{8}$/.test(url.searchParams.get('date') ?? '')) {
          send(400, { message: 'The request body has 1 error(s)', details: [{ message: 'must match "^[0-9]{8}$"', property: 'date' }] });
          return;
        }
        send(200, fake.followers.status === 'ready' ? fake.followers : { status: 'unready' });
        return;
      }
      if (req.method !== 'POST' || !SEND_PATHS.has(url.pathname)) {
        send(404, { message: 'Not found' });
        return;
      }
      const retryKey = typeof req.headers['x-line-retry-key'] === 'string' ? req.headers['x-line-retry-key'] : null;
      let body: LineSendRecord['body'];
      try {
        body = JSON.parse(raw) as LineSendRecord['body'];
      } catch {
        send(400, { message: 'The request body could not be parsed as JSON (line: 1, column: 1)' });
        return;
      }
      const record: LineSendRecord = { path: url.pathname, retryKey, body, requestId };
      fake.requests.push(record);
      if (retryKey !== null && !UUID.test(retryKey)) {
        send(400, { message: 'The value of the X-Line-Retry-Key header is invalid' });
        return;
      }
      const earlier = retryKey ? accepted.get(retryKey) : undefined;
      if (earlier) {
        send(409, { message: 'The retry key is already accepted' }, { 'x-line-accepted-request-id': earlier });
        return;
      }
      const failure = fake.failNext.shift();
      if (failure) {
        send(failure.status, failure.body);
        return;
      }
      const problems = problemsOf(url.pathname, body);
      if (problems.length > 0) {
        send(400, { message: `The request body has ${problems.length} error(s)`, details: problems });
        return;
      }
      if (retryKey) accepted.set(retryKey, requestId);
      fake.delivered.push(record);
      for (const m of body.messages) {
        for (const k of ['originalContentUrl', 'previewImageUrl'] as const) if (typeof m[k] === 'string') fake.media.push(await fetchMedia(m[k]));
      }
      if (fake.loseNextAnswer) {
        fake.loseNextAnswer = false;
        send(500, { message: 'An error occurred in the internal server' });
        return;
      }
      send(200, url.pathname.endsWith('/push') ? { sentMessages: body.messages.map(() => ({ id: String(Date.now()), quoteToken: randomUUID() })) } : {});
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
