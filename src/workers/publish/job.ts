import { plainExchange } from '../../node/plain-http.js';
import { say } from '../../shared/messages.js';
import type { JobPayload, PublishJobResult } from '../../shared/jobs/kinds.js';
import { PLATFORM_LABELS, PUBLISH_BASE_URL, PUBLISH_BASE_URL_ENV, type PublishPlatform } from '../../shared/publish/platforms.js';
import { PUBLISH_SECRETS } from '../../shared/publish/secrets.js';
import { validatePost } from '../../shared/publish/validate.js';
import type { JobContext } from '../context.js';
import { PublishFailure } from './failure.js';
import { publisherFor } from './registry.js';
import { MemoryMemo } from './memo.js';
import { deleteFromRelay, relayCredentialsFrom, uploadToRelay } from './relay-client.js';
import type { PostingTarget, PublishContext } from './types.js';

/**
 * The worker's side of publishing: one attempt of one outbox post. The post
 * is checked again (rules change between scheduling and publishing), then an
 * attempt that finds a checkpoint asks the platform first (recover) and only
 * sends when the platform says the post never arrived.
 */
export async function publishPost(payload: JobPayload<'publish.post'>, job: JobContext): Promise<PublishJobResult> {
  const { platform, post, target } = payload;
  const relayed: string[] = [];
  const ctx = publishContext(platform, payload.postId, job, relayed);
  const publisher = await publisherFor(platform);
  if (ctx.checkpoint !== null && ctx.checkpoint !== undefined) {
    const found = await publisher.recover(post, target, ctx);
    if (found) return { platformPostId: found.platformPostId, url: found.url, recovered: true };
  }
  const problems = [...validatePost(platform, post), ...(await publisher.preflight(post, target, ctx))];
  const first = problems[0];
  if (first) {
    const fields = problems.map((p) => `${p.field}: ${p.message.key}`).join('; ');
    throw new PublishFailure('bad-post', first.message, `${PLATFORM_LABELS[platform]} would refuse this post (${fields})`);
  }
  const published = await publisher.publish(post, target, ctx);
  // The post is live: the files the platform fetched from the relay are not needed any more (else they expire).
  await Promise.all(relayed.map((id) => deleteFromRelay({ ...relayCredentialsFrom(job.secrets), id, fetch })));
  return { platformPostId: published.platformPostId, url: published.url, recovered: false };
}

/** What a connection can post as (a Meta login's Pages and Instagram accounts; most platforms: the account itself). */
export async function listTargets(payload: JobPayload<'publish.targets'>, job: JobContext): Promise<{ targets: PostingTarget[] }> {
  const ctx = publishContext(payload.platform, `targets:${payload.connectionId}`, job, []);
  const publisher = await publisherFor(payload.platform);
  return { targets: await publisher.targets(ctx) };
}

/** The platform's API base: a loopback fake when its variable says so (tests), the real service otherwise; WordPress: the user's site. */
export function baseUrlOf(platform: PublishPlatform, token: string, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'wordpress') {
    const site = (JSON.parse(token) as { site?: unknown }).site;
    if (typeof site !== 'string') throw new PublishFailure('disconnected', say('publish.outbox.tokenMissing', { platform: PLATFORM_LABELS[platform] }), 'WordPress: the vault hand-out names no site');
    return site;
  }
  return env[PUBLISH_BASE_URL_ENV[platform]] || PUBLISH_BASE_URL[platform];
}

/** This worker's memory between posts (in memory only; the process's lifetime at most). */
const memo = new MemoryMemo();

/** `relayed` collects the relay ids of the files this attempt uploaded (engagement reads use it too, with none). */
export function publishContext(platform: PublishPlatform, postId: string, job: JobContext, relayed: string[]): PublishContext {
  const token = job.secrets[PUBLISH_SECRETS.token];
  if (!token) throw new PublishFailure('disconnected', say('publish.outbox.tokenMissing', { platform: PLATFORM_LABELS[platform] }), `${PLATFORM_LABELS[platform]}: no token came with the job`);
  return {
    postId,
    attempt: job.attempt,
    token,
    baseUrl: baseUrlOf(platform, token),
    signal: job.signal,
    checkpoint: job.checkpoint ?? null,
    saveCheckpoint: (state) => job.saveCheckpoint(state),
    progress: (fraction) => job.progress(fraction),
    relay: async (path, mime) => {
      const file = await uploadToRelay({ ...relayCredentialsFrom(job.secrets), path, mime, signal: job.signal, fetch });
      relayed.push(file.id);
      return file;
    },
    fetch: (input, init) => fetch(input, init),
    exchange: plainExchange,
    sleep: (ms) => abortableSleep(ms, job.signal),
    now: () => Date.now(),
    memo,
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
