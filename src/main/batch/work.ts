import path from 'node:path';
import type { PhotoRunView } from '../../shared/api/photo-contract.js';
import { StudioError } from '../../shared/errors.js';
import type { BlogProject, SocialProject, VideoProject } from '../../shared/generate/projects.js';
import type { ComposeJobResult, MotionJobResult } from '../../shared/jobs/kinds.js';
import type { JobView } from '../../shared/jobs/model.js';
import type { PhotoCheckResult } from '../../shared/photo/check.js';
import { say } from '../../shared/messages.js';
import { ANY_PATH } from '../client-files.js';
import { followProject } from '../cli/commands/generate.js';
import { endedWithout, WorkFailed } from '../cli/exit-code.js';
import type { JobQueue } from '../jobs/queue.js';
import { blockingProblems } from '../photo/requests.js';
import type { Studio } from '../studio.js';
import type { Work } from './plan.js';
import { pictureLibraryId } from './resolve.js';
import type { WorkHandle } from './state.js';

/**
 * Starting and following an item's work through the studio's own services —
 * the same calls `kingjam generate`, `compose`, `motion`, `photo fuse` and
 * the outbox make — and only through the `JobQueue` interface, so a batch
 * runs the same on the SQLite queue and on a farm's.
 */

/** A file an item made: copied from where its service wrote it, or written from text (a post's captions). */
export type MadeFile = { suffix: string; jobId: string | null } & ({ from: string } | { text: string; ext: string });

export interface WorkResult {
  files: MadeFile[];
  jobIds: string[];
  /** Credits its jobs were charged (what the gateway captured for cloud work). */
  credits: number;
}

const queueOf = (studio: Studio): JobQueue => studio.jobs;

/** Where compose and motion renders are written before they are copied out (one folder per item and input hash). */
function renderDir(studio: Studio, hash: string): string {
  return path.join(studio.paths.outputs, 'batch', hash.slice(0, 16));
}

/** Starts an item's work and returns what to follow. */
export async function startWork(studio: Studio, work: Work, name: string, hash: string): Promise<WorkHandle> {
  const queue = queueOf(studio);
  switch (work.kind) {
    case 'blog': return { project: (await studio.generate.blog(work.image ? { ...work.request, imageLibraryId: await pictureLibraryId(studio, work.image) } : work.request)).id };
    case 'social': return { project: (await studio.generate.social(work.image ? { ...work.request, imageLibraryId: await pictureLibraryId(studio, work.image) } : work.request)).id };
    case 'video': return { project: (await studio.generate.video(work.request)).id };
    case 'compose': {
      const job = await queue.enqueue('media.compose', { timeline: work.timeline, baseDir: work.baseDir, out: path.join(renderDir(studio, hash), `${name}.mp4`) });
      return { job: job.id };
    }
    case 'motion': {
      const job = await queue.enqueue('media.motion', { image: work.image, effect: work.effect, seconds: work.seconds, out: path.join(renderDir(studio, hash), `${name}.mp4`), livePhoto: work.livePhoto });
      return { job: job.id };
    }
    case 'photo-fuse': {
      const uploads = [];
      for (const file of work.photos) {
        // Naming the photos in one's own job file stands for the page's consent box, as typing them into `kingjam photo fuse` does.
        const u = await studio.photo.uploads.upload(file, true, ANY_PATH, 'person');
        const check: PhotoCheckResult = { ok: u.status === 'passed', normalised: '', width: u.width ?? 0, height: u.height ?? 0, bytes: 0, faces: u.faces, sharpness: u.sharpness ?? 0, issues: u.issues };
        const blocking = u.error ? [u.error.message] : blockingProblems('fuse', check);
        if (blocking.length) {
          throw new StudioError({ code: 'BAD_INPUT', message: `${path.basename(file)}: ${blocking.join(', ')}`, hint: 'See docs/photo.md for what a photo needs.', ...say('batch.photoRefused', { name: path.basename(file), problems: blocking.join(', ') }) });
        }
        uploads.push(u.id);
      }
      const run = await studio.photo.runs.fuse({ uploads, background: work.background, backend: work.backend, via: work.via, tier: work.tier, consent: true }, ANY_PATH);
      return { photoRun: run.id };
    }
    case 'publish': {
      const posts = await studio.publishing.service.create({ accountIds: work.accountIds, content: work.content, perPlatform: {}, action: work.at === null ? 'now' : 'schedule', scheduledAt: work.at });
      return { posts: posts.map((p) => p.id) };
    }
  }
}

/**
 * Before a publish item is done again (its text, media, accounts or time
 * changed, or it failed and is retried), the posts its last run put in the
 * outbox are withdrawn, so a job file edited and run again never posts twice.
 * When one of them already went out (or is going out), the item fails instead
 * and nothing new is made.
 */
export async function withdrawEarlierPosts(studio: Studio, earlier: WorkHandle | null | undefined): Promise<void> {
  if (!earlier || !('posts' in earlier)) return;
  const posts = earlier.posts.flatMap((id) => {
    try {
      return [studio.publishing.service.get(id)];
    } catch {
      return []; // Deleted since: nothing left to withdraw.
    }
  });
  const out = posts.filter((p) => p.state === 'published' || p.state === 'publishing');
  if (out.length > 0) {
    throw new StudioError({
      code: 'CONFLICT',
      message: `${out.length} post(s) this item made on an earlier run already went out; doing it again would post twice.`,
      hint: 'To post again, give the item a new id; to change what is out, edit it on the platform.',
      ...say('batch.publishedBefore', { count: out.length }),
    });
  }
  for (const p of posts) if (p.state === 'draft' || p.state === 'scheduled' || p.state === 'failed') await studio.publishing.service.cancel(p.id);
}

/** Whether a job belongs to the work (for its progress bar). */
export function ownsJob(studio: Studio, handle: WorkHandle, jobId: string): boolean {
  if ('job' in handle) return handle.job === jobId;
  if ('project' in handle) return studio.generate.get(handle.project).jobIds.includes(jobId);
  if ('photoRun' in handle) return studio.photo.runs.get(handle.photoRun).jobId === jobId;
  return false;
}

/** The jobs a handle's work has queued so far (recorded for items cut off or failed, so a rerun's manifest shows they were followed). */
export function jobIdsOf(studio: Studio, handle: WorkHandle | null): string[] {
  if (!handle) return [];
  try {
    if ('job' in handle) return [handle.job];
    if ('project' in handle) return studio.generate.get(handle.project).jobIds;
    if ('photoRun' in handle) return [studio.photo.runs.get(handle.photoRun).jobId].filter((j): j is string => j !== null);
  } catch {
    // Gone (deleted by hand): nothing to show.
  }
  return [];
}

/** Whether the work a handle names can still be followed (a rerun adopts it) rather than having ended badly. */
export async function isAlive(studio: Studio, handle: WorkHandle): Promise<boolean> {
  try {
    if ('job' in handle) {
      const job = await queueOf(studio).get(handle.job);
      return job !== null && job.status !== 'failed' && job.status !== 'canceled';
    }
    if ('project' in handle) return !['failed', 'canceled'].includes(studio.generate.get(handle.project).status);
    if ('photoRun' in handle) return !['failed', 'canceled'].includes(studio.photo.runs.get(handle.photoRun).status);
    return true;
  } catch {
    return false;
  }
}

async function jobCredits(studio: Studio, ids: string[]): Promise<number> {
  await studio.generate.chargesRecorded();
  let credits = 0;
  for (const id of ids) credits += (await queueOf(studio).get(id))?.actualCredits ?? 0;
  return credits;
}

async function waitJob(studio: Studio, id: string): Promise<JobView> {
  const done = await queueOf(studio).waitFor(id);
  if (done.status !== 'succeeded') throw new WorkFailed(done.error ?? endedWithout(done.status, 'job'));
  return done;
}

/** Waits for an item's work to end; its files, jobs and credits, or a WorkFailed with the reason. */
export async function followWork(studio: Studio, work: Work, handle: WorkHandle): Promise<WorkResult> {
  if ('project' in handle) {
    const id = handle.project;
    if (work.kind === 'video') {
      let p = await followProject<VideoProject>(studio, id, '', (x) => x.status === 'scripted' || x.status === 'ready' || x.status === 'rendering' || x.status === 'composing', true);
      if (p.status === 'scripted') await studio.generate.render(id);
      p = await followProject<VideoProject>(studio, id, '', (x) => x.status === 'ready' && x.output !== null, true);
      const compose = p.composeJobId;
      const files: MadeFile[] = [
        { from: p.output!.output, suffix: '', jobId: compose },
        { from: p.output!.poster, suffix: '-poster', jobId: compose },
        ...(p.output!.srt ? [{ from: p.output!.srt, suffix: '', jobId: compose }] : []),
      ];
      return { files, jobIds: p.jobIds, credits: await jobCredits(studio, p.jobIds) };
    }
    const p = await followProject<BlogProject | SocialProject>(studio, id, '', (x) => x.status === 'ready', true);
    const jobId = p.jobIds.at(-1) ?? null;
    let files: MadeFile[];
    if (p.kind === 'blog') {
      const r = p.result!;
      files = [{ from: r.markdownPath, suffix: '', jobId }, { from: r.htmlPath, suffix: '', jobId }, ...(r.coverPath ? [{ from: r.coverPath, suffix: '-cover', jobId }] : [])];
    } else {
      const r = p.result!;
      // The captions are the post: kept beside its picture as JSON (three variants, their hashtags and lengths).
      files = [{ text: `${JSON.stringify({ platform: r.platform, variants: r.variants, draft: r.draft }, null, 2)}\n`, ext: '.json', suffix: '', jobId }, ...(r.imagePath ? [{ from: r.imagePath, suffix: '', jobId }] : [])];
    }
    return { files, jobIds: p.jobIds, credits: await jobCredits(studio, p.jobIds) };
  }
  if ('job' in handle) {
    const done = await waitJob(studio, handle.job);
    if (work.kind === 'compose') {
      const r = done.result as ComposeJobResult;
      return { files: [{ from: r.output, suffix: '', jobId: done.id }, { from: r.poster, suffix: '-poster', jobId: done.id }, ...(r.srt ? [{ from: r.srt, suffix: '', jobId: done.id }] : [])], jobIds: [done.id], credits: done.actualCredits ?? 0 };
    }
    const r = done.result as MotionJobResult;
    const live = r.livePhoto ? [{ from: r.livePhoto.jpeg, suffix: '-live', jobId: done.id }, { from: r.livePhoto.mov, suffix: '-live', jobId: done.id }] : [];
    return { files: [{ from: r.output, suffix: '', jobId: done.id }, ...live], jobIds: [done.id], credits: done.actualCredits ?? 0 };
  }
  if ('photoRun' in handle) {
    const run0 = studio.photo.runs.get(handle.photoRun);
    if (run0.jobId) await queueOf(studio).waitFor(run0.jobId);
    const run: PhotoRunView = studio.photo.runs.get(handle.photoRun);
    if (run.status !== 'succeeded' || run.variants.length === 0) throw new WorkFailed(run.error ?? endedWithout(run.status, 'photo run'));
    const files: MadeFile[] = run.variants.map((v, i) => ({
      from: path.isAbsolute(v.file) ? v.file : path.join(studio.paths.library, v.file),
      suffix: run.variants.length > 1 ? `-${i + 1}` : '',
      jobId: run.jobId,
    }));
    const jobIds = run.jobId ? [run.jobId] : [];
    return { files, jobIds, credits: await jobCredits(studio, jobIds) };
  }
  // Posts are in the outbox: the scheduler publishes them when due, wherever the engine runs (docs/batch.md).
  const posts = handle.posts.map((id) => studio.publishing.service.get(id));
  const summary = posts.map((p) => ({ id: p.id, accountId: p.accountId, platform: p.platform, state: p.state, scheduledAt: p.scheduledAt }));
  return { files: [{ text: `${JSON.stringify({ posts: summary }, null, 2)}\n`, ext: '.json', suffix: '-posts', jobId: null }], jobIds: [], credits: 0 };
}
