import type { PublishPlatform } from '../../shared/publish/platforms.js';
import type { Publisher } from './types.js';

/**
 * Publishers by platform, loaded on first use. Each platform's folder adds
 * its entry here (src/workers/publish/<platform>/).
 */
const loaders: Partial<Record<PublishPlatform, () => Promise<Publisher>>> = {
  instagram: async () => (await import('./meta/instagram.js')).instagramPublisher,
  facebook: async () => (await import('./meta/facebook.js')).facebookPublisher,
  threads: async () => (await import('./threads/threads.js')).threadsPublisher,
  line: async () => (await import('./line/index.js')).linePublisher,
  wordpress: async () => (await import('./wordpress/index.js')).wordpressPublisher,
};

export async function publisherFor(platform: PublishPlatform): Promise<Publisher> {
  const load = loaders[platform];
  if (!load) throw new Error(`no publisher for ${platform}`);
  return load();
}
