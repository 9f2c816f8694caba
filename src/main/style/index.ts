import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { PathScope } from '../client-files.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { JobView } from '../../shared/jobs/model.js';
import type { GenerationProvider } from '../../shared/generate/requests.js';
import {
  carriersSchema,
  DEFAULT_CARRIERS,
  STYLE_LIMITS,
  type AppliedStyle,
  type SeedPolicy,
  type StyleCarriersInput,
  type StyleProfileView,
  type StyleScoreView,
} from '../../shared/style/profile.js';
import type { StyleExtractResult, StyleScoreJobResult, StyleUnscored } from '../../shared/style/jobs.js';
import { keepCopies, resolveImages, type ImageChoice } from './references.js';
import { StyleStore, type ProfilePatch } from './store.js';
import { watchGenerations } from './watch.js';

export interface CreateStyleInput extends ImageChoice {
  name: string;
  writer?: GenerationProvider;
  seedPolicy?: SeedPolicy;
  carriers?: StyleCarriersInput;
}

export interface UpdateStyleInput {
  name?: string | undefined;
  promptFragment?: string | undefined;
  negativePrompt?: string | undefined;
  seedPolicy?: SeedPolicy | undefined;
  carriers?: StyleCarriersInput | undefined;
}

/** Style area of the Creator Hub (issue 16): the Style-Locker: style profiles, extraction, scores, and applying a locked style to generations. */
export function createStyleArea(deps: CreatorHubDeps) {
  const store = new StyleStore(deps.store);
  const changed = (id: string) => deps.events.emit('style.updated', { id });
  /** Told each score of a generation's image, in the score job's settle transaction (the Director files it with its scene). */
  const scoredListeners: ((originJobId: string, score: StyleScoreView) => void)[] = [];
  /** Told when a generation's images could not be scored (a clip ffmpeg cannot decode): the reason is filed instead of a score. */
  const unscoredListeners: ((originJobId: string, unscored: StyleUnscored) => void)[] = [];

  const must = (id: string): StyleProfileView => {
    const p = store.get(id);
    if (!p) throw new StudioError({ code: 'NOT_FOUND', message: `There is no style ${id}.`, ...say('style.notFound', { id }) });
    return p;
  };
  const ready = (p: StyleProfileView): NonNullable<StyleProfileView['features']> => {
    if (p.status !== 'ready' || !p.features) throw new StudioError({ code: 'CONFLICT', message: `The style "${p.name}" has no measured features yet.`, ...say('style.notReady', { name: p.name }) });
    return p.features;
  };

  deps.jobs.onSettled('style.extract', {
    onSuccess: (job, result) => {
      const id = store.byJob(job.id);
      if (!id) return;
      const r = result as StyleExtractResult;
      store.extracted(id, r.features, r.writing, deps.now());
      changed(id);
    },
    onFailure: (job, error) => {
      const id = store.byJob(job.id);
      if (!id) return;
      store.failed(id, error, deps.now());
      changed(id);
    },
  });

  /** Queues a score of images against a style; the scores are stored when the job succeeds (in its transaction). */
  const enqueueScore = (p: StyleProfileView, images: { path: string; assetId: string | null }[], source: string, origin?: string): JobView => {
    const f = ready(p);
    return deps.jobs.enqueueNow('style.score', {
      images: images.map((i) => i.path),
      assetIds: images.map((i) => i.assetId),
      reference: { palette: f.palette, lines: f.lines, hashes: f.images.map((i) => i.phash) },
      styleId: p.id,
      source,
      ...(origin ? { origin } : {}),
    });
  };

  deps.jobs.onSettled('style.score', {
    onSuccess: (job, result) => {
      const payload = deps.jobs.jobs.get(job.id)?.payload;
      const p = payload ? (JSON.parse(payload) as { styleId: string; source: string; assetIds: (string | null)[]; origin?: string }) : null;
      if (!p || !store.get(p.styleId)) return;
      (result as StyleScoreJobResult).scores.forEach((s, i) => {
        const row = { id: randomUUID(), styleId: p.styleId, path: s.path, assetId: p.assetIds[i] ?? null, score: s, source: p.source, jobId: job.id, at: deps.now() };
        store.addScore(row);
        const origin = p.origin;
        if (origin) {
          const view: StyleScoreView = { id: row.id, styleId: row.styleId, path: row.path, assetId: row.assetId, score: s.score, parts: s.parts, distances: s.distances, drift: s.drift, source: row.source, at: row.at, ...(s.frames ? { frames: s.frames } : {}), ...(s.meanScore !== undefined ? { meanScore: s.meanScore } : {}) };
          for (const listener of scoredListeners) listener(origin, view);
        }
      });
      changed(p.styleId);
    },
    // A score that cannot be made is no reason to hold anything up: the generation keeps its output and says why it has no score.
    onFailure: (job, error) => {
      if (error.code === 'CANCELED') return;
      const payload = deps.jobs.jobs.get(job.id)?.payload;
      const p = payload ? (JSON.parse(payload) as { styleId: string; images: string[]; origin?: string }) : null;
      if (!p?.origin) return;
      for (const listener of unscoredListeners) listener(p.origin, { styleId: p.styleId, paths: p.images, error });
    },
  });

  const area = {
    /** Copies the references under the style's folder and queues their extraction; the profile is 'extracting' until it settles. */
    async create(input: CreateStyleInput, scope: PathScope): Promise<StyleProfileView> {
      const refs = await resolveImages(input, deps.library, deps.paths.library, scope);
      if (refs.length < STYLE_LIMITS.minImages || refs.length > STYLE_LIMITS.maxImages) {
        throw new StudioError({
          code: 'BAD_INPUT',
          message: `A style is extracted from ${STYLE_LIMITS.minImages}–${STYLE_LIMITS.maxImages} reference images; ${refs.length} were given.`,
          ...say('style.imageCount', { count: refs.length, min: STYLE_LIMITS.minImages, max: STYLE_LIMITS.maxImages }),
        });
      }
      const id = randomUUID();
      const kept = keepCopies(refs, path.join(deps.paths.library, 'styles', id));
      const language = deps.settings().language;
      const writer = input.writer ?? 'offline';
      const name = input.name.trim().slice(0, STYLE_LIMITS.nameChars) || 'Style';
      deps.store.transaction(() => {
        store.insert({ id, name, references: kept, seedPolicy: input.seedPolicy ?? { mode: 'random' }, carriers: carriersSchema.parse(input.carriers ?? DEFAULT_CARRIERS), language, writer, at: deps.now() });
        const job = deps.jobs.enqueueNow('style.extract', { images: kept.map((r) => r.path), name, language, writer }, { projectId: id });
        store.setJob(id, job.id);
      });
      changed(id);
      return must(id);
    },

    list: (): StyleProfileView[] => store.list(),
    get: (id: string): StyleProfileView => must(id),

    /** Edits the fragment, negative prompt, seed policy, carriers or name; a locked style must be unlocked first. */
    update(id: string, patch: UpdateStyleInput): StyleProfileView {
      const p = must(id);
      if (p.locked) throw new StudioError({ code: 'CONFLICT', message: `The style "${p.name}" is locked.`, ...say('style.locked', { name: p.name }) });
      const clean: ProfilePatch = {};
      if (patch.name !== undefined) clean.name = patch.name.trim().slice(0, STYLE_LIMITS.nameChars);
      if (patch.promptFragment !== undefined) clean.promptFragment = patch.promptFragment.trim();
      if (patch.negativePrompt !== undefined) clean.negativePrompt = patch.negativePrompt.trim();
      if (patch.seedPolicy !== undefined) clean.seedPolicy = patch.seedPolicy;
      if (patch.carriers !== undefined) clean.carriers = carriersSchema.parse({ ...p.carriers, ...patch.carriers });
      store.update(id, clean, deps.now());
      changed(id);
      return must(id);
    },

    lock(id: string): StyleProfileView {
      ready(must(id));
      store.update(id, { locked: true }, deps.now());
      changed(id);
      return must(id);
    },

    unlock(id: string): StyleProfileView {
      must(id);
      store.update(id, { locked: false }, deps.now());
      changed(id);
      return must(id);
    },

    delete(id: string): { deleted: boolean } {
      must(id);
      const deleted = store.delete(id);
      fs.rmSync(path.join(deps.paths.library, 'styles', id), { recursive: true, force: true });
      changed(id);
      return { deleted };
    },

    /** Scores images (library assets or files) against a style; answers with the queued job. */
    async score(id: string, choice: ImageChoice, scope: PathScope): Promise<JobView> {
      const p = must(id);
      const images = await resolveImages(choice, deps.library, deps.paths.library, scope);
      return enqueueScore(p, images, 'manual');
    },

    /** One file scored against a style (the character helper's variants, the CLI). */
    scoreImage(styleId: string, file: string, source = 'manual'): JobView {
      return enqueueScore(must(styleId), [{ path: file, assetId: null }], source);
    },

    scores: (id: string, limit = 50): StyleScoreView[] => (must(id), store.scores(id, limit)),

    /** Calls `listener` with each score of an image a generation made (its job id first), as the score is stored. */
    onScored(listener: (originJobId: string, score: StyleScoreView) => void): void {
      scoredListeners.push(listener);
    },
    /** Calls `listener` when the score job of a generation's images failed (its job id first), with the reason. */
    onUnscored(listener: (originJobId: string, unscored: StyleUnscored) => void): void {
      unscoredListeners.push(listener);
    },
    scoresOfJob: (jobId: string): StyleScoreView[] => store.scoresOfJob(jobId),

    /**
     * What a generation naming this style receives: the fragment, the
     * negative prompt, the seed (null: random), the references for the
     * backends that take them, and the ComfyUI LoRA / IP-Adapter. Only a
     * locked, extracted style is applied — an unlocked one may still change.
     */
    resolveLocked(styleId: string): AppliedStyle {
      const p = must(styleId);
      ready(p);
      if (!p.locked) throw new StudioError({ code: 'CONFLICT', message: `The style "${p.name}" is not locked.`, ...say('style.notLocked', { name: p.name }) });
      const refs = p.carriers.gemini.referenceImages || p.carriers.seedream.referenceImages ? p.references.map((r) => r.path) : [];
      const first = p.references[0]?.path;
      return {
        styleId: p.id,
        name: p.name,
        promptFragment: p.promptFragment,
        negativePrompt: p.negativePrompt,
        seed: p.seedPolicy.mode === 'fixed' ? p.seedPolicy.seed : null,
        referencePaths: refs,
        comfy: {
          ...(p.carriers.comfyui.lora ? { lora: p.carriers.comfyui.lora } : {}),
          ...(p.carriers.comfyui.ipAdapter && first ? { ipAdapter: { ...p.carriers.comfyui.ipAdapter, image: first } } : {}),
        },
      };
    },
  };

  watchGenerations(deps.jobs, (styleId, images, source, origin) => {
    const p = store.get(styleId);
    if (p?.status === 'ready') enqueueScore(p, images, source, origin);
  });

  return area;
}

export type StyleArea = ReturnType<typeof createStyleArea>;
