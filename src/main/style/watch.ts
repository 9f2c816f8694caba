import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { JobKind } from '../../shared/jobs/kinds.js';

/**
 * After an image is generated with a style, it is scored against it: each
 * generating job kind that can carry a style (its payload's `style`) is
 * watched, and the images its result names are handed to `score` in the
 * job's own settle transaction — so the score job exists exactly when the
 * image does — with that job's id, so a Director scene gets its score back.
 * A Director scene's clip is scored too: the score job samples its frames.
 */
type Images = { path: string; assetId: string | null }[];

const IMAGES_OF: Partial<Record<JobKind, (result: unknown) => string[]>> = {
  'generate.blog': (r) => [(r as { coverPath: string | null }).coverPath].filter((p): p is string => !!p),
  'generate.social': (r) => [(r as { imagePath: string | null }).imagePath].filter((p): p is string => !!p),
  'director.scene': (r) => {
    const s = r as { path?: string };
    return s.path ? [s.path] : [];
  },
  'photo.fuse': (r) => ((r as { variants?: { path: string }[] }).variants ?? []).map((v) => v.path),
  'photo.makeover': (r) => ((r as { variants?: { path: string }[] }).variants ?? []).map((v) => v.path),
};

export function watchGenerations(jobs: SqliteJobQueue, score: (styleId: string, images: Images, source: string, origin: string) => void): void {
  for (const [kind, imagesOf] of Object.entries(IMAGES_OF) as [JobKind, (r: unknown) => string[]][]) {
    jobs.onSettled(kind, {
      onSuccess: (job, result) => {
        const payload = jobs.jobs.get(job.id)?.payload;
        const styleId = payload ? (JSON.parse(payload) as { style?: { styleId?: string } }).style?.styleId : undefined;
        if (!styleId) return;
        const images = imagesOf(result);
        if (images.length) score(styleId, images.map((p) => ({ path: p, assetId: null })), kind, job.id);
      },
    });
  }
}
