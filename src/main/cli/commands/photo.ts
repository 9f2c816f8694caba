import type { UsageEntry } from '../../../shared/cli/help/index.js';
import { refuse } from '../refusals.js';
import path from 'node:path';
import type { PhotoRunView, PhotoUploadView } from '../../../shared/api/photo-contract.js';
import { StudioError } from '../../../shared/errors.js';
import { EFFECTS } from '../../../shared/motion.js';
import { BACKGROUND_PRESETS } from '../../../shared/photo/presets.js';
import { COSTUMES, MOTION_BACKENDS, PHOTO_BACKENDS, PHOTO_VIA, REPAIR_BACKENDS, type BackgroundChoice, type PhotoTier } from '../../../shared/photo/requests.js';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import { ANY_PATH } from '../../client-files.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag, type ParsedArgs, usageLines, notOneOf } from '../args.js';
import { type CliIo, cliLanguage } from '../context.js';
import { endedWithout, exitCode } from '../exit-code.js';
import { waitWithProgress } from '../job-progress.js';
import { numberFlag } from './kol/kit.js';
import { PhotoLines } from './photo-lines.js';

export const PHOTO_USAGE: UsageEntry[] = [
  {
    syntax: 'kingjam photo fuse PHOTO… --preset P | --background IMAGE [--backend offline|comfyui|gemini|seedream|flux-kontext] [--via cloud|own-key] [--variants 1|4] [--out DIR] [--yes] [--json]',
    about: 'help.photo.fuse',
  },
  {
    syntax: 'kingjam photo makeover PHOTO --preset P | --background IMAGE [--costume tangzhuang|qipao|hanfu|formal] [--backend B] [--via V] [--variants 1|4] [--out DIR] [--yes] [--json]',
    about: 'help.photo.makeover',
  },
  { syntax: 'kingjam photo repair PHOTO [--backend replicate|comfyui] [--via V] [--out DIR] [--yes] [--json]', about: 'help.photo.repair' },
  {
    syntax: 'kingjam photo motion IMAGE --effect fireworks|lanterns|snow [--backend local|kling|veo|seedance] [--seconds 5] [--no-live-photo] [--out DIR] [--yes] [--json]',
    about: 'help.photo.motion',
  },
];

function oneOf<T extends string>(args: ParsedArgs, name: string, values: readonly T[], fallback?: T): T | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return fallback;
  if (!(values as readonly string[]).includes(v)) throw notOneOf(name, values);
  return v as T;
}

function background(args: ParsedArgs): BackgroundChoice {
  const preset = oneOf(args, 'preset', BACKGROUND_PRESETS);
  const image = stringFlag(args, 'background');
  if (preset && image) throw refuse.photoBackgroundBoth();
  if (image) return { image: path.resolve(image) };
  if (preset) return { preset };
  throw refuse.photoBackground(BACKGROUND_PRESETS.join('|'));
}

/** --variants 1 is the free tier (one watermarked picture a day), 4 the paid 4-choose-1. */
function tier(args: ParsedArgs): PhotoTier {
  const n = intFlag(args, 'variants', 1, PHOTO_LIMITS.paidVariants) ?? 1;
  if (n !== 1 && n !== PHOTO_LIMITS.paidVariants) throw refuse.photoVariants(PHOTO_LIMITS.paidVariants);
  return n === 1 ? 'free' : 'paid';
}

/**
 * `kingjam photo fuse|makeover|repair|motion`: the photo studio from the
 * command line, through the same service as the page. The photos are
 * checked first; one that fails is printed with what is wrong and how to
 * retake it, and the command stops before anything is spent. Typing the
 * paths of the photos into one's own shell stands for the page's consent box.
 */
export async function photoCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [tool, ...rest] = argv;
  const args = parseArgs(rest, ['json', 'yes', 'no-live-photo']);
  const json = args.flags.has('json');
  const lines = new PhotoLines(cliLanguage(studio), io, json);
  const outDir = stringFlag(args, 'out');
  const photo = studio.photo;
  if (tool !== 'fuse' && tool !== 'makeover' && tool !== 'repair' && tool !== 'motion') throw usageLines(PHOTO_USAGE);
  const files = args.positionals.map((p) => path.resolve(p));
  const wantFiles = tool === 'fuse' ? [PHOTO_LIMITS.minPeople, PHOTO_LIMITS.maxPeople] : [1, 1];
  if (files.length < wantFiles[0]! || files.length > wantFiles[1]!) throw usageLines(PHOTO_USAGE);
  const via = oneOf(args, 'via', PHOTO_VIA, 'cloud')!;

  // Every flag is read before any photo is checked: a mistyped preset is a usage error at once, not a failure after the checks.
  const plan = ((): ((ids: string[]) => { estimate: () => ReturnType<typeof photo.runs.estimate>; go: () => Promise<PhotoRunView> }) => {
    switch (tool) {
      case 'fuse': {
        const flags = { background: background(args), backend: oneOf(args, 'backend', PHOTO_BACKENDS, 'offline')!, via, tier: tier(args), consent: true };
        return (ids) => {
          const req = { uploads: ids, ...flags };
          return { estimate: () => photo.runs.estimate({ kind: 'fuse', request: req }), go: () => photo.runs.fuse(req, ANY_PATH) };
        };
      }
      case 'makeover': {
        const costume = oneOf(args, 'costume', COSTUMES);
        const flags = { background: background(args), ...(costume ? { costume } : {}), backend: oneOf(args, 'backend', PHOTO_BACKENDS, 'offline')!, via, tier: tier(args), consent: true };
        return (ids) => {
          const req = { upload: ids[0]!, ...flags };
          return { estimate: () => photo.runs.estimate({ kind: 'makeover', request: req }), go: () => photo.runs.makeover(req, ANY_PATH) };
        };
      }
      case 'repair': {
        const flags = { backend: oneOf(args, 'backend', REPAIR_BACKENDS, 'replicate')!, via, tier: 'paid' as const, consent: true };
        return (ids) => {
          const req = { upload: ids[0]!, ...flags };
          return { estimate: () => photo.runs.estimate({ kind: 'repair', request: req }), go: () => photo.runs.repair(req) };
        };
      }
      case 'motion': {
        const effect = oneOf(args, 'effect', EFFECTS);
        if (!effect) throw notOneOf('effect', EFFECTS);
        const req = {
          source: { image: files[0]! }, effect, backend: oneOf(args, 'backend', MOTION_BACKENDS, 'local')!, via,
          seconds: numberFlag(args, 'seconds', 1, 15) ?? PHOTO_LIMITS.motionSeconds, livePhoto: !args.flags.has('no-live-photo'), tier: 'paid' as const,
        };
        return () => ({ estimate: () => photo.runs.estimate({ kind: 'motion', request: req }), go: () => photo.runs.motion(req, ANY_PATH) });
      }
    }
  })();

  const uploads: PhotoUploadView[] = [];
  if (tool !== 'motion') {
    lines.note('photo.cli.consentNote');
    // A person photo for the time-space puzzle; the family photo of a makeover and an old photo to repair are group photos.
    for (const file of files) uploads.push(await photo.uploads.upload(file, true, ANY_PATH, tool === 'fuse' ? 'person' : 'group'));
    if (!lines.checks(tool, uploads)) {
      if (json) io.out(JSON.stringify({ uploads }));
      lines.note('photo.cli.nothingSpent');
      return 1;
    }
  }

  let run: PhotoRunView;
  try {
    const planned = plan(uploads.map((u) => u.id));
    const estimate = planned.estimate();
    lines.cost(estimate);
    if (estimate.total > 0 && !args.flags.has('yes')) {
      io.err(lines.say('photo.cli.needYes', { credits: estimate.total }));
      return 2;
    }
    const free = photo.free.today();
    if (tool !== 'motion' && tool !== 'repair' && tier(args) === 'free') lines.note('photo.cli.freeLeft', { left: free.left, limit: free.limit });
    run = await planned.go();
  } catch (err) {
    if (!(err instanceof StudioError)) throw err;
    lines.failure(err);
    return exitCode(err);
  }
  const job = await studio.jobs.get(run.jobId!);
  if (job) await waitWithProgress(studio, job, run.kind, json);
  const done = photo.runs.get(run.id);
  if (done.status !== 'succeeded') {
    lines.failure(new StudioError(done.error ?? endedWithout(done.status, 'run')));
    if (json) io.out(JSON.stringify(done));
    return 1;
  }
  const written = lines.results(done, studio.paths.library, outDir ? path.resolve(outDir) : undefined);
  if (json) io.out(JSON.stringify({ ...done, files: written }));
  return done.variants.length === 0 && done.failures.length > 0 ? 1 : 0;
}
