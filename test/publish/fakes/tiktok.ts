import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { listen, parseContentRange, parseJson, sendJson } from './server-kit.js';

/**
 * A loopback TikTok Content Posting API in its wire format: every answer is
 * `{"data":…,"error":{"code","message","log_id"}}`; uploads follow the Media
 * Transfer Guide (ordered chunks, chunk rules checked, 206 then 201); status
 * fetch walks PROCESSING_UPLOAD → PUBLISH_COMPLETE | SEND_TO_USER_INBOX | FAILED.
 * It counts what was created and records chunk ranges in arrival order.
 */

export interface TikTokCreator {
  creator_username: string;
  creator_nickname: string;
  privacy_level_options: string[];
  comment_disabled: boolean;
  duet_disabled: boolean;
  stitch_disabled: boolean;
  max_video_post_duration_sec: number;
}

export interface TikTokInit {
  publishId: string;
  mode: 'direct' | 'inbox';
  postInfo: Record<string, unknown> | null;
  sourceInfo: { video_size: number; chunk_size: number; total_chunk_count: number };
  /** Bytes received, in order. */
  bytes: Buffer[];
  uploadedBytes: number;
  /** Status polls answered since the upload completed. */
  polls: number;
}

export interface TikTokChunk {
  publishId: string;
  start: number;
  end: number;
  total: number;
  contentType: string;
  length: number;
}

export interface TikTokScript {
  /** Fail the n-th chunk PUT (0-based, counted across the whole run) with this HTTP status, once. */
  failChunk?: { index: number; status: number };
  /** Status polls after the upload that still answer PROCESSING_UPLOAD. */
  processingPolls?: number;
  /** End in FAILED with this fail_reason instead of publishing. */
  failReason?: string;
  /** Answer the next call to this path with this TikTok error (once). */
  error?: { path: string; status: number; code: string; message?: string };
}

export interface TikTokFake {
  url: string;
  token: string;
  creator: TikTokCreator;
  script: TikTokScript;
  inits: TikTokInit[];
  chunks: TikTokChunk[];
  /** Posts TikTok created (upload complete and not FAILED): what "posted exactly once" counts. */
  posts: Array<{ publishId: string; postId: string | null; title: string | null; privacy: string | null }>;
  /** Paths called, in order. */
  calls: string[];
  close(): Promise<void>;
}

const ok = () => ({ code: 'ok', message: '', log_id: `log${Date.now()}` });
const fail = (code: string, message: string) => ({ data: {}, error: { code, message, log_id: `log${Date.now()}` } });

export async function startTikTokFake(options: { token?: string; creator?: Partial<TikTokCreator>; script?: TikTokScript } = {}): Promise<TikTokFake> {
  const fake: TikTokFake = {
    url: '',
    token: options.token ?? 'test-token',
    creator: {
      creator_username: 'kingjam.creator',
      creator_nickname: 'KingJam Creator',
      privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
      comment_disabled: false,
      duet_disabled: false,
      stitch_disabled: false,
      max_video_post_duration_sec: 600,
      ...options.creator,
    },
    script: options.script ?? {},
    inits: [],
    chunks: [],
    posts: [],
    calls: [],
    close: async () => undefined,
  };
  let chunkCount = 0;
  let postSeq = 7_300_000_000_000_000_000n;

  const server = await listen((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    fake.calls.push(`${req.method} ${url.pathname}`);

    if (url.pathname === '/upload/') return upload(req.headers, url, body, res);

    if (req.headers.authorization !== `Bearer ${fake.token}`) {
      return sendJson(res, 401, fail('access_token_invalid', 'The access token is invalid or not found in the request.'));
    }
    const scripted = fake.script.error;
    if (scripted && scripted.path === url.pathname) {
      delete fake.script.error;
      return sendJson(res, scripted.status, fail(scripted.code, scripted.message ?? scripted.code));
    }
    const json = parseJson(body);
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /v2/user/info/':
        return sendJson(res, 200, { data: { user: { open_id: 'open-id-1', display_name: fake.creator.creator_nickname } }, error: ok() });
      case 'POST /v2/post/publish/creator_info/query/':
        return sendJson(res, 200, { data: fake.creator, error: ok() });
      case 'POST /v2/post/publish/video/init/':
        return init('direct', json, res);
      case 'POST /v2/post/publish/inbox/video/init/':
        return init('inbox', json, res);
      case 'POST /v2/post/publish/status/fetch/':
        return status(String(json.publish_id ?? ''), res);
      default:
        return sendJson(res, 404, fail('invalid_params', `no route ${req.method} ${url.pathname}`));
    }
  });
  fake.url = server.url;
  fake.close = server.close;

  function init(mode: 'direct' | 'inbox', json: Record<string, unknown>, res: ServerResponse): void {
    const source = (json.source_info ?? {}) as Record<string, unknown>;
    const size = Number(source.video_size);
    const chunk = Number(source.chunk_size);
    const count = Number(source.total_chunk_count);
    const postInfo = mode === 'direct' ? ((json.post_info ?? null) as Record<string, unknown> | null) : null;
    // The Media Transfer Guide's chunk rules.
    const MB = 1024 * 1024;
    const problem =
      source.source !== 'FILE_UPLOAD'
        ? 'source must be FILE_UPLOAD'
        : !(size > 0 && chunk > 0 && count >= 1 && count <= 1000)
          ? 'video_size, chunk_size and total_chunk_count are required'
          : count !== Math.floor(size / chunk)
            ? 'total_chunk_count must be floor(video_size / chunk_size)'
            : size < 5 * MB && chunk !== size
              ? 'a video under 5 MB goes in one chunk'
              : size >= 5 * MB && (chunk < 5 * MB || chunk > 64 * MB) && !(count === 1 && chunk === size && size <= 64 * MB)
                ? 'chunk_size must be 5 MB to 64 MB'
                : size - chunk * (count - 1) > 128 * MB
                  ? 'the final chunk may be at most 128 MB'
                  : postInfo && !fake.creator.privacy_level_options.includes(String(postInfo.privacy_level))
                    ? 'privacy_level_option_mismatch'
                    : null;
    if (problem === 'privacy_level_option_mismatch') return sendJson(res, 400, fail(problem, 'privacy_level is not one of the creator options'));
    if (problem) return sendJson(res, 400, fail('invalid_params', problem));
    const publishId = `v_pub_file~v2-1.${randomUUID().replace(/-/g, '').slice(0, 18)}`;
    fake.inits.push({ publishId, mode, postInfo, sourceInfo: { video_size: size, chunk_size: chunk, total_chunk_count: count }, bytes: [], uploadedBytes: 0, polls: 0 });
    const uploadUrl = `${fake.url}/upload/?upload_id=${encodeURIComponent(publishId)}&upload_token=${randomUUID()}`;
    sendJson(res, 200, { data: { publish_id: publishId, upload_url: uploadUrl }, error: ok() });
  }

  function upload(headers: IncomingHttpHeaders, url: URL, body: Buffer, res: ServerResponse): void {
    const entry = fake.inits.find((i) => i.publishId === url.searchParams.get('upload_id'));
    if (!entry) return sendJson(res, 404, fail('invalid_params', 'unknown upload'));
    const range = parseContentRange(headers['content-range']);
    const index = chunkCount++;
    if (range) fake.chunks.push({ publishId: entry.publishId, ...range, contentType: String(headers['content-type'] ?? ''), length: body.length });
    if (fake.script.failChunk?.index === index) {
      const status = fake.script.failChunk.status;
      delete fake.script.failChunk;
      return sendJson(res, status, fail('internal_error', 'chunk upload failed'));
    }
    const { video_size: size, chunk_size: chunk, total_chunk_count: count } = entry.sourceInfo;
    const n = entry.bytes.length;
    const expectedEnd = n === count - 1 ? size - 1 : (n + 1) * chunk - 1;
    if (!range || range.total !== size || range.start !== entry.uploadedBytes || range.end !== expectedEnd || body.length !== range.end - range.start + 1) {
      return sendJson(res, 416, fail('invalid_params', `expected bytes ${entry.uploadedBytes}-${expectedEnd}/${size}`));
    }
    if (!String(headers['content-type'] ?? '').startsWith('video/')) return sendJson(res, 400, fail('invalid_params', 'Content-Type must be the video MIME type'));
    entry.bytes.push(body);
    entry.uploadedBytes += body.length;
    if (entry.uploadedBytes < size) {
      res.writeHead(206, { 'content-range': `bytes 0-${entry.uploadedBytes - 1}/${size}` }).end();
      return;
    }
    if (!fake.script.failReason) {
      const privacy = entry.postInfo ? String(entry.postInfo.privacy_level) : null;
      const postId = entry.mode === 'direct' && privacy === 'PUBLIC_TO_EVERYONE' ? String(postSeq++) : null;
      fake.posts.push({ publishId: entry.publishId, postId, title: entry.postInfo ? String(entry.postInfo.title ?? '') : null, privacy });
    }
    res.writeHead(201).end();
  }

  function status(publishId: string, res: ServerResponse): void {
    const entry = fake.inits.find((i) => i.publishId === publishId);
    if (!entry) return sendJson(res, 400, fail('invalid_params', 'publish_id not found'));
    const base = { fail_reason: '', publicaly_available_post_id: [] as string[], uploaded_bytes: entry.uploadedBytes };
    if (entry.uploadedBytes < entry.sourceInfo.video_size) return sendJson(res, 200, { data: { ...base, status: 'PROCESSING_UPLOAD' }, error: ok() });
    entry.polls += 1;
    if (entry.polls <= (fake.script.processingPolls ?? 0)) return sendJson(res, 200, { data: { ...base, status: 'PROCESSING_UPLOAD' }, error: ok() });
    if (fake.script.failReason) return sendJson(res, 200, { data: { ...base, status: 'FAILED', fail_reason: fake.script.failReason }, error: ok() });
    const post = fake.posts.find((p) => p.publishId === publishId);
    const finalStatus = entry.mode === 'inbox' ? 'SEND_TO_USER_INBOX' : 'PUBLISH_COMPLETE';
    sendJson(res, 200, { data: { ...base, status: finalStatus, publicaly_available_post_id: post?.postId ? [post.postId] : [] }, error: ok() });
  }

  return fake;
}
