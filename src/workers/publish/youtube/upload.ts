import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import { PublishFailure } from '../failure.js';
import { platformCall, type PlatformAnswer } from '../http.js';
import { readRange } from '../media-file.js';
import type { PublishContext } from '../types.js';
import { videoResourceSchema, youtubeFailure } from './api.js';

/**
 * Google's resumable upload protocol (YouTube Data API, "Resumable
 * Uploads"): a session URL from the POST's Location header, the bytes PUT in
 * chunks (multiples of 256 KiB but the last), `308 Resume Incomplete` with
 * `Range: bytes=0-k` after each, and after a break a `PUT` with
 * `Content-Range: bytes *\/N` that says how far Google got. The session URL
 * and offset are checkpointed so even a restarted attempt resumes.
 */

export const CHUNK_UNIT = 256 * 1024;
export const DEFAULT_CHUNK_BYTES = 32 * CHUNK_UNIT; // 8 MiB
/** Breaks in a row without progress before the attempt gives up (the checkpoint keeps the session for the next one). */
const MAX_BREAKS = 5;

export const sessionSchema = z.object({ sessionUrl: z.url(), videoSize: z.number().int().positive(), offset: z.number().int().min(0) });
export type UploadSession = z.infer<typeof sessionSchema>;

/** The session is gone (404/410): Google says to start the upload over. */
export class SessionExpired extends Error {}

export type SessionState = { done: string } | { offset: number };

export async function startSession(ctx: PublishContext, resource: unknown, size: number, mime: string): Promise<string> {
  const url = `${ctx.baseUrl}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`;
  const answer = await platformCall(ctx, 'youtube', url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${ctx.token}`,
      'content-type': 'application/json; charset=UTF-8',
      'x-upload-content-length': String(size),
      'x-upload-content-type': mime,
    },
    body: JSON.stringify(resource),
  });
  const location = answer.headers.get('location');
  if (answer.status !== 200 && answer.status !== 201) throw youtubeFailure(answer);
  if (!location) throw youtubeFailure({ ...answer, status: 502 });
  return new URL(location, ctx.baseUrl).toString();
}

/** Asks how much of the file Google holds (Step 4.1: check the status of an upload). */
export async function querySession(ctx: PublishContext, session: UploadSession): Promise<SessionState> {
  const answer = await platformCall(ctx, 'youtube', session.sessionUrl, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ctx.token}`, 'content-length': '0', 'content-range': `bytes */${session.videoSize}` },
  });
  return readState(answer);
}

function readState(answer: PlatformAnswer): SessionState {
  if (answer.status === 200 || answer.status === 201) {
    const video = videoResourceSchema.safeParse(answer.json);
    if (!video.success) throw youtubeFailure({ ...answer, status: 502 });
    return { done: video.data.id };
  }
  if (answer.status === 308) {
    // No Range header: nothing was received yet.
    const m = /bytes=0-(\d+)/.exec(answer.headers.get('range') ?? '');
    return { offset: m ? Number(m[1]) + 1 : 0 };
  }
  if (answer.status === 404 || answer.status === 410) throw new SessionExpired();
  throw youtubeFailure(answer);
}

/** PUTs the file from `session.offset` on, resuming after breaks, and answers the video id. */
export async function uploadFrom(ctx: PublishContext, session: UploadSession, path: string, mime: string, chunkBytes: number): Promise<string> {
  let { offset } = session;
  let breaks = 0;
  for (;;) {
    const end = Math.min(offset + chunkBytes, session.videoSize) - 1;
    let state: SessionState | null = null;
    let failure: PublishFailure | null = null;
    try {
      const body = await readRange(path, offset, end);
      const answer = await platformCall(ctx, 'youtube', session.sessionUrl, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ctx.token}`, 'content-type': mime, 'content-range': `bytes ${offset}-${end}/${session.videoSize}` },
        body,
        timeoutMs: 10 * 60_000,
      });
      // 5xx: Google's advice is to ask where it got and resume, like a broken connection.
      if (answer.status >= 500) failure = youtubeFailure(answer);
      else state = readState(answer);
    } catch (err) {
      if (!(err instanceof PublishFailure) || err.failure !== 'retry') throw err;
      failure = err;
    }
    if (failure) {
      breaks += 1;
      if (breaks > MAX_BREAKS) throw failure;
      await ctx.sleep(Math.min(30_000, 1_000 * 2 ** (breaks - 1)));
      try {
        state = await querySession(ctx, { ...session, offset });
      } catch (err) {
        if (err instanceof PublishFailure && err.failure === 'retry') continue;
        throw err;
      }
    }
    if (state && 'done' in state) return state.done;
    if (state) {
      if (state.offset > offset) breaks = 0;
      else if (!failure && ++breaks > MAX_BREAKS) {
        throw new PublishFailure('retry', say('publish.platform.unavailable', { platform: 'YouTube', status: 308 }), `YouTube: the upload stalled at byte ${offset}`);
      }
      offset = state.offset;
      await ctx.saveCheckpoint({ sessionUrl: session.sessionUrl, videoSize: session.videoSize, offset } satisfies UploadSession);
      ctx.progress(offset / session.videoSize);
    }
  }
}
