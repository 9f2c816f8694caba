import { z } from 'zod';
import { choicesCalls } from './choices-contract.js';
import { COMFY_WORKFLOW_KINDS, COMFY_WORKFLOW_MAX_CHARS } from '../comfy-workflow.js';
import type { ErrorInfo } from '../errors.js';
import { JOB_STATUSES, type JobProgressEvent, type JobView } from '../jobs/model.js';
import { ASSET_SORTS, type AssetPage, type AssetView, type ImportOutcome, type LibraryStats } from '../library.js';
import { mediaKindSchema } from '../jobs/kinds.js';
import { settingsPatchSchema, type Settings } from '../settings.js';
import { QUALITIES, type Timeline } from '../timeline.js';
import type { AccountView, PlanOffer, WalletEntry, WalletView } from '../wallet.js';
import type { Estimate } from '../pricing.js';
import type { ConnectionCheck, ProviderStatus } from '../providers.js';
import type { BlogProject, Project, SocialProject, VideoProject } from '../generate/projects.js';
import { blogRequestSchema, directorRequestSchema, directorScriptSchema, socialRequestSchema } from '../generate/requests.js';
import type { OAuthCompleted } from '../partners.js';
import { partnerCalls } from './partners-contract.js';
import { boxesCalls } from './boxes-contract.js';
import { signupCalls } from './signup-contract.js';
import { publishCalls } from './publish-contract.js';
import { kolCalls } from './kol-contract.js';
import { kolBatchCalls } from './kol-batch-contract.js';
import { kolRulesCalls } from './kol-rules-contract.js';
import { kolTrigCalls } from './kol-trig-contract.js';
import { kolLearnCalls } from './kol-learn-contract.js';
import { characterCalls, type CharacterChangedEvent } from './character-contract.js';
import { styleCalls, type StyleChangedEvent } from './style-contract.js';
import { inkCalls, type InkChangedEvent } from './ink-contract.js';
import { assetOriginSchema, outputsCalls } from './outputs-contract.js';
import { meshCalls, type MeshChangedEvent } from './mesh-contract.js';
import { lifecycleCalls } from './lifecycle-contract.js';
import { photoCalls, type PhotoRunView, type PhotoUploadView } from './photo-contract.js';
import type { KolPostView } from '../kol/post-record.js';
import type { BatchEvent } from '../kol/batch.js';
import type { OutboxPostView } from '../publish/post.js';

/**
 * The one declaration of every call the UI can make. Main registers a handler
 * per entry (a test fails when one is missing); the preload, the web bridge
 * and the renderer client are all derived from these names and types.
 */
export interface CallSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);

export const openTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), url: z.url({ protocol: /^https?$/ }).max(2000) }).strict(),
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(1024) }).strict(),
]);
export type OpenTarget = z.output<typeof openTargetSchema>;
const empty = z.object({}).strict();

export interface AppInfo {
  version: string;
  dataDir: string;
  libraryDir: string;
  platform: string;
  /** 'electron' in the desktop app, 'web' through `kingjam serve`. */
  shell: 'electron' | 'web';
}

export interface JobPage {
  items: JobView[];
  /** Pass as `before` to fetch the next (older) page; null at the end. */
  nextBefore: string | null;
}

export interface DashboardSummary {
  running: JobView[];
  queued: JobView[];
  recentOutputs: AssetView[];
  library: LibraryStats;
  counts: Record<(typeof JOB_STATUSES)[number], number>;
}

export interface SceneOverview {
  index: number;
  kind: 'image' | 'video';
  source: string;
  /** The scene's media in the library (for its thumbnail), or null when the file is missing or refused. */
  assetId: string | null;
  /** The import job that probes this scene's media (so the UI can stay quiet about it), or null. */
  probeJobId: string | null;
  /** Why the file was refused (missing, outside the allowed folders…), said in the user's language from its key. */
  problem: ErrorInfo | null;
  duration: number;
  caption: string | null;
  motion: string;
}

export interface TimelineOverview {
  path: string;
  timeline: Timeline;
  totalSeconds: number;
  width: number;
  height: number;
  scenes: SceneOverview[];
}

export const contract = {
  'app.info': call<AppInfo>()(empty),
  'settings.get': call<Settings>()(empty),
  'settings.update': call<Settings>()(settingsPatchSchema),
  'dashboard.summary': call<DashboardSummary>()(empty),
  'jobs.list': call<JobPage>()(
    z
      .object({
        status: z.enum(JOB_STATUSES).optional(),
        kind: z.string().min(1).max(60).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        /** A job id: list jobs created before it. */
        before: id.optional(),
      })
      .strict(),
  ),
  'jobs.get': call<JobView>()(z.object({ id }).strict()),
  'jobs.retry': call<JobView>()(z.object({ id }).strict()),
  'jobs.cancel': call<JobView>()(z.object({ id }).strict()),
  'library.list': call<AssetPage>()(
    z
      .object({
        kind: mediaKindSchema.optional(),
        origin: assetOriginSchema.optional(),
        search: z.string().max(200).optional(),
        /** Only starred (kept) items. */
        starred: z.boolean().optional(),
        sort: z.enum(ASSET_SORTS).default('newest'),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  'library.get': call<AssetView>()(z.object({ id }).strict()),
  'library.import': call<ImportOutcome[]>()(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(500) }).strict(),
  ),
  'library.delete': call<{ deleted: number }>()(z.object({ ids: z.array(id).min(1).max(1000) }).strict()),
  'account.get': call<AccountView>()(empty),
  'account.login': call<AccountView>()(
    z
      .object({
        cloudUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
        email: z.email().max(254),
        password: z.string().min(1).max(200),
        totp: z.string().regex(/^\d{6}$/).optional(),
      })
      .strict(),
  ),
  'account.logout': call<AccountView>()(empty),
  'wallet.get': call<WalletView>()(empty),
  'wallet.refresh': call<WalletView>()(empty),
  'wallet.sync': call<WalletView>()(empty),
  'wallet.history': call<{ entries: WalletEntry[]; nextCursor: string | null }>()(
    z.object({ cursor: z.string().regex(/^\d{1,15}$/).optional() }).strict(),
  ),
  'wallet.offers': call<PlanOffer[]>()(empty),
  'wallet.checkout': call<{ url: string }>()(
    z.union([z.object({ plan: z.string().min(1).max(40) }).strict(), z.object({ pack: z.string().min(1).max(40) }).strict()]),
  ),
  'generate.estimate': call<Estimate>()(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('blog'), request: blogRequestSchema }).strict(),
      z.object({ kind: z.literal('social'), request: socialRequestSchema }).strict(),
      z.object({ kind: z.literal('video'), request: directorRequestSchema }).strict(),
    ]),
  ),
  'generate.blog': call<BlogProject>()(z.object({ request: blogRequestSchema }).strict()),
  'generate.social': call<SocialProject>()(z.object({ request: socialRequestSchema }).strict()),
  'generate.video': call<VideoProject>()(z.object({ request: directorRequestSchema }).strict()),
  'video.updateScript': call<VideoProject>()(z.object({ id, script: directorScriptSchema }).strict()),
  'video.render': call<VideoProject>()(z.object({ id }).strict()),
  'projects.list': call<Project[]>()(
    z.object({ kind: z.enum(['blog', 'social', 'video']).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  ),
  'projects.get': call<Project>()(z.object({ id }).strict()),
  'providers.status': call<ProviderStatus[]>()(empty),
  'providers.setKey': call<ProviderStatus[]>()(
    z.object({ provider: z.enum(['gemini', 'replicate', 'meshy']), key: z.string().min(1).max(500).nullable() }).strict(),
  ),
  'providers.setUrl': call<ProviderStatus[]>()(
    z.object({ provider: z.enum(['comfyui', 'ollama']), url: z.url({ protocol: /^https?$/ }).max(500).nullable() }).strict(),
  ),
  /** A ComfyUI workflow's "Save (API format)" JSON text (checked, then kept as a file for the workers), or null to remove it. */
  'providers.setComfyWorkflow': call<ProviderStatus[]>()(
    z
      .object({
        kind: z.enum(COMFY_WORKFLOW_KINDS),
        workflow: z.string().min(1).max(COMFY_WORKFLOW_MAX_CHARS).nullable(),
        /** The file the user picked, named in errors and shown in Settings. */
        name: z.string().trim().min(1).max(255).optional(),
      })
      .strict(),
  ),
  'providers.test': call<ConnectionCheck>()(z.object({ provider: z.enum(['gemini', 'replicate', 'comfyui', 'ollama', 'offline', 'meshy']) }).strict()),
  /**
   * Opens an http(s) link in the system browser, or a file inside the media library (its library path, as for
   * mediaUrl) in its app — on the desktop, through the shell. The web bridge answers opened: false: the page opens
   * it in a new tab (a file through the bridge's media route).
   */
  'system.open': call<{ opened: boolean }>()(openTargetSchema),
  'timeline.open': call<TimelineOverview>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  'timeline.render': call<JobView>()(
    z.object({ path: z.string().min(1).max(4096), quality: z.enum(QUALITIES).optional() }).strict(),
  ),
  ...partnerCalls,
  ...signupCalls,
  ...choicesCalls,
  ...publishCalls,
  ...kolCalls,
  ...kolBatchCalls,
  ...kolRulesCalls,
  ...kolTrigCalls,
  ...kolLearnCalls,
  ...photoCalls,
  ...characterCalls,
  ...styleCalls,
  ...inkCalls,
  ...outputsCalls,
  ...meshCalls,
  ...lifecycleCalls,
  ...boxesCalls,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = Contract[N] extends CallSpec<z.ZodType, infer O> ? O : never;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from main to every UI (IPC or the bridge's WebSocket). */
export interface EventMap {
  'job.updated': JobView;
  'job.progress': JobProgressEvent;
  'library.changed': { reason: 'added' | 'updated' | 'deleted'; ids: string[] };
  'settings.changed': Settings;
  'account.changed': { account: AccountView; wallet: WalletView };
  'project.updated': { id: string };
  /** The browser came back to the loopback redirect (or the state expired) for a flow started with listening: true. */
  'connections.oauthCompleted': OAuthCompleted;
  /** An outbox post changed state (scheduled, publishing, published, failed…). */
  'publish.updated': OutboxPostView;
  /** A KOL post record changed (created, edited, reviewed, scheduled, published…). */
  'kol.post.updated': KolPostView;
  /** A KOL batch's progress, in the seed's event sequence. */
  'kol.batch': BatchEvent;
  /** A photo studio run changed (queued, progress, variants in, chosen, failed…). */
  'photo.run.updated': PhotoRunView;
  /** A photo upload changed (its check finished, its original was deleted). */
  'photo.upload.updated': PhotoUploadView;
  /** A character, its references, variants or models changed (issue 16). */
  'character.updated': CharacterChangedEvent;
  /** A style profile was extracted, edited, locked or scored (issue 16). */
  'style.updated': StyleChangedEvent;
  /** A 2D studio run changed (issue 16). */
  'ink.updated': InkChangedEvent;
  /** A 3D model, its candidates, checks, pack or quotes changed (issue 16). */
  'mesh.updated': MeshChangedEvent;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: EventName[] = ['job.updated', 'job.progress', 'library.changed', 'settings.changed', 'account.changed', 'project.updated', 'connections.oauthCompleted', 'publish.updated', 'kol.post.updated', 'kol.batch', 'photo.run.updated', 'photo.upload.updated', 'character.updated', 'style.updated', 'ink.updated', 'mesh.updated'];

/** What a call returns across IPC (errors cannot be thrown across it intact). */
export type CallResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: ErrorInfo };

/** What the preload exposes as `window.studio`, and what the web client implements the same way. */
export interface StudioBridge {
  call(name: string, input: unknown): Promise<CallResult>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Turns a dropped or picked file into a path main can import. */
  stageFile(file: Blob & { name: string }): Promise<string>;
  /** URL of a file inside the media library, e.g. for <img src>. */
  mediaUrl(libraryPath: string): string;
  shell: 'electron' | 'web';
}
