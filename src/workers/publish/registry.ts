import type { PublishPlatform } from '../../shared/publish/platforms.js';
import type { Publisher } from './types.js';

/**
 * Publishers by platform, loaded on first use (a worker only pays for the
 * platforms its jobs post to).
 */
const loaders: Record<PublishPlatform, () => Promise<Publisher>> = {
  instagram: async () => (await import('./meta/instagram.js')).instagramPublisher,
  facebook: async () => (await import('./meta/facebook.js')).facebookPublisher,
  threads: async () => (await import('./threads/threads.js')).threadsPublisher,
  line: async () => (await import('./line/index.js')).linePublisher,
  wordpress: async () => (await import('./wordpress/index.js')).wordpressPublisher,
  tiktok: async () => (await import('./tiktok/publisher.js')).tiktokPublisher,
  youtube: async () => (await import('./youtube/publisher.js')).youtubePublisher,
  linkedin: async () => (await import('./linkedin/publisher.js')).linkedinPublisher,
};

const loaded = new Map<PublishPlatform, Promise<Publisher>>();

/** The platform's publisher, imported once per worker (a worker publishes many posts). */
export function publisherFor(platform: PublishPlatform): Promise<Publisher> {
  let publisher = loaded.get(platform);
  if (!publisher) {
    publisher = loaders[platform]();
    loaded.set(platform, publisher);
    // A failed import is tried again by the next attempt.
    publisher.catch(() => loaded.delete(platform));
  }
  return publisher;
}
