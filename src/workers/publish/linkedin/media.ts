import { z } from 'zod';
import { say } from '../../../shared/messages.js';
import type { PostMedia } from '../../../shared/publish/post.js';
import { PublishFailure } from '../failure.js';
import { platformCall, pollUntil, type PlatformAnswer } from '../http.js';
import { fileSize, readRange } from '../media-file.js';
import type { PublishContext } from '../types.js';
import { linkedinFailure, parseAnswer, restCall, restHeaders } from './api.js';

/**
 * LinkedIn's Images and Videos APIs: initializeUpload registers the file and
 * answers where to PUT it; a video comes in parts (byte ranges LinkedIn
 * chooses) whose ETags finalizeUpload collects, and is usable in a post once
 * LinkedIn reports it AVAILABLE.
 */

const imageInitSchema = z.object({ value: z.object({ uploadUrl: z.url(), image: z.string().startsWith('urn:li:image:') }) });

const videoInitSchema = z.object({
  value: z.object({
    video: z.string().startsWith('urn:li:video:'),
    uploadToken: z.string().default(''),
    uploadInstructions: z.array(z.object({ uploadUrl: z.url(), firstByte: z.number().int().min(0), lastByte: z.number().int().min(0) })).min(1),
  }),
});

const videoStatusSchema = z.object({ status: z.string() });

function uploadFailed(answer: PlatformAnswer): PublishFailure {
  return answer.status >= 200 && answer.status < 300 ? linkedinFailure({ ...answer, status: 502 }) : linkedinFailure(answer);
}

export async function uploadImage(ctx: PublishContext, owner: string, media: PostMedia): Promise<string> {
  const size = await fileSize(media.path);
  const init = parseAnswer(await restCall(ctx, 'POST', '/rest/images?action=initializeUpload', { initializeUploadRequest: { owner } }), imageInitSchema);
  const answer = await platformCall(ctx, 'linkedin', init.value.uploadUrl, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ctx.token}`, 'content-type': media.mime },
    body: await readRange(media.path, 0, size - 1),
    timeoutMs: 5 * 60_000,
  });
  if (answer.status < 200 || answer.status >= 300) throw uploadFailed(answer);
  return init.value.image;
}

export interface VideoUploadOptions {
  pollIntervalMs: number;
  pollTimeoutMs: number;
}

export async function uploadVideo(ctx: PublishContext, owner: string, media: PostMedia, options: VideoUploadOptions): Promise<string> {
  const size = await fileSize(media.path);
  const init = parseAnswer(
    await restCall(ctx, 'POST', '/rest/videos?action=initializeUpload', { initializeUploadRequest: { owner, fileSizeBytes: size, uploadCaptions: false, uploadThumbnail: false } }),
    videoInitSchema,
  );
  const { video, uploadToken, uploadInstructions } = init.value;
  const etags: string[] = [];
  for (const [i, part] of uploadInstructions.entries()) {
    // Upload URLs are pre-signed: no bearer token goes with the bytes.
    const answer = await platformCall(ctx, 'linkedin', part.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: await readRange(media.path, part.firstByte, part.lastByte),
      timeoutMs: 10 * 60_000,
    });
    const etag = answer.headers.get('etag');
    if (answer.status < 200 || answer.status >= 300 || !etag) throw uploadFailed(answer);
    etags.push(etag);
    ctx.progress(((i + 1) / uploadInstructions.length) * 0.9);
  }
  await restCall(ctx, 'POST', '/rest/videos?action=finalizeUpload', { finalizeUploadRequest: { video, uploadToken, uploadedPartIds: etags } });
  await pollUntil(
    ctx,
    'linkedin',
    async () => {
      const answer = await platformCall(ctx, 'linkedin', `${ctx.baseUrl}/rest/videos/${encodeURIComponent(video)}`, { headers: restHeaders(ctx) });
      if (answer.status !== 200) throw linkedinFailure(answer);
      const { status } = parseAnswer(answer, videoStatusSchema);
      if (status === 'PROCESSING_FAILED') throw new PublishFailure('bad-post', say('publish.video.linkedin.videoFailed'), `LinkedIn: ${video} PROCESSING_FAILED`);
      return status === 'AVAILABLE' ? true : undefined;
    },
    options.pollIntervalMs,
    options.pollTimeoutMs,
  );
  return video;
}
