import fs from 'node:fs';
import sharp from 'sharp';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { PHOTO_LIMITS } from '../../shared/photo/limits.js';
import { PRESET_INFO } from '../../shared/photo/presets.js';
import type { BackgroundChoice } from '../../shared/photo/requests.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { MAX_INPUT_PIXELS } from '../media/image/ops.js';
import { BACKGROUND_SIZE, backgroundCacheDir, floorLine, renderBackground } from './backgrounds/index.js';
import { composeFamily, composeMakeover, preparePerson, type PreparedPerson } from './offline/compose.js';
import type { Box } from './offline/layout.js';
import { makeVariantOnline, type OnlineVariantInput } from './online/index.js';
import { photoGrantOf, type PhotoGrant } from '../../shared/photo/grant.js';
import { makeVariants, type MadeVariant, type VariantVision } from './variants.js';
import { detectFaces, loadRgb, segmentPeople, type RgbImage } from './vision/index.js';

/**
 * photo.fuse (the time-space puzzle) and photo.makeover: four variants (or
 * the free tier's one) from the offline compositor or an image model, each
 * checked for its faces and replaced once when they do not match.
 */

/** What the handlers use, replaceable by tests: the vision runtime, the online maker and the compositor. */
export interface FuseSeams {
  vision: VariantVision & { loadRgb: typeof loadRgb };
  online: typeof makeVariantOnline;
  composeFamily: typeof composeFamily;
  composeMakeover: typeof composeMakeover;
}

const OFFLINE = { provider: 'offline', model: 'kingjam-compositor', draft: true } as const;

/**
 * Faces looked for beside the person's own when cutting them out: a neighbour at the photo's edge is often
 * half a face or turned away, far below the 0.7 asked of the person, and still marks whose body is whose.
 */
const NEIGHBOUR_FACE_CONFIDENCE = 0.25;

/** The share of the smaller box covered by both: the same face found twice overlaps itself almost whole. */
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w <= 0 || h <= 0 ? 0 : (w * h) / Math.min(a.width * a.height, b.width * b.height);
}

/** The background as raw RGB covering width×height: a preset drawn at that size, or the user's image cropped to fill it. */
async function backgroundRgb(choice: BackgroundChoice, width: number, height: number, cacheDir: string): Promise<RgbImage> {
  const source = 'preset' in choice ? await renderBackground(choice.preset, width, height, cacheDir) : fs.readFileSync(choice.image);
  const { data, info } = await sharp(source, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize(width, height, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function backgroundForModel(choice: BackgroundChoice, cacheDir: string): Promise<OnlineVariantInput['background']> {
  if ('preset' in choice) {
    return { bytes: await renderBackground(choice.preset, BACKGROUND_SIZE.width, BACKGROUND_SIZE.height, cacheDir), mimeType: 'image/png', description: PRESET_INFO[choice.preset].prompt };
  }
  const bytes = fs.readFileSync(choice.image);
  const format = (await sharp(bytes).metadata()).format ?? 'png';
  return { bytes, mimeType: `image/${format}`, description: 'the place shown in the background image' };
}

/** An online variant: the model's picture decoded; its people mask is segmented when it is written. */
function onlineMaker(seams: FuseSeams, base: Omit<OnlineVariantInput, 'seed'>, ctx: JobContext): (seed: number) => Promise<MadeVariant> {
  return async (seed) => {
    const out = await seams.online({ ...base, seed }, ctx);
    return { image: await seams.vision.loadRgb(out.bytes), mask: null, provider: out.provider, model: out.model, draft: false };
  };
}

/** The free tier on KingJam Cloud: its one image call carries the day's platform-paid grant. */
function grantOf(p: JobPayload<'photo.fuse'> | JobPayload<'photo.makeover'>): { grant?: PhotoGrant } {
  const grant = photoGrantOf(p);
  return grant ? { grant } : {};
}

/**
 * A granted variant gets no replacement: the day's grant is spent on the first
 * call, and a second would be charged to a user who was told it is free.
 */
function replacementsFor(p: JobPayload<'photo.fuse'> | JobPayload<'photo.makeover'>): number {
  return photoGrantOf(p) ? 0 : PHOTO_LIMITS.variantReplacements;
}


export function fuseHandlers(overrides: Partial<FuseSeams> = {}): {
  fuse: (p: JobPayload<'photo.fuse'>, ctx: JobContext) => Promise<JobResults['photo.fuse']>;
  makeover: (p: JobPayload<'photo.makeover'>, ctx: JobContext) => Promise<JobResults['photo.makeover']>;
} {
  const seams: FuseSeams = {
    vision: { loadRgb, detectFaces, segmentPeople },
    online: makeVariantOnline,
    composeFamily,
    composeMakeover,
    ...overrides,
  };

  async function fuse(p: JobPayload<'photo.fuse'>, ctx: JobContext): Promise<JobResults['photo.fuse']> {
    ctx.progress(0, progressLabel('checkingInputs'));
    const seeds = seedsFor(p.variants);
    let make: (seed: number) => Promise<MadeVariant>;
    if (p.backend === 'offline') {
      const people: PreparedPerson[] = [];
      for (const [i, person] of p.people.entries()) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        const image = await seams.vision.loadRgb(person.path);
        const [mask, seen] = await Promise.all([seams.vision.segmentPeople(image), seams.vision.detectFaces(image, { minConfidence: NEIGHBOUR_FACE_CONFIDENCE })]);
        const others = seen.map((f) => f.box).filter((b) => overlap(b, person.face.box) < 0.3);
        people.push(preparePerson({ image, mask, face: person.face.box, others }, i));
      }
      const bg = await backgroundRgb(p.background, BACKGROUND_SIZE.width, BACKGROUND_SIZE.height, backgroundCacheDir(ctx));
      const floor = 'preset' in p.background ? floorLine(p.background.preset) : 0.85;
      make = async (seed) => ({ ...(await seams.composeFamily(people, bg, { floor, seed })), ...OFFLINE });
    } else {
      const base = { task: 'fuse' as const, people: p.people.map((x) => fs.readFileSync(x.path)), background: await backgroundForModel(p.background, backgroundCacheDir(ctx)), backend: p.backend, via: p.via, ...(p.workflow ? { workflow: p.workflow } : {}), ...grantOf(p), ...(p.style ? { style: p.style } : {}) };
      make = onlineMaker(seams, base, ctx);
    }
    return makeVariants({ seeds, expectedFaces: p.people.length, outDir: p.outDir, watermark: p.watermark, make, vision: seams.vision, ctx, name: 'fuse', replacements: replacementsFor(p) });
  }

  async function makeover(p: JobPayload<'photo.makeover'>, ctx: JobContext): Promise<JobResults['photo.makeover']> {
    ctx.progress(0, progressLabel('checkingInputs'));
    const seeds = seedsFor(p.variants);
    let make: (seed: number) => Promise<MadeVariant>;
    if (p.backend === 'offline') {
      if (p.costume) {
        throw new StudioError({ code: 'BAD_INPUT', field: 'costume', message: 'A costume change needs an image-editing model; the offline backend cannot change clothes.', ...say('photo.fuse.costumeOffline') });
      }
      const photo = await seams.vision.loadRgb(p.photo);
      const mask = await seams.vision.segmentPeople(photo);
      const bg = 'preset' in p.background ? await renderBackground(p.background.preset, photo.width, photo.height, backgroundCacheDir(ctx)) : fs.readFileSync(p.background.image);
      const faces = p.faces.map((f) => f.box);
      make = async (seed) => ({ ...(await seams.composeMakeover(photo, mask, bg, { seed, faces })), ...OFFLINE });
    } else {
      const base = {
        task: 'makeover' as const,
        people: [fs.readFileSync(p.photo)],
        background: await backgroundForModel(p.background, backgroundCacheDir(ctx)),
        backend: p.backend,
        via: p.via,
        faces: p.faces.length,
        ...(p.costume ? { costume: p.costume } : {}),
        ...(p.workflow ? { workflow: p.workflow } : {}),
        ...grantOf(p),
        ...(p.style ? { style: p.style } : {}),
      };
      make = onlineMaker(seams, base, ctx);
    }
    return makeVariants({ seeds, expectedFaces: p.faces.length, outDir: p.outDir, watermark: p.watermark, make, vision: seams.vision, ctx, name: 'makeover', replacements: replacementsFor(p) });
  }

  return { fuse, makeover };
}

/** The seeds of a run: 1001… in order, as many as it has variants. */
function seedsFor(count: number): number[] {
  return PHOTO_LIMITS.seeds.slice(0, count);
}

const handlers = fuseHandlers();
export const fusePhoto = handlers.fuse;
export const makeoverPhoto = handlers.makeover;
