import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import type { PostMedia, PostPayload } from '../../../shared/publish/post.js';
import { resolveFfTool } from '../../../node/ffmpeg.js';
import { runTool } from '../../../node/run-tool.js';
import { openImage } from '../../media/image/ops.js';
import { PublishFailure } from '../failure.js';
import type { PublishContext } from '../types.js';

/**
 * The message objects one LINE send carries: the text, then each image or
 * video. LINE fetches media itself, so the original goes through the media
 * relay, and so does a preview made here: LINE shows `previewImageUrl` in the
 * chat and takes it only as JPEG or PNG of at most 1 MB.
 */

export type LineMessage =
  | { type: 'text'; text: string }
  | { type: 'image'; originalContentUrl: string; previewImageUrl: string }
  | { type: 'video'; originalContentUrl: string; previewImageUrl: string };

export const MAX_MESSAGES_PER_SEND = 5;
export const MAX_PREVIEW_BYTES = 1024 * 1024;
const PREVIEW_SIDE = 1024;
const PREVIEW_QUALITIES = [82, 70, 55, 40];

const fileName = (m: PostMedia): string => path.basename(m.path);

function unreadable(m: PostMedia, cause: unknown): PublishFailure {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new PublishFailure('bad-post', say('publish.rest.line.unreadableMedia', { name: fileName(m) }), `LINE: could not make a preview of ${fileName(m)}: ${reason}`);
}

/** A JPEG of at most 1024 px a side and 1 MB from an image (a file, or a video frame as PNG bytes). */
async function previewJpeg(input: string | Buffer): Promise<Buffer> {
  for (const quality of PREVIEW_QUALITIES) {
    const jpeg = await openImage(input).rotate().resize({ width: PREVIEW_SIDE, height: PREVIEW_SIDE, fit: 'inside', withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true }).toBuffer();
    if (jpeg.length <= MAX_PREVIEW_BYTES) return jpeg;
  }
  // Still too large at the lowest quality (a very noisy picture): halve the size once more.
  return openImage(input).rotate().resize({ width: PREVIEW_SIDE / 2, height: PREVIEW_SIDE / 2, fit: 'inside', withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 40 }).toBuffer();
}

/** One frame of the video (a tenth in, at most 3 s), as PNG bytes. */
async function videoFrame(m: PostMedia, signal: AbortSignal): Promise<Buffer> {
  const ffmpeg = resolveFfTool('ffmpeg').path;
  const at = Math.min(3, (m.durationSeconds ?? 0) * 0.1);
  const { stdout } = await runTool(ffmpeg, ['-v', 'error', '-ss', String(at), '-i', m.path, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'], { signal, describe: 'ffmpeg preview frame' });
  if (stdout.length === 0) throw new Error('ffmpeg wrote no frame');
  return stdout;
}

async function previewOf(m: PostMedia, ctx: PublishContext): Promise<Buffer> {
  try {
    return await previewJpeg(m.kind === 'video' ? await videoFrame(m, ctx.signal) : m.path);
  } catch (err) {
    // A missing ffmpeg is the studio's to fix (its own message says how), not the post's.
    if (err instanceof StudioError && (err.code === 'FFMPEG_MISSING' || err.code === 'CANCELED')) throw err;
    throw unreadable(m, err);
  }
}

/**
 * Builds the messages of a post, relaying each file and its preview. Previews
 * are written to `workDir`, which the caller removes once the send is over.
 */
export async function buildMessages(post: PostPayload, ctx: PublishContext, workDir: string): Promise<LineMessage[]> {
  const messages: LineMessage[] = [];
  if (post.text.trim() !== '') messages.push({ type: 'text', text: post.text });
  for (const [i, m] of post.media.entries()) {
    const preview = path.join(workDir, `preview-${i}.jpg`);
    await fs.promises.writeFile(preview, await previewOf(m, ctx));
    const original = await ctx.relay(m.path, m.mime);
    const small = await ctx.relay(preview, 'image/jpeg');
    messages.push({ type: m.kind, originalContentUrl: original.url, previewImageUrl: small.url });
    ctx.progress(((i + 1) / post.media.length) * 0.8);
  }
  return messages;
}

export function makeWorkDir(): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), 'kingjam-line-'));
}
