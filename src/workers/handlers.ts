import type { JobKind } from '../shared/jobs/kinds.js';
import type { JobHandler } from './context.js';
import { meshLoaders } from './mesh/loaders.js';
import { characterLoaders } from './creator/loaders.js';
import { styleLoaders } from './style/loaders.js';
import { inkLoaders } from './ink/loaders.js';

/**
 * Handlers by job kind, loaded on first use so a worker only pays for the
 * libraries its jobs need.
 */
type Loader = () => Promise<JobHandler<never>>;

const loaders: Record<JobKind, Loader> = {
  'media.probe': async () => (await import('./media/import-probe.js')).probeAndThumbnail,
  'media.contactSheet': async () => (await import('./media/contact-sheet.js')).contactSheet,
  'media.compose': async () => (await import('./media/jobs.js')).compose,
  'media.motion': async () => (await import('./media/jobs.js')).motion,
  'media.image': async () => (await import('./media/jobs.js')).image,
  'generate.blog': async () => (await import('./generation/blog.js')).generateBlog,
  'generate.social': async () => (await import('./generation/social.js')).generateSocial,
  'director.script': async () => (await import('./generation/director.js')).writeScript,
  'director.scene': async () => (await import('./generation/director.js')).renderScene,
  'providers.test': async () => (await import('./generation/test-connection.js')).testConnection,
  'publish.post': async () => (await import('./publish/job.js')).publishPost,
  'publish.targets': async () => (await import('./publish/job.js')).listTargets,
  'kol.write': async () => (await import('./kol/write.js')).writeKolPost,
  'kol.metrics': async () => (await import('./kol/metrics/job.js')).fetchPostMetrics,
  'photo.presetThumbs': async () => (await import('./photo/preset-thumbs-job.js')).presetThumbs,
  'photo.check': async () => (await import('./photo/check-job.js')).checkPhoto,
  'photo.fuse': async () => (await import('./photo/fuse-job.js')).fusePhoto,
  'photo.makeover': async () => (await import('./photo/fuse-job.js')).makeoverPhoto,
  'photo.repair': async () => (await import('./photo/repair-job.js')).repairPhoto,
  'photo.motion': async () => (await import('./photo/motion-job.js')).photoMotion,
  // Issue 16 (Creator Hub): one loader map per area.
  ...meshLoaders,
  ...characterLoaders,
  ...styleLoaders,
  ...inkLoaders,
  'diag.noop': async () => (await import('./diag/handlers.js')).noop,
  'diag.steps': async () => (await import('./diag/handlers.js')).steps,
  'diag.fail': async () => (await import('./diag/handlers.js')).fail,
};

const loaded = new Map<JobKind, Promise<JobHandler<never>>>();

/** The kind's handler, imported once per worker: a dynamic import() of a loaded module still goes through the module loader (and its hooks) each time. */
export function handlerFor(kind: JobKind): Promise<JobHandler<never>> {
  let handler = loaded.get(kind);
  if (!handler) {
    handler = loaders[kind]();
    loaded.set(kind, handler);
    // A failed import is tried again by the next job.
    handler.catch(() => loaded.delete(kind));
  }
  return handler;
}
