import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, parseJson, sendJson } from './server-kit.js';

/**
 * A loopback LinkedIn REST API in its wire format: /rest/ calls must carry
 * `LinkedIn-Version: YYYYMM` (a supported one: a sunset version answers 426)
 * and `X-Restli-Protocol-Version: 2.0.0`; images and videos go through
 * initializeUpload → PUT (video parts answer an ETag) → finalizeUpload →
 * PROCESSING → AVAILABLE; POST /rest/posts answers 201 with `x-restli-id`;
 * errors are `{"status","serviceErrorCode","code","message"}`. It records the
 * headers of every call, the parts in arrival order, and counts the posts.
 */

export interface LinkedInCall {
  method: string;
  path: string;
  version: string | undefined;
  restli: string | undefined;
}

export interface LinkedInVideo {
  urn: string;
  size: number;
  parts: Array<{ firstByte: number; lastByte: number; etag: string; bytes: Buffer | null }>;
  finalized: boolean;
  polls: number;
}

export interface LinkedInPost {
  id: string;
  body: Record<string, unknown>;
  createdAt: number;
}

export interface LinkedInScript {
  /** Answer the next call to this method + path with this status and LinkedIn error body (once). */
  error?: { method: string; path: string; status: number; code: string; message: string; serviceErrorCode?: number };
  /** Status GETs that still answer PROCESSING before a video is AVAILABLE. */
  processingPolls?: number;
  /** The video ends PROCESSING_FAILED. */
  videoFails?: boolean;
  /** Create the post, then cut the connection before answering (a crash between "sent" and "recorded"). */
  cutAfterPost?: boolean;
  /** The finder over an author's posts answers 403 (the app lacks r_member_social). */
  denyFinder?: boolean;
}

export interface LinkedInFake {
  url: string;
  token: string;
  memberId: string;
  /** Versions LinkedIn no longer serves (426). */
  sunset: Set<string>;
  partBytes: number;
  script: LinkedInScript;
  calls: LinkedInCall[];
  images: Map<string, Buffer | null>;
  videos: LinkedInVideo[];
  posts: LinkedInPost[];
  close(): Promise<void>;
}

const err = (res: ServerResponse, status: number, code: string, message: string, serviceErrorCode = 100) => sendJson(res, status, { status, serviceErrorCode, code, message });

export async function startLinkedInFake(options: { token?: string; partBytes?: number; sunset?: string[]; script?: LinkedInScript } = {}): Promise<LinkedInFake> {
  const fake: LinkedInFake = {
    url: '',
    token: options.token ?? 'test-token',
    memberId: 'abC123xyZ',
    sunset: new Set(options.sunset ?? ['202501', '202502', '202503']),
    partBytes: options.partBytes ?? 4 * 1024 * 1024,
    script: options.script ?? {},
    calls: [],
    images: new Map(),
    videos: [],
    posts: [],
    close: async () => undefined,
  };
  let shareSeq = 7_100_000_000_000_000_000n;

  const server = await listen((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const version = req.headers['linkedin-version'] as string | undefined;
    const restli = req.headers['x-restli-protocol-version'] as string | undefined;
    fake.calls.push({ method: req.method ?? '', path: url.pathname + url.search, version, restli });

    if (url.pathname.startsWith('/dms-uploads/')) return upload(req, url, body, res);
    if (req.headers.authorization !== `Bearer ${fake.token}`) return err(res, 401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
    if (url.pathname === '/v2/userinfo') return sendJson(res, 200, { sub: fake.memberId, name: 'Mei Lin', given_name: 'Mei', family_name: 'Lin', locale: { country: 'TW', language: 'zh' } });
    if (!url.pathname.startsWith('/rest/')) return err(res, 404, 'NOT_FOUND', 'Not found');
    if (!version) return err(res, 400, 'VERSION_MISSING', 'A version must be present. Please specify a version by adding the LinkedIn-Version header.');
    if (!/^\d{6}$/.test(version)) return err(res, 400, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
    if (fake.sunset.has(version)) return err(res, 426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
    if (restli !== '2.0.0') return err(res, 400, 'ILLEGAL_ARGUMENT', 'X-Restli-Protocol-Version 2.0.0 is required');
    const scripted = fake.script.error;
    if (scripted && scripted.method === req.method && scripted.path === url.pathname) {
      delete fake.script.error;
      return err(res, scripted.status, scripted.code, scripted.message, scripted.serviceErrorCode);
    }
    const json = parseJson(body);
    const route = `${req.method} ${url.pathname}`;
    const action = url.searchParams.get('action');
    if (route === 'POST /rest/images' && action === 'initializeUpload') return initImage(json, res);
    if (route === 'POST /rest/videos' && action === 'initializeUpload') return initVideo(json, res);
    if (route === 'POST /rest/videos' && action === 'finalizeUpload') return finalizeVideo(json, res);
    if (req.method === 'GET' && url.pathname.startsWith('/rest/videos/')) return videoStatus(decodeURIComponent(url.pathname.slice('/rest/videos/'.length)), res);
    if (route === 'POST /rest/posts') return createPost(req, json, res);
    if (route === 'GET /rest/posts' && url.searchParams.get('q') === 'author') return findByAuthor(url, res);
    return err(res, 404, 'NOT_FOUND', `No route ${route}`);
  });
  fake.url = server.url;
  fake.close = server.close;

  const owner = () => `urn:li:person:${fake.memberId}`;

  function initImage(json: Record<string, unknown>, res: ServerResponse): void {
    const request = (json.initializeUploadRequest ?? {}) as Record<string, unknown>;
    if (request.owner !== owner()) return err(res, 403, 'ACCESS_DENIED', 'Not enough permissions to upload on behalf of this owner');
    const urn = `urn:li:image:C4E${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    fake.images.set(urn, null);
    sendJson(res, 200, { value: { uploadUrlExpiresAt: Date.now() + 3600_000, uploadUrl: `${fake.url}/dms-uploads/image/${encodeURIComponent(urn)}`, image: urn } });
  }

  function initVideo(json: Record<string, unknown>, res: ServerResponse): void {
    const request = (json.initializeUploadRequest ?? {}) as Record<string, unknown>;
    const size = Number(request.fileSizeBytes);
    if (request.owner !== owner()) return err(res, 403, 'ACCESS_DENIED', 'Not enough permissions to upload on behalf of this owner');
    if (!(size > 0)) return err(res, 422, 'UNPROCESSABLE_ENTITY', 'fileSizeBytes is required');
    const urn = `urn:li:video:D4E${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const parts: LinkedInVideo['parts'] = [];
    for (let first = 0; first < size; first += fake.partBytes) parts.push({ firstByte: first, lastByte: Math.min(first + fake.partBytes, size) - 1, etag: `/ambry-video/${randomUUID()}`, bytes: null });
    fake.videos.push({ urn, size, parts, finalized: false, polls: 0 });
    sendJson(res, 200, {
      value: {
        uploadUrlsExpireAt: Date.now() + 3600_000,
        video: urn,
        uploadInstructions: parts.map((p, i) => ({ uploadUrl: `${fake.url}/dms-uploads/video/${encodeURIComponent(urn)}/part/${i}`, firstByte: p.firstByte, lastByte: p.lastByte })),
        uploadToken: '',
      },
    });
  }

  function upload(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
    if (req.method !== 'PUT') return err(res, 405, 'METHOD_NOT_ALLOWED', 'PUT only');
    const image = /^\/dms-uploads\/image\/(.+)$/.exec(url.pathname);
    if (image) {
      const urn = decodeURIComponent(image[1]!);
      if (req.headers.authorization !== `Bearer ${fake.token}`) return err(res, 401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
      if (!fake.images.has(urn)) return err(res, 404, 'NOT_FOUND', 'unknown image');
      fake.images.set(urn, body);
      res.writeHead(201).end();
      return;
    }
    const part = /^\/dms-uploads\/video\/(.+)\/part\/(\d+)$/.exec(url.pathname);
    const video = part ? fake.videos.find((v) => v.urn === decodeURIComponent(part[1]!)) : undefined;
    const slot = part && video ? video.parts[Number(part[2])] : undefined;
    if (!video || !slot) return err(res, 404, 'NOT_FOUND', 'unknown upload');
    if (body.length !== slot.lastByte - slot.firstByte + 1) return err(res, 400, 'BAD_REQUEST', `part must be bytes ${slot.firstByte}-${slot.lastByte}`);
    slot.bytes = body;
    res.writeHead(200, { etag: slot.etag, 'content-length': '0' }).end();
  }

  function finalizeVideo(json: Record<string, unknown>, res: ServerResponse): void {
    const request = (json.finalizeUploadRequest ?? {}) as Record<string, unknown>;
    const video = fake.videos.find((v) => v.urn === request.video);
    if (!video) return err(res, 404, 'NOT_FOUND', 'unknown video');
    const ids = request.uploadedPartIds;
    if (!Array.isArray(ids) || ids.join('\n') !== video.parts.map((p) => p.etag).join('\n') || video.parts.some((p) => !p.bytes)) {
      return err(res, 400, 'BAD_REQUEST', 'uploadedPartIds must list every part’s ETag in order');
    }
    video.finalized = true;
    res.writeHead(200, { 'content-length': '0' }).end();
  }

  function videoStatus(urn: string, res: ServerResponse): void {
    const video = fake.videos.find((v) => v.urn === urn);
    if (!video) return err(res, 404, 'NOT_FOUND', 'unknown video');
    let status = 'WAITING_UPLOAD';
    if (video.finalized) {
      video.polls += 1;
      status = video.polls <= (fake.script.processingPolls ?? 0) ? 'PROCESSING' : fake.script.videoFails ? 'PROCESSING_FAILED' : 'AVAILABLE';
    }
    sendJson(res, 200, { id: urn, owner: owner(), status, duration: 12000, aspectRatioWidth: 9, aspectRatioHeight: 16 });
  }

  function createPost(req: IncomingMessage, json: Record<string, unknown>, res: ServerResponse): void {
    if (json.author !== owner()) return err(res, 403, 'ACCESS_DENIED', `Not enough permissions to post as ${String(json.author)}`);
    if (json.lifecycleState !== 'PUBLISHED' || !json.distribution || !json.visibility) return err(res, 422, 'UNPROCESSABLE_ENTITY', 'lifecycleState, distribution and visibility are required');
    const commentary = String(json.commentary ?? '');
    if (commentary.length > 3000) return err(res, 422, 'UNPROCESSABLE_ENTITY', 'commentary is longer than 3000 characters');
    const content = (json.content ?? null) as { media?: { id: string }; multiImage?: { images: Array<{ id: string }> } } | null;
    const ids = content?.media ? [content.media.id] : (content?.multiImage?.images.map((i) => i.id) ?? []);
    for (const id of ids) {
      const ready = id.startsWith('urn:li:image:') ? fake.images.get(id) : fake.videos.find((v) => v.urn === id && v.finalized && v.polls > 0);
      if (!ready) return err(res, 422, 'UNPROCESSABLE_ENTITY', `${id} is not available`);
    }
    if (content?.multiImage && (ids.length < 2 || ids.length > 20)) return err(res, 422, 'UNPROCESSABLE_ENTITY', 'multiImage takes 2 to 20 images');
    const duplicate = fake.posts.find((p) => p.body.commentary === commentary && JSON.stringify(p.body.content) === JSON.stringify(json.content));
    if (duplicate) return err(res, 422, 'UNPROCESSABLE_ENTITY', `Content is a duplicate of ${duplicate.id}`);
    const id = `urn:li:share:${shareSeq++}`;
    fake.posts.push({ id, body: json, createdAt: Date.now() });
    if (fake.script.cutAfterPost) {
      delete fake.script.cutAfterPost;
      req.socket.destroy();
      return;
    }
    res.writeHead(201, { 'x-restli-id': id, 'content-length': '0' }).end();
  }

  function findByAuthor(url: URL, res: ServerResponse): void {
    if (fake.script.denyFinder) return err(res, 403, 'ACCESS_DENIED', 'Not enough permissions to access: partnerApiPostsExternal.FINDER-author');
    const author = url.searchParams.get('author');
    const elements = fake.posts
      .filter((p) => p.body.author === author)
      .reverse()
      .map((p) => ({ id: p.id, author: p.body.author, commentary: p.body.commentary, visibility: p.body.visibility, lifecycleState: 'PUBLISHED', createdAt: p.createdAt, publishedAt: p.createdAt, lastModifiedAt: p.createdAt }));
    sendJson(res, 200, { paging: { start: 0, count: 10, links: [], total: elements.length }, elements });
  }

  return fake;
}
