import path from 'node:path';
import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import type { BlogProject, Project, ProjectKind, SceneStyleScore, SocialProject, VideoProject, VideoSceneState } from '../../shared/generate/projects.js';
import {
  blogRequestSchema,
  directorRequestSchema,
  directorScriptSchema,
  socialRequestSchema,
  makesImage,
  type BlogRequestInput,
  type BlogResult,
  type DirectorRequest,
  type DirectorRequestInput,
  type DirectorScript,
  type SceneRender,
  type SocialRequestInput,
  type SocialResult,
} from '../../shared/generate/requests.js';
import type { ComposeJobResult } from '../../shared/jobs/kinds.js';
import type { JobView } from '../../shared/jobs/model.js';
import { costLine, sceneCharges, TEXT_CALLS, textCredits, textModelKey, type Estimate } from '../../shared/pricing.js';
import { blogCost, blogModels, cloudModels, narrationPrices, renderProvider, socialCost, socialModels, videoCost, videoModels, voiceProvider } from './costs.js';
import { runModeOf, type ChoiceProvider, type ChoiceStatus } from '../../shared/providers.js';
import type { TimelineInput } from '../../shared/timeline.js';
import type { EventBus } from '../events.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { DataPaths } from '../paths.js';
import { cutFileName, removeEarlierCuts } from './cuts.js';
import { withSceneScore, type ScenePatch } from './scene-scores.js';
import { backendKeys, choiceKeys, endStatus } from './refusals.js';
import type { CloudBilling } from './cloud-work.js';
import { GenerationBilling } from './billing.js';
import { cutSlug, directorTimeline, sceneHash } from './director-cut.js';
import { ProjectRows, type VideoData } from './project-rows.js';
import type { Store } from '../store/db.js';
import { say } from '../../shared/messages.js';
import type { AppliedStyle, StyleResolver } from '../../shared/style/profile.js';
import type { StyleUnscored } from '../../shared/style/jobs.js';
import type { LibraryService } from '../library/service.js';
import { pickedFile } from '../library/picked.js';

/** Input from the CLI or another caller that skipped the API's validation: a clear BAD_INPUT naming the field. */
function parse<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  throw new StudioError({ code: 'BAD_INPUT', message: `${what}: ${field || 'input'}: ${issue?.message ?? 'invalid'}`, field });
}

/**
 * Blog articles, social posts and Director videos as projects: each one's
 * request, estimate, jobs (holding their credits) and results. The Director
 * keeps scenes as data; rendering reuses every scene whose render still
 * matches it, so changing one scene re-renders only that one.
 */
export class GenerationService {
  /** Resolves a request's `styleId` to the locked style it applies (the Style-Locker, issue 16); set by the studio. */
  private styles: StyleResolver | null = null;

  useStyles(resolve: StyleResolver): void {
    this.styles = resolve;
  }

  /** Where finished work's media become library items (issue 17); set by the studio. */
  private library: LibraryService | null = null;

  useLibrary(library: LibraryService): void {
    this.library = library;
  }

  /** The payload field a request's locked style adds; a style that is not locked (or not there) refuses the work before anything is made. */
  private styleOf(styleId: string | undefined): { style?: AppliedStyle } {
    return styleId && this.styles ? { style: this.styles(styleId) } : {};
  }

  private readonly rows: ProjectRows;
  private readonly billing: GenerationBilling;

  constructor(
    private readonly store: Store,
    private readonly jobs: SqliteJobQueue,
    events: EventBus,
    private readonly paths: DataPaths,
    /** Whether a provider choice can run now (src/main/providers/availability.ts); checked before work is accepted. */
    statusOf: (provider: ChoiceProvider) => Promise<ChoiceStatus> = async (provider) => ({ provider, mode: runModeOf(provider), usable: true, action: null }),
    /** KingJam Cloud: the checks before cloud work, and what the gateway charged a job. */
    cloud: CloudBilling | null = null,
  ) {
    this.rows = new ProjectRows(store, events);
    // Made first so its cloud-charge hooks run before the project hooks below, as they always have.
    this.billing = new GenerationBilling(jobs, events, statusOf, cloud);
    jobs.onSettled('generate.blog', {
      onSuccess: (job, result) => this.finishSimple(job, result),
      onFailure: (job, error) => this.fail(job.projectId, error),
    });
    jobs.onSettled('generate.social', {
      onSuccess: (job, result) => this.finishSimple(job, result),
      onFailure: (job, error) => this.fail(job.projectId, error),
    });
    jobs.onSettled('director.script', {
      onSuccess: (job, result) => this.scriptWritten(job, result as { script: DirectorScript }),
      onFailure: (job, error) => this.fail(job.projectId, error),
    });
    jobs.onSettled('director.scene', {
      onSuccess: (job, result) => this.sceneRendered(job, result as SceneRender),
      onFailure: (job, error) => this.sceneFailed(job, error),
    });
    jobs.onSettled('media.compose', {
      onSuccess: (job, result) => this.composed(job, result as ComposeJobResult),
      onFailure: (job, error) => this.fail(job.projectId, error),
    });
  }

  // ── estimates (shown before anything is spent) ────────────────────────

  estimateBlog(input: BlogRequestInput): Promise<Estimate> {
    const r = parse(blogRequestSchema, input, 'Blog request');
    return this.billing.checked(blogCost(r), blogModels(r));
  }

  estimateSocial(input: SocialRequestInput): Promise<Estimate> {
    const r = parse(socialRequestSchema, input, 'Social post request');
    return this.billing.checked(socialCost(r), socialModels(r));
  }

  estimateVideo(input: DirectorRequestInput): Promise<Estimate> {
    const r = parse(directorRequestSchema, input, 'Video request');
    return this.billing.checked(videoCost(r), videoModels(r, true));
  }

  // ── starting work ─────────────────────────────────────────────────────

  async blog(input: BlogRequestInput): Promise<BlogProject> {
    const request = parse(blogRequestSchema, input, 'Blog request');
    const style = this.styleOf(request.styleId);
    const credits = blogCost(request).total;
    const picked = this.pickedImage(request.cover === 'none' ? undefined : request.imageLibraryId);
    await this.billing.preflight(choiceKeys([request.text, ...(makesImage(request) ? [request.image] : [])]), credits, blogModels(request));
    const id = this.rows.create('blog', request.topic, 'working', request, {});
    await this.enqueueOrDrop(id, () => this.jobs.enqueue('generate.blog', { request, outDir: this.outDir('blog', id), ...style, ...picked }, { projectId: id, estimatedCredits: credits }));
    return this.get(id) as BlogProject;
  }

  async social(input: SocialRequestInput): Promise<SocialProject> {
    const request = parse(socialRequestSchema, input, 'Social post request');
    const style = this.styleOf(request.styleId);
    const credits = socialCost(request).total;
    const picked = this.pickedImage(request.imageQuality === 'none' ? undefined : request.imageLibraryId);
    await this.billing.preflight(choiceKeys([request.text, ...(makesImage(request) ? [request.image] : [])]), credits, socialModels(request));
    const id = this.rows.create('social', `${request.platform}: ${request.topic}`, 'working', request, {});
    await this.enqueueOrDrop(id, () => this.jobs.enqueue('generate.social', { request, outDir: this.outDir('social', id), ...style, ...picked }, { projectId: id, estimatedCredits: credits }));
    return this.get(id) as SocialProject;
  }

  /** The payload field of an image picked from the library: its file, found now so a deleted item is refused before anything is queued. */
  private pickedImage(libraryId: string | undefined): { imageFile?: string } {
    if (!libraryId) return {};
    if (!this.library) throw new StudioError({ code: 'INTERNAL', message: 'The library is not connected to the generators.' });
    return { imageFile: pickedFile(this.library, this.paths.library, libraryId, 'image').file };
  }

  /** Stage 1: the script. The scenes arrive as data the user can edit before rendering. */
  async video(input: DirectorRequestInput): Promise<VideoProject> {
    const request = parse(directorRequestSchema, input, 'Video request');
    const credits = costLine('script', request.text.provider, textCredits(request.text, TEXT_CALLS.script)).credits;
    await this.billing.preflight(choiceKeys([request.text]), credits, cloudModels([{ provider: request.text.provider, models: [textModelKey(request.text.model)] }]));
    const id = this.rows.create('video', request.topic, 'working', request, { script: null, scenes: [], output: null } satisfies VideoData);
    await this.enqueueOrDrop(id, () => this.jobs.enqueue('director.script', { request }, { projectId: id, estimatedCredits: credits }));
    return this.get(id) as VideoProject;
  }

  /** Replaces the scenes (edit, reorder, add, delete): each keeps its render only while it is unchanged. */
  updateScript(projectId: string, script: DirectorScript): VideoProject {
    const parsed = { data: parse(directorScriptSchema, script, 'Scene list') };
    const project = this.rows.video(projectId);
    const { request, data } = project;
    if (project.status === 'rendering' || project.status === 'composing') {
      throw new StudioError({ code: 'CONFLICT', message: 'The video is rendering; wait for it to finish or cancel it before changing scenes.', ...say('project.rendering') });
    }
    const byHash = new Map(data.scenes.filter((s) => s.render).map((s) => [s.renderedHash, s]));
    const scenes = parsed.data.scenes.map((scene): VideoSceneState => {
      const hash = sceneHash(scene, request);
      const previous = byHash.get(hash);
      return previous ? { ...previous, hash } : { hash, status: 'pending', jobId: null, render: null, renderedHash: null, error: null };
    });
    this.rows.save(projectId, { title: parsed.data.title, status: 'scripted', data: { ...data, script: parsed.data, scenes, output: null }, error: null });
    return this.get(projectId) as VideoProject;
  }

  /** Stage 2: renders the scenes that need it (and only those), then composes the video. */
  async render(projectId: string): Promise<VideoProject> {
    const project = this.rows.video(projectId);
    const { request, data } = project;
    if (!data.script) throw new StudioError({ code: 'CONFLICT', message: 'The script is not written yet.', ...say('project.noScript') });
    if (project.status === 'rendering' || project.status === 'composing') return this.get(projectId) as VideoProject;
    const style = this.styleOf(request.styleId);
    const seconds = data.script.scenes.map((s) => s.duration);
    const charges = sceneCharges(request.backend, seconds).map((c) => costLine('', renderProvider(request), c).credits);
    const voice = voiceProvider(request);
    const voicePrices = narrationPrices(request, data.script);
    const todo = data.scenes.map((s, i) => ({ s, i })).filter(({ s }) => !(s.status === 'ready' && s.renderedHash === s.hash));
    const total = todo.reduce((sum, { i }) => sum + charges[i]! + voicePrices[i]!, 0);
    // Refused (no key for the backend, not signed in, no credits) before any scene is queued, so the project stays as it was;
    // the wallet must cover all the scenes at once, so either every scene can be paid for or none is queued.
    if (todo.length) await this.billing.preflight(backendKeys(request.backend, request.renderVia), total, videoModels(request, false));
    const scenes = [...data.scenes];
    this.rows.save(projectId, { status: todo.length ? 'rendering' : 'composing', error: null, data: { ...data, output: null } });
    try {
      for (const { s, i } of todo) {
        const scene = data.script.scenes[i]!;
        const job = await this.jobs.enqueue(
          'director.scene',
          {
            index: i, scene, backend: request.backend, aspect: request.aspect, title: data.script.title, topic: request.topic, tone: request.tone,
            language: request.language, voice, via: request.renderVia, prices: { scene: charges[i]!, voice: voicePrices[i]! }, outDir: path.join(this.outDir('video', projectId), `take-${s.hash}`),
            ...style,
          },
          { projectId, estimatedCredits: charges[i]! + voicePrices[i]! },
        );
        scenes[i] = { ...s, status: 'rendering', jobId: job.id, error: null };
        this.rows.save(projectId, { data: { ...this.rows.video(projectId).data, scenes } });
      }
    } catch (err) {
      // Scenes already queued keep running; the ones not queued stay pending, and the user sees why.
      const info = err instanceof StudioError ? err.toInfo() : { code: 'INTERNAL' as const, message: String(err) };
      this.rows.save(projectId, { status: scenes.some((x) => x.status === 'rendering') ? 'rendering' : 'failed', error: info, data: { ...this.rows.video(projectId).data, scenes } });
      throw err;
    }
    if (todo.length === 0) this.store.transaction(() => this.composeIfReady(projectId));
    return this.get(projectId) as VideoProject;
  }

  // ── reading ───────────────────────────────────────────────────────────

  list(kind?: ProjectKind, limit = 50): Project[] {
    return this.rows.list(kind, limit);
  }

  get(id: string): Project {
    return this.rows.get(id);
  }

  /** Resolves once the charges of the cloud jobs that have ended are recorded (the CLI waits for it before it exits). */
  async chargesRecorded(): Promise<void> {
    await this.billing.recorded();
  }

  // ── job hooks (each inside the transaction that settles its job) ─────

  private finishSimple(job: JobView, result: unknown): void {
    if (!job.projectId) return;
    const r = result as BlogResult | SocialResult;
    const output = { sourceJobId: job.id, projectId: job.projectId, origin: 'generated' as const };
    if ('coverPath' in r) this.library?.addOutputs([r.coverPath], { ...output, retentionClass: 'blogImage' });
    else this.library?.addOutputs([r.imagePath], { ...output, retentionClass: 'socialImage' });
    this.rows.save(job.projectId, { status: 'ready', error: null, data: { result: r }, ...('title' in r ? { title: r.title } : {}) });
  }

  private fail(projectId: string | null, error: ErrorInfo): void {
    if (!projectId || !this.rows.exists(projectId)) return;
    this.rows.save(projectId, { status: endStatus(error), error });
  }

  private scriptWritten(job: JobView, result: { script: DirectorScript }): void {
    if (!job.projectId) return;
    const project = this.rows.video(job.projectId);
    const scenes = result.script.scenes.map((scene): VideoSceneState => ({ hash: sceneHash(scene, project.request), status: 'pending', jobId: null, render: null, renderedHash: null, error: null }));
    this.rows.save(job.projectId, { title: result.script.title, status: 'scripted', error: null, data: { script: result.script, scenes, output: null } });
  }

  private sceneRendered(job: JobView, render: SceneRender): void {
    if (!job.projectId || !this.rows.exists(job.projectId)) return;
    const { data } = this.rows.video(job.projectId);
    const scenes = data.scenes.map((s) => (s.jobId === job.id ? { ...s, status: 'ready' as const, render, renderedHash: s.hash, error: null, styleScore: null, styleUnscored: null } : s));
    // The last scene to settle ends the render: composed when all are ready, else failed or canceled as its other scenes were.
    const ended = !scenes.some((s) => s.status === 'rendering') && !scenes.every((s) => s.status === 'ready');
    this.rows.save(job.projectId, { data: { ...data, scenes }, ...(ended ? { status: scenes.some((s) => s.status === 'failed') ? 'failed' : 'canceled' } : {}) });
    this.composeIfReady(job.projectId);
  }

  /** A scene's render scored against the video's locked style (the Style-Locker calls this as it stores the score). */
  sceneScored(sceneJobId: string, score: SceneStyleScore & { path: string }): void {
    const { path: file, ...styleScore } = score;
    this.fileSceneScore(sceneJobId, [file], { styleScore, styleUnscored: null });
  }

  /** A scene's render that could not be scored (a clip ffmpeg cannot decode): the scene stays ready and keeps the reason; nothing waits on it. */
  sceneUnscored(sceneJobId: string, { styleId, paths, error }: StyleUnscored): void {
    this.fileSceneScore(sceneJobId, paths, { styleScore: null, styleUnscored: { styleId, error } });
  }

  private fileSceneScore(sceneJobId: string, paths: string[], patch: ScenePatch): void {
    // Every generation's scores come here; only a scene job's belong to a scene.
    const job = this.jobs.jobs.get(sceneJobId);
    const projectId = job?.kind === 'director.scene' ? job.project_id : null;
    if (!projectId || !this.rows.exists(projectId)) return;
    const { data } = this.rows.video(projectId);
    const scenes = withSceneScore(data.scenes, sceneJobId, paths, patch);
    if (scenes) this.rows.save(projectId, { data: { ...data, scenes } });
  }

  private sceneFailed(job: JobView, error: ErrorInfo): void {
    if (!job.projectId || !this.rows.exists(job.projectId)) return;
    const { data } = this.rows.video(job.projectId);
    // A canceled scene did not fail: it waits to be rendered again.
    const canceled = endStatus(error) === 'canceled';
    const scenes = data.scenes.map((s) => (s.jobId === job.id ? { ...s, status: canceled ? ('pending' as const) : ('failed' as const), error: canceled ? null : error.message } : s));
    const stillRendering = scenes.some((s) => s.status === 'rendering');
    this.rows.save(job.projectId, { data: { ...data, scenes }, status: stillRendering ? 'rendering' : endStatus(error), error });
  }

  private composeIfReady(projectId: string): void {
    const project = this.rows.video(projectId);
    const { data, request } = project;
    if (!data.script || !data.scenes.every((s) => s.status === 'ready' && s.render)) return;
    const timeline = this.timelineOf(request, data.script, data.scenes.map((s) => s.render!));
    const job = this.jobs.enqueueNow(
      'media.compose',
      { timeline, baseDir: this.outDir('video', projectId), out: path.join(this.outDir('video', projectId), cutFileName(cutSlug(data.script.title, projectId), timeline)) },
      { projectId },
    );
    this.rows.save(projectId, { status: 'composing', data: { ...data, output: null, composeJobId: job.id } });
  }

  private composed(job: JobView, result: ComposeJobResult): void {
    if (!job.projectId || !this.rows.exists(job.projectId)) return;
    const { data } = this.rows.video(job.projectId);
    this.rows.save(job.projectId, { status: 'ready', error: null, data: { ...data, output: result } });
    // The cut and its poster became library items in the timeline's hook (every media.compose job's do);
    // the earlier cuts' files go, and their library items with them, unless the user starred one.
    const dir = this.outDir('video', job.projectId);
    removeEarlierCuts(dir, result, this.library?.dropSuperseded(job.projectId, job.id, dir) ?? []);
  }

  /** The Director's scenes as a media-engine timeline: clips or animated stills, captions, voice-over, ducked music. */
  timelineOf(request: DirectorRequest, script: DirectorScript, renders: SceneRender[]): TimelineInput {
    return directorTimeline(request, script, renders);
  }

  // ── output folders and queueing ───────────────────────────────────────

  private outDir(kind: ProjectKind, id: string): string {
    return path.join(this.paths.outputs, kind, id);
  }

  private async enqueueOrDrop(projectId: string, enqueue: () => Promise<JobView>): Promise<void> {
    try {
      await enqueue();
    } catch (err) {
      // Refused after all (the credits went elsewhere in between): nothing ran and nothing was held, so no project is kept.
      this.rows.delete(projectId);
      throw err;
    }
  }
}

