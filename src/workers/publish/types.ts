import type { PlainExchange } from '../../node/plain-http.js';
import type { WorkerMemo } from './memo.js';
import type { PublishPlatform } from '../../shared/publish/platforms.js';
import type { PostPayload, PostProblem } from '../../shared/publish/post.js';

/**
 * One interface every platform's publisher implements (issue 13). A publisher
 * runs in a worker, talks only to its platform (and, for platforms that fetch
 * media by URL, to cloud-sync's media relay through `relay`), and never
 * touches the database: the outbox in main records what it returns.
 */

/** Where the post goes, as the outbox row names it. */
export interface PublishTarget {
  platform: PublishPlatform;
  /** The vault connection's account id on the platform (the Meta user, the TikTok open_id, the WordPress site#user…). */
  accountId: string;
  /** The Page / Instagram user / LINE channel the post goes to, when not the connection's own account. */
  targetId: string | null;
}

/** What a published post is on the platform. */
export interface PublishedPost {
  platformPostId: string;
  /** The post's public address, when the platform gives one (a LINE broadcast has none). */
  url: string | null;
}

/** A file made reachable on a public HTTPS address for the platforms that fetch media themselves. */
export interface RelayedFile {
  /** The relay's id of the file: what `DELETE /v1/relay/:id` takes once the post is published. */
  id: string;
  url: string;
  expiresAt: number;
}

export interface PublishContext {
  /** The outbox post's id: stable across attempts, so it can serve as the platform's idempotency key (LINE's X-Line-Retry-Key). */
  postId: string;
  attempt: number;
  /** The access token from the vault's short-lived hand-out (WordPress: the JSON {site, username, app_password}). */
  token: string;
  /** The platform's API base (the real service, or a loopback fake in tests); see PUBLISH_BASE_URL. */
  baseUrl: string;
  signal: AbortSignal;
  /** What the last attempt saved with `saveCheckpoint` (null on a first attempt): a container id, an upload session… */
  checkpoint: unknown;
  /**
   * Saves progress that must survive a crash, and resolves only once main has
   * stored it. Call it before any step the platform cannot undo (media_publish,
   * a push), so a restarted attempt knows to ask the platform instead of sending again.
   */
  saveCheckpoint(state: unknown): Promise<void>;
  progress(fraction: number): void;
  /** Uploads a file to the media relay and answers its public address (only for FETCHES_MEDIA_BY_URL platforms). */
  relay(path: string, mime: string): Promise<RelayedFile>;
  /** fetch, replaceable in tests: uploads and downloads, and every call when there is no `exchange`. */
  fetch: typeof fetch;
  /**
   * The lighter client platformCall uses for requests whose body is in memory
   * (src/node/plain-http.ts); absent, fetch makes them. A context whose fetch
   * is guarded (WordPress's SSRF guard) has none, so nothing goes around the guard.
   */
  exchange?: PlainExchange;
  /** Sleeps (for polling) unless the job is canceled; replaceable in tests. */
  sleep(ms: number): Promise<void>;
  now(): number;
  /** What the worker keeps between posts in memory (Facebook Page tokens, see memo.ts); absent: nothing is kept. */
  memo?: WorkerMemo;
}

/** An account a connection can post as (a Facebook Page, the Instagram account linked to it…). */
export interface PostingTarget {
  targetId: string | null;
  displayName: string;
}

export interface Publisher {
  platform: PublishPlatform;
  /**
   * The accounts this connection can post as on this platform. Most answer the
   * connection's own account (`targetId: null`); a Meta login answers its Pages
   * (facebook) or the Instagram accounts linked to them (instagram).
   */
  targets(ctx: PublishContext): Promise<PostingTarget[]>;
  /**
   * What this platform refuses that the shared rules (validatePost) cannot see:
   * the account's quota, TikTok's creator_info (max duration, privacy options)…
   * Called before any upload; may ask the platform.
   */
  preflight(post: PostPayload, target: PublishTarget, ctx: PublishContext): Promise<PostProblem[]>;
  /** Uploads, creates, polls until the post is live, and answers its id and URL. Throws a PublishFailure (./failure.ts) on any error. */
  publish(post: PostPayload, target: PublishTarget, ctx: PublishContext): Promise<PublishedPost>;
  /**
   * Asks the platform whether the post an earlier, interrupted attempt sent is
   * already live (from `ctx.checkpoint`): answers it, or null when it was never
   * published and sending again is safe.
   */
  recover(post: PostPayload, target: PublishTarget, ctx: PublishContext): Promise<PublishedPost | null>;
}

