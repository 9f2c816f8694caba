import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DraftContent } from '../../shared/api/publish-contract.js';
import type { BatchDefaults, BatchItem, BatchProblem, InputRef } from '../../shared/batch/job-file.js';
import { dependenciesOf } from '../../shared/batch/deps.js';
import { toErrorInfo } from '../../shared/errors.js';
import type { BlogRequestInput, DirectorRequestInput, ProviderChoice, SocialRequestInput } from '../../shared/generate/requests.js';
import type { Effect } from '../../shared/motion.js';
import type { BackgroundChoice, PhotoBackend, PhotoVia } from '../../shared/photo/requests.js';
import { parseTime } from '../../shared/publish/time.js';
import type { Timeline } from '../../shared/timeline.js';
import { ANY_PATH } from '../client-files.js';
import { findAccount } from '../publish/csv-import.js';
import type { Studio } from '../studio.js';

/**
 * An item of a job file turned into the request its service takes, with
 * every input found (paths resolved from the job file's folder, library
 * items by id) and the hash of what it depends on: its request and the
 * contents of its input files. Problems are collected, never thrown, so the
 * preflight lists all of them.
 */

/**
 * `image`: the picture a post or article uses instead of making one — a file, a library item's file or a
 * dependency's output (a placeholder until it is made); it becomes a library item when the work starts.
 */
export type Work =
  | { kind: 'blog'; request: BlogRequestInput; image?: string }
  | { kind: 'social'; request: SocialRequestInput; image?: string }
  | { kind: 'video'; request: DirectorRequestInput }
  | { kind: 'photo-fuse'; photos: string[]; background: BackgroundChoice; backend: PhotoBackend; via: PhotoVia; tier: 'free' | 'paid' }
  | { kind: 'compose'; timeline: Timeline; baseDir: string }
  | { kind: 'motion'; image: string; effect: Effect; seconds: number; livePhoto: boolean }
  | { kind: 'publish'; accountIds: string[]; content: DraftContent; at: number | null };

export interface PlannedItem {
  id: string;
  /** The output files' name stem. */
  name: string;
  work: Work;
  /** Input files, resolved: each one's contents go into the hash. */
  inputs: string[];
  /** Who is paid (or runs it), for the totals per provider. */
  provider: string;
  /** Items it waits for (`after` and `{ from }` inputs); its work holds placeholders for their outputs until they are made. */
  deps: string[];
}

const FROM = 'kingjam-from:';

/** Where a dependency's output goes in a work: replaced by resolveWork once that item is done (`media` also takes a video). */
export function fromPlaceholder(id: string, takes: 'image' | 'media'): string {
  return `${FROM}${takes}:${id}`;
}

/** A placeholder's item and what it takes, or null for any other string. */
export function readPlaceholder(value: string): { id: string; takes: 'image' | 'media' } | null {
  if (!value.startsWith(FROM)) return null;
  const [takes, ...id] = value.slice(FROM.length).split(':');
  return takes === 'image' || takes === 'media' ? { id: id.join(':'), takes } : null;
}

/** A problem with the item's id filled in. */
type Problem = Omit<BatchProblem, 'item'>;

interface Ctx {
  studio: Studio;
  dir: string;
  problems: Problem[];
  inputs: string[];
}

/** A path or library item as a file on this machine, a placeholder for another item's output, or null (with the problem recorded). */
function input(ctx: Ctx, ref: InputRef, field: string): string | null {
  if (typeof ref !== 'string' && 'from' in ref) {
    if (field === 'timeline') {
      ctx.problems.push({ field: `${field}.from`, key: 'batch.problem.fromNotHere', params: {} });
      return null;
    }
    return fromPlaceholder(ref.from, field.startsWith('media.') ? 'media' : 'image');
  }
  if (typeof ref !== 'string') {
    try {
      const asset = ctx.studio.library.get(ref.asset);
      const file = path.join(ctx.studio.paths.library, ...asset.file.split('/'));
      ctx.inputs.push(file);
      return file;
    } catch {
      ctx.problems.push({ field, key: 'batch.problem.assetMissing', params: { id: ref.asset } });
      return null;
    }
  }
  const file = path.resolve(ctx.dir, ref);
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    ctx.problems.push({ field, key: 'batch.problem.fileMissing', params: { path: file } });
    return null;
  }
  ctx.inputs.push(file);
  return file;
}

function choice(provider: ProviderChoice['provider'] | undefined, model: string | undefined): ProviderChoice {
  return { provider: provider ?? 'offline', ...(model ? { model } : {}) };
}

/** Text and image choices: the item's, else the file's defaults (an image provider defaults to the text one). */
function choices(item: BatchItem, d: BatchDefaults): { text: ProviderChoice; image: ProviderChoice } {
  const provider = item.provider ?? d.provider;
  const text = choice(provider, item.model ?? d.model);
  const image = choice(item.imageProvider ?? d.imageProvider ?? provider, item.imageModel ?? d.imageModel);
  return { text, image };
}

function common(item: BatchItem, d: BatchDefaults) {
  const language = item.language ?? d.language;
  const tone = item.tone ?? d.tone;
  const styleId = item.styleId ?? d.styleId;
  return { ...(language ? { language } : {}), ...(tone ? { tone } : {}), ...(styleId ? { styleId } : {}) };
}

async function build(ctx: Ctx, item: BatchItem, d: BatchDefaults): Promise<{ work: Work; provider: string } | null> {
  const { text, image } = choices(item, d);
  switch (item.kind) {
    case 'blog': {
      const cover = item.cover ?? 'standard';
      const picture = item.image ? input(ctx, item.image, 'image') : undefined;
      if (picture === null) return null;
      const request: BlogRequestInput = {
        topic: item.topic, keywords: item.keywords ?? [], ...common(item, d), cover, text, ...(cover === 'none' ? {} : { image }),
        ...(item.length ? { length: item.length } : {}), ...(item.persona ? { persona: item.persona } : {}),
      };
      return { work: { kind: 'blog', request, ...(picture ? { image: picture } : {}) }, provider: text.provider };
    }
    case 'social': {
      const picture = item.image ? input(ctx, item.image, 'image') : undefined;
      if (picture === null) return null;
      const request: SocialRequestInput = {
        topic: item.topic, keywords: item.keywords ?? [], platform: item.platform, ...common(item, d), text, image,
        ...(item.aspect ? { aspect: item.aspect } : {}), ...(item.persona ? { persona: item.persona } : {}),
      };
      return { work: { kind: 'social', request, ...(picture ? { image: picture } : {}) }, provider: text.provider };
    }
    case 'video': {
      const height = item.height ?? d.height;
      const quality = item.quality ?? d.quality;
      const request: DirectorRequestInput = {
        topic: item.topic, keywords: item.keywords ?? [], ...common(item, d), backend: item.backend ?? 'offline', text,
        // As `kingjam generate video`: --provider cloud renders the scenes on KingJam Cloud too; otherwise a paid backend runs on the user's own key.
        renderVia: text.provider === 'cloud' ? 'cloud' : 'own-key',
        ...(item.aspect ? { aspect: item.aspect } : {}), ...(item.seconds ? { targetSeconds: item.seconds } : {}), ...(item.scenes ? { sceneCount: item.scenes } : {}),
        ...(height ? { height } : {}), ...(quality ? { quality } : {}), ...(item.voice !== undefined ? { voice: item.voice } : {}), ...(item.music !== undefined ? { music: item.music } : {}),
      };
      return { work: { kind: 'video', request }, provider: item.backend && item.backend !== 'offline' ? `${text.provider} + ${item.backend}` : text.provider };
    }
    case 'photo-fuse': {
      const photos = item.photos.map((p, i) => input(ctx, p, `photos.${i}`));
      let background: BackgroundChoice | null = null;
      if (item.preset && item.background) ctx.problems.push({ field: 'background', key: 'batch.problem.background', params: {} });
      else if (item.preset) background = { preset: item.preset };
      else if (item.background) {
        const file = input(ctx, item.background, 'background');
        if (file) background = { image: file };
      } else ctx.problems.push({ field: 'preset', key: 'batch.problem.background', params: {} });
      if (!background || photos.some((p) => p === null)) return null;
      const backend = item.backend ?? 'offline';
      const via = item.via ?? 'cloud';
      return { work: { kind: 'photo-fuse', photos: photos as string[], background, backend, via, tier: item.variants === 4 ? 'paid' : 'free' }, provider: backend === 'offline' ? 'offline' : `${backend} (${via})` };
    }
    case 'compose': {
      const file = input(ctx, item.timeline, 'timeline');
      if (!file) return null;
      try {
        const { timeline, baseDir } = await ctx.studio.timelines.read(file, ANY_PATH);
        timeline.scenes.forEach((s, i) => {
          input(ctx, path.resolve(baseDir, s.image ?? s.video!), `timeline.scenes.${i}.${s.image ? 'image' : 'video'}`);
          if (s.voice) input(ctx, path.resolve(baseDir, s.voice), `timeline.scenes.${i}.voice`);
        });
        if (timeline.music) input(ctx, path.resolve(baseDir, timeline.music.path), 'timeline.music.path');
        const quality = item.quality ?? d.quality;
        // Media named by absolute paths: the job needs no base folder to find them, wherever it runs (a farm worker maps each file it is given).
        const abs = (p: string): string => path.resolve(baseDir, p);
        const resolved: Timeline = {
          ...timeline,
          ...(quality ? { quality } : {}),
          scenes: timeline.scenes.map((s) => ({ ...s, ...(s.image ? { image: abs(s.image) } : {}), ...(s.video ? { video: abs(s.video) } : {}), ...(s.voice ? { voice: abs(s.voice) } : {}) })),
          ...(timeline.music ? { music: { ...timeline.music, path: abs(timeline.music.path) } } : {}),
        };
        return { work: { kind: 'compose', timeline: resolved, baseDir }, provider: 'local' };
      } catch (err) {
        const info = toErrorInfo(err);
        ctx.problems.push({ field: info.field ? `timeline.${info.field}` : 'timeline', key: 'batch.problem.invalid', params: { detail: info.message } });
        return null;
      }
    }
    case 'motion': {
      const image = input(ctx, item.image, 'image');
      if (!image) return null;
      return { work: { kind: 'motion', image, effect: item.effect, seconds: item.seconds ?? 5, livePhoto: item.livePhoto ?? false }, provider: 'local' };
    }
    case 'publish': {
      const accounts = ctx.studio.publishing.bulk.accounts();
      const accountIds: string[] = [];
      item.accounts.forEach((a, i) => {
        const found = findAccount(a, accounts);
        if ('account' in found) accountIds.push(found.account.id);
        else ctx.problems.push({ field: `accounts.${i}`, key: 'batch.problem.accountUnknown', params: { account: a } });
      });
      const media = (item.media ?? []).map((m, i) => input(ctx, m, `media.${i}`));
      let at: number | null = null;
      if (item.at) {
        const zone = accounts.find((a) => a.id === accountIds[0])?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
        const t = parseTime(item.at, zone);
        if (t.ok) at = t.utc;
        else ctx.problems.push({ field: 'at', key: 'batch.problem.time', params: { value: item.at } });
      }
      if (accountIds.length !== item.accounts.length || media.some((m) => m === null) || (item.at && at === null)) return null;
      const content: DraftContent = { text: item.text, media: (media as string[]).map((p) => ({ path: p })), options: {} };
      return { work: { kind: 'publish', accountIds, content, at }, provider: 'publish' };
    }
  }
}

/** Every item of a file planned, or each one's problems (all of them). */
export async function planItems(studio: Studio, dir: string, items: BatchItem[], defaults: BatchDefaults): Promise<{ planned: PlannedItem[]; problems: BatchProblem[] }> {
  const planned: PlannedItem[] = [];
  const problems: BatchProblem[] = [];
  for (const item of items) {
    const ctx: Ctx = { studio, dir, problems: [], inputs: [] };
    const built = await build(ctx, item, defaults);
    problems.push(...ctx.problems.map((p) => ({ item: item.id, ...p })));
    if (built && ctx.problems.length === 0) planned.push({ id: item.id, name: item.output ?? item.id, work: built.work, inputs: ctx.inputs, provider: built.provider, deps: dependenciesOf(item) });
  }
  return { planned, problems };
}

function fileHash(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => h.update(chunk))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

/** SHA-256 of what an item's result depends on: its request, output name and the contents of its input files. */
export async function inputHash(item: PlannedItem): Promise<string> {
  const files = await Promise.all(item.inputs.map(async (f) => [f, await fileHash(f)] as const));
  return createHash('sha256').update(JSON.stringify({ name: item.name, work: item.work, files })).digest('hex');
}
