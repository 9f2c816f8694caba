import type { PublishPlatform } from '../../shared/publish/platforms.js';
import type { Publisher } from './types.js';

/**
 * Publishers by platform, loaded on first use. Each platform's folder adds
 * its entry here (src/workers/publish/<platform>/).
 */
const loaders: Partial<Record<PublishPlatform, () => Promise<Publisher>>> = {
  tiktok: async () => (await import('./tiktok/publisher.js')).tiktokPublisher,
  youtube: async () => (await import('./youtube/publisher.js')).youtubePublisher,
  linkedin: async () => (await import('./linkedin/publisher.js')).linkedinPublisher,
};

export async function publisherFor(platform: PublishPlatform): Promise<Publisher> {
  const load = loaders[platform];
  if (!load) throw new Error(`no publisher for ${platform}`);
  return load();
}
