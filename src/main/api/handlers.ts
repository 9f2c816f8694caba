import type { CallName, CallOutput, CallParsedInput } from '../../shared/api/contract.js';
import { StudioError } from '../../shared/errors.js';
import { testProvider } from '../providers/model-check.js';
import { openableLibraryFile } from '../library/media-path.js';
import type { Studio } from '../studio.js';
import { partnerHandlers } from './partner-handlers.js';
import { signupHandlers } from './signup-handlers.js';
import { choicesHandlers } from './choices-handlers.js';
import { publishHandlers } from './publish-handlers.js';
import { kolHandlers } from './kol-handlers.js';
import { kolBatchHandlers } from './kol-batch-handlers.js';
import { kolRulesHandlers } from './kol-rules-handlers.js';
import { kolTrigHandlers } from './kol-trig-handlers.js';
import { kolLearnHandlers } from './kol-learn-handlers.js';
import { photoHandlers } from './photo-handlers.js';
import { characterHandlers } from './character-handlers.js';
import { styleHandlers } from './style-handlers.js';
import { inkHandlers } from './ink-handlers.js';
import { meshHandlers } from './mesh-handlers.js';
import { lifecycleHandlers } from './lifecycle-handlers.js';
import { boxesHandlers } from './boxes-handlers.js';
import { say } from '../../shared/messages.js';

export type Handlers = { [N in CallName]: (input: CallParsedInput<N>) => Promise<CallOutput<N>> | CallOutput<N> };

/** One handler per contract entry; the type forces completeness and test/api.test.ts checks it at run time. */
/** What only the desktop shell can do, handed in by src/main/electron. */
export interface DesktopHooks {
  /** An http(s) link, in the system browser. */
  openExternal(url: string): Promise<void>;
  /** A file already checked to be inside the media library and of a kind that opens as a document. */
  openPath(file: string): Promise<void>;
}

export function createHandlers(studio: Studio, shell: 'electron' | 'web', desktop?: DesktopHooks): Handlers {
  const { jobs, library } = studio;
  return {
    'app.info': () => ({
      version: studio.version,
      dataDir: studio.paths.home,
      libraryDir: studio.paths.library,
      platform: process.platform,
      shell,
    }),
    'settings.get': () => studio.settings(),
    'settings.update': (patch) => studio.updateSettings(patch),
    'dashboard.summary': async () => {
      const [running, queued, counts] = await Promise.all([
        jobs.list({ status: 'running', limit: 50 }),
        jobs.list({ status: 'queued', limit: 50 }),
        jobs.counts(),
      ]);
      return {
        running: running.items,
        queued: queued.items,
        recentOutputs: library.recent(12),
        library: library.stats(),
        counts,
      };
    },
    'jobs.list': (input) => jobs.list(input),
    'jobs.get': async ({ id }) => {
      const job = await jobs.get(id);
      if (!job) throw new StudioError({ code: 'NOT_FOUND', message: `There is no job ${id}.`, ...say('job.notFound') });
      return job;
    },
    'jobs.retry': ({ id }) => jobs.retry(id),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'library.list': (input) => library.list(input),
    'library.get': ({ id }) => library.get(id),
    'library.import': ({ paths }) => library.import(paths, studio.files),
    'library.outputsOf': ({ jobId }) => library.outputsOf(jobId),
    'library.delete': async ({ ids }) => ({ deleted: await library.delete(ids) }),
    'account.get': () => studio.sync.view(),
    'account.login': (input) => studio.sync.login(input),
    'account.logout': () => studio.sync.logout(),
    'wallet.get': () => studio.sync.wallet(),
    'wallet.refresh': () => studio.sync.refreshBalance(),
    'wallet.sync': async () => {
      await studio.sync.sync();
      return studio.sync.wallet();
    },
    'wallet.history': ({ cursor }) => studio.sync.history(cursor),
    'wallet.offers': () => studio.sync.offers(),
    'wallet.checkout': (item) => studio.sync.checkout(item),
    'generate.estimate': (input) =>
      input.kind === 'blog'
        ? studio.generate.estimateBlog(input.request)
        : input.kind === 'social'
          ? studio.generate.estimateSocial(input.request)
          : studio.generate.estimateVideo(input.request),
    'generate.blog': ({ request }) => studio.generate.blog(request),
    'generate.social': ({ request }) => studio.generate.social(request),
    'generate.video': ({ request }) => studio.generate.video(request),
    'video.updateScript': ({ id, script }) => studio.generate.updateScript(id, script),
    'video.render': ({ id }) => studio.generate.render(id),
    'projects.list': ({ kind, limit }) => studio.generate.list(kind, limit),
    'projects.get': ({ id }) => studio.generate.get(id),
    'providers.status': () => studio.providers.status(),
    'providers.setKey': async ({ provider, key }) => {
      await studio.providers.setKey(provider, key);
      return studio.providers.status();
    },
    'providers.setUrl': ({ provider, url }) => {
      studio.providers.setUrl(provider, url);
      return studio.providers.status();
    },
    'providers.setComfyWorkflow': ({ kind, workflow, name }) => {
      studio.providers.setComfyWorkflow(kind, workflow, name);
      return studio.providers.status();
    },
    'providers.test': ({ provider }) => testProvider(jobs, studio.providers, provider),
    'system.open': async (target) => {
      if (!desktop) return { opened: false };
      if (target.kind === 'url') await desktop.openExternal(target.url);
      else await desktop.openPath(openableLibraryFile(studio.paths.library, target.path));
      return { opened: true };
    },
    'timeline.open': ({ path }) => studio.timelines.open(path, studio.files),
    'timeline.render': ({ path, quality }) => studio.timelines.render(path, quality, studio.files),
    ...partnerHandlers(studio),
    ...signupHandlers(studio),
    ...choicesHandlers(studio),
    ...publishHandlers(studio),
    ...kolHandlers(studio),
    ...kolBatchHandlers(studio),
    ...kolRulesHandlers(studio),
    ...kolTrigHandlers(studio),
    ...kolLearnHandlers(studio),
    ...photoHandlers(studio),
    ...characterHandlers(studio),
    ...styleHandlers(studio),
    ...inkHandlers(studio),
    ...meshHandlers(studio),
    ...lifecycleHandlers(studio),
    ...boxesHandlers(studio),
  };
}
