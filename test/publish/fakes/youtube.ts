import { randomUUID } from 'node:crypto';
import { listen, parseContentRange, parseJson, sendJson } from './server-kit.js';

/**
 * A loopback YouTube Data API v3 speaking Google's resumable upload protocol:
 * POST …/videos?uploadType=resumable → 200 + Location; PUT chunks with
 * Content-Range → 308 + `Range: bytes=0-k` (non-final chunks must be multiples
 * of 256 KiB) → 200 + the video resource; `PUT` with `bytes *\/N` asks for the
 * status. Errors are Google's `{"error":{"code","message","errors":[…],"status"}}`.
 * It can cut a connection part-way through a chunk (keeping the bytes that
 * arrived) or answer a 5xx, and counts the videos it created. For engagement
 * (issue 14) it answers `GET /youtube/v3/videos?part=statistics&id=…` from
 * `statistics` (counts as strings, as the API sends them) and counts those reads.
 */

export interface YouTubeSession {
  id: string;
  size: number;
  mime: string;
  resource: Record<string, unknown>;
  received: Buffer[];
  receivedBytes: number;
  videoId: string | null;
  expired: boolean;
}

export interface YouTubePut {
  sessionId: string;
  /** `*` for a status query. */
  range: string;
  length: number;
  outcome: number | 'cut';
}

export interface YouTubeScript {
  /** Cut the connection during the n-th chunk PUT (0-based, status queries not counted) after `keepBytes` of it arrived. */
  cut?: { chunk: number; keepBytes: number };
  /** Answer the n-th chunk PUT with this status (its bytes lost). */
  failChunk?: { chunk: number; status: number };
  /** Answer the session start with this Google error. */
  startError?: { status: number; reason: string; message: string };
}

export interface YouTubeFake {
  url: string;
  token: string;
  script: YouTubeScript;
  sessions: YouTubeSession[];
  puts: YouTubePut[];
  /** Videos YouTube created: what "uploaded exactly once" counts. */
  videos: Array<{ id: string; bytes: Buffer; resource: Record<string, unknown> }>;
  channels: Array<{ id: string; title: string; longUploadsStatus: 'allowed' | 'eligible' | 'disallowed' }>;
  /** A video's public numbers by its id; a video without an entry is not found (videos.list answers no item). */
  statistics: Map<string, { viewCount: number; likeCount: number; commentCount: number }>;
  /** The `videos.list` reads made (each id list as asked). */
  statisticsReads: string[];
  /** Answer the next videos.list with this Google error (once). */
  listError: { status: number; reason: string; message: string; retryAfter?: string } | null;
  close(): Promise<void>;
}

function googleError(status: number, reason: string, message: string) {
  const statusText: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 503: 'UNAVAILABLE' };
  return { error: { code: status, message, errors: [{ message, domain: 'youtube.video', reason }], status: statusText[status] ?? 'UNKNOWN' } };
}

export async function startYouTubeFake(options: { token?: string; script?: YouTubeScript } = {}): Promise<YouTubeFake> {
  const fake: YouTubeFake = {
    url: '',
    token: options.token ?? 'test-token',
    script: options.script ?? {},
    sessions: [],
    puts: [],
    videos: [],
    channels: [{ id: 'UC_kingjam_channel', title: 'KingJam Channel', longUploadsStatus: 'eligible' }],
    statistics: new Map(),
    statisticsReads: [],
    listError: null,
    close: async () => undefined,
  };
  let chunkPuts = 0;

  const server = await listen((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== `Bearer ${fake.token}`) {
      return sendJson(res, 401, googleError(401, 'authError', 'Invalid Credentials'), { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' });
    }
    if (req.method === 'GET' && url.pathname === '/youtube/v3/channels') {
      if (url.searchParams.get('mine') !== 'true') return sendJson(res, 400, googleError(400, 'missingRequiredParameter', 'No filter selected.'));
      const parts = (url.searchParams.get('part') ?? '').split(',');
      const items = fake.channels.map((c) => ({
        kind: 'youtube#channel',
        id: c.id,
        ...(parts.includes('snippet') ? { snippet: { title: c.title } } : {}),
        ...(parts.includes('status') ? { status: { privacyStatus: 'public', isLinked: true, longUploadsStatus: c.longUploadsStatus } } : {}),
      }));
      return sendJson(res, 200, { kind: 'youtube#channelListResponse', items });
    }
    if (req.method === 'GET' && url.pathname === '/youtube/v3/videos') {
      const ids = url.searchParams.get('id') ?? '';
      fake.statisticsReads.push(ids);
      if (fake.listError) {
        const e = fake.listError;
        fake.listError = null;
        return sendJson(res, e.status, googleError(e.status, e.reason, e.message), e.retryAfter ? { 'retry-after': e.retryAfter } : {});
      }
      const parts = (url.searchParams.get('part') ?? '').split(',');
      if (!ids) return sendJson(res, 400, googleError(400, 'missingRequiredParameter', 'No filter selected. Expected one of: id, myRated, chart.'));
      const items = ids.split(',').flatMap((id) => {
        const s = fake.statistics.get(id);
        if (!s) return [];
        return [{ kind: 'youtube#video', etag: 'etag', id, ...(parts.includes('statistics') ? { statistics: { viewCount: String(s.viewCount), likeCount: String(s.likeCount), favoriteCount: '0', commentCount: String(s.commentCount) } } : {}) }];
      });
      return sendJson(res, 200, { kind: 'youtube#videoListResponse', etag: 'etag', items, pageInfo: { totalResults: items.length, resultsPerPage: items.length } });
    }
    if (url.pathname !== '/upload/youtube/v3/videos' || url.searchParams.get('uploadType') !== 'resumable') {
      return sendJson(res, 404, googleError(404, 'notFound', 'Not Found'));
    }
    if (req.method === 'POST') {
      if (fake.script.startError) {
        const e = fake.script.startError;
        return sendJson(res, e.status, googleError(e.status, e.reason, e.message));
      }
      const size = Number(req.headers['x-upload-content-length']);
      const mime = String(req.headers['x-upload-content-type'] ?? '');
      if (!(size > 0) || !/^video\/|^application\/octet-stream$/.test(mime)) return sendJson(res, 400, googleError(400, 'badContent', 'X-Upload-Content-Length and a video X-Upload-Content-Type are required'));
      const resource = parseJson(body);
      const snippet = (resource.snippet ?? {}) as Record<string, unknown>;
      if (!snippet.title) return sendJson(res, 400, googleError(400, 'invalidTitle', 'The request metadata specifies an invalid or empty video title.'));
      const session: YouTubeSession = { id: randomUUID().replace(/-/g, ''), size, mime, resource, received: [], receivedBytes: 0, videoId: null, expired: false };
      fake.sessions.push(session);
      res.writeHead(200, { location: `${fake.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${session.id}`, 'content-length': '0' }).end();
      return;
    }
    if (req.method !== 'PUT') return sendJson(res, 405, googleError(405, 'methodNotAllowed', 'Method not allowed'));
    const session = fake.sessions.find((s) => s.id === url.searchParams.get('upload_id'));
    if (!session || session.expired) return sendJson(res, 404, googleError(404, 'notFound', 'The upload session was not found.'));

    const rangeHeader = String(req.headers['content-range'] ?? '');
    const answerState = () => {
      if (session.videoId) return sendJson(res, 200, videoResource(session));
      const headers: Record<string, string> = { 'content-length': '0' };
      if (session.receivedBytes > 0) headers.range = `bytes=0-${session.receivedBytes - 1}`;
      res.writeHead(308, headers).end();
    };
    if (rangeHeader === `bytes */${session.size}`) {
      fake.puts.push({ sessionId: session.id, range: '*', length: body.length, outcome: session.videoId ? 200 : 308 });
      return answerState();
    }
    const range = parseContentRange(rangeHeader);
    const index = chunkPuts++;
    const put: YouTubePut = { sessionId: session.id, range: rangeHeader, length: body.length, outcome: 308 };
    fake.puts.push(put);
    if (!range || range.total !== session.size || range.start !== session.receivedBytes || body.length !== range.end - range.start + 1) {
      put.outcome = 400;
      return sendJson(res, 400, googleError(400, 'badContent', `expected bytes from ${session.receivedBytes}`));
    }
    const final = range.end === session.size - 1;
    if (!final && body.length % (256 * 1024) !== 0) {
      put.outcome = 400;
      return sendJson(res, 400, googleError(400, 'badContent', 'chunks must be multiples of 256 KiB'));
    }
    if (fake.script.failChunk?.chunk === index) {
      put.outcome = fake.script.failChunk.status;
      return sendJson(res, fake.script.failChunk.status, googleError(fake.script.failChunk.status, 'backendError', 'Backend Error'));
    }
    if (fake.script.cut?.chunk === index) {
      // The connection broke after part of the chunk arrived: Google keeps what it got.
      const kept = body.subarray(0, fake.script.cut.keepBytes);
      session.received.push(kept);
      session.receivedBytes += kept.length;
      put.outcome = 'cut';
      req.socket.destroy();
      return;
    }
    session.received.push(body);
    session.receivedBytes += body.length;
    if (session.receivedBytes === session.size) {
      session.videoId = `yt${randomUUID().replace(/-/g, '').slice(0, 9)}`;
      fake.videos.push({ id: session.videoId, bytes: Buffer.concat(session.received), resource: session.resource });
      put.outcome = 200;
    }
    answerState();
  });
  fake.url = server.url;
  fake.close = server.close;

  function videoResource(session: YouTubeSession) {
    return { kind: 'youtube#video', etag: 'etag', id: session.videoId, snippet: session.resource.snippet, status: { uploadStatus: 'uploaded', ...(session.resource.status as object) } };
  }
  return fake;
}
