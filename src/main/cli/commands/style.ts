import type { UsageEntry } from '../../../shared/cli/help/index.js';
import path from 'node:path';
import { StudioError } from '../../../shared/errors.js';
import { GENERATION_PROVIDERS } from '../../../shared/generate/requests.js';
import { styleCliText, type StyleCliKey } from '../../../shared/style/cli-text.js';
import type { StyleProfileView, StyleScoreView } from '../../../shared/style/profile.js';
import { DRIFT_THRESHOLD } from '../../../shared/style/score.js';
import { ANY_PATH } from '../../client-files.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag, usageLines, notOneOf } from '../args.js';
import { type CliIo, cliLanguage } from '../context.js';
import { waitWithProgress } from '../job-progress.js';
import { endedWithout } from '../exit-code.js';
import { barText } from '../../../shared/cli/bar-text.js';

/** `kingjam style …` usage lines (issue 16); shown by `kingjam help`. */
export const STYLE_USAGE: UsageEntry[] = [
  { syntax: 'kingjam style extract IMAGE… --name NAME [--writer offline|gemini] [--seed N] [--lock] [--json]', about: 'help.style.extract' },
  { syntax: 'kingjam style apply STYLE_ID --to blog|social|director|photo|character [--json]', about: 'help.style.apply' },
  { syntax: 'kingjam style score STYLE_ID IMAGE… [--json]', about: 'help.style.score' },
  { syntax: 'kingjam style list|lock|unlock|delete [STYLE_ID] [--json]', about: 'help.style.manage' },
];

const TARGETS = ['blog', 'social', 'director', 'photo', 'character'] as const;

/**
 * `kingjam style extract|apply|score|list|lock|unlock|delete`: the
 * Style-Locker through the same area as the page. Typing the image paths
 * stands for picking them: the CLI reads any path the user names.
 */
export async function styleCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  const args = parseArgs(rest, ['json', 'lock']);
  const json = args.flags.has('json');
  const language = cliLanguage(studio);
  const say = (key: StyleCliKey, params?: Record<string, string | number>) => styleCliText(language, key, params);
  const print = (line: string) => {
    if (!json) io.out(line);
  };
  const styles = studio.creator.styles;
  const bad = () => usageLines(STYLE_USAGE);

  switch (verb) {
    case 'extract': {
      const name = stringFlag(args, 'name');
      if (!name || args.positionals.length === 0) throw bad();
      const writer = stringFlag(args, 'writer') ?? 'offline';
      if (!(GENERATION_PROVIDERS as readonly string[]).includes(writer)) throw notOneOf('writer', GENERATION_PROVIDERS);
      const seed = intFlag(args, 'seed', 0, 2 ** 31 - 1);
      print(say('extracting', { count: args.positionals.length }));
      const created = await styles.create(
        { name, paths: args.positionals.map((p) => path.resolve(p)), writer: writer as (typeof GENERATION_PROVIDERS)[number], ...(seed !== undefined ? { seedPolicy: { mode: 'fixed', seed } } : {}) },
        ANY_PATH,
      );
      const job = await studio.jobs.get(created.jobId!);
      if (job) await waitWithProgress(studio, job, barText.say(cliLanguage(studio), 'cli.bar.style'), json);
      let profile = styles.get(created.id);
      if (profile.status !== 'ready') {
        print(say('failed', { reason: profile.error?.message ?? profile.status }));
        if (json) io.out(JSON.stringify(profile));
        return 1;
      }
      if (args.flags.has('lock')) profile = styles.lock(profile.id);
      if (json) io.out(JSON.stringify(profile));
      else describe(profile, say, io);
      return 0;
    }
    case 'apply': {
      const [id] = args.positionals;
      const to = stringFlag(args, 'to') as (typeof TARGETS)[number] | undefined;
      if (!id || !to || !TARGETS.includes(to)) throw bad();
      const applied = styles.resolveLocked(id);
      if (json) {
        io.out(JSON.stringify({ target: to, ...applied }));
        return 0;
      }
      io.out(say('applyTo', { target: say(`target.${to}`) }));
      io.out(say('fragment', { text: applied.promptFragment }));
      io.out(say('negative', { text: applied.negativePrompt }));
      io.out(to === 'photo' ? say('seedVariants') : say('seed', { seed: applied.seed ?? say('seedRandom') }));
      if (applied.referencePaths.length) io.out(say('references', { count: applied.referencePaths.length, backends: 'Gemini, Seedream' }));
      if (applied.comfy.lora) io.out(say('lora', { name: applied.comfy.lora.name, strength: applied.comfy.lora.strength }));
      if (applied.comfy.ipAdapter) io.out(say('ipAdapter', { weight: applied.comfy.ipAdapter.weight, image: path.basename(applied.comfy.ipAdapter.image) }));
      return 0;
    }
    case 'score': {
      const [id, ...files] = args.positionals;
      if (!id || files.length === 0) throw bad();
      const job = await styles.score(id, { paths: files.map((f) => path.resolve(f)) }, ANY_PATH);
      const done = await waitWithProgress(studio, job, barText.say(cliLanguage(studio), 'cli.bar.style'), json);
      if (done.status !== 'succeeded') throw new StudioError(done.error ?? endedWithout(done.status, 'score'));
      const scores = styles.scoresOfJob(job.id);
      if (json) io.out(JSON.stringify({ styleId: id, threshold: DRIFT_THRESHOLD, scores }));
      else for (const s of scores) io.out(scoreLine(s, say));
      return 0;
    }
    case 'list': {
      const all = styles.list();
      if (json) io.out(JSON.stringify(all));
      else if (all.length === 0) io.out(say('noneList'));
      else for (const p of all) io.out(say('listLine', { id: p.id, name: p.name, status: say(`status.${p.status}`), locked: p.locked ? say('lockedMark') : '' }));
      return 0;
    }
    case 'lock':
    case 'unlock':
    case 'delete': {
      const [id] = args.positionals;
      if (!id) throw bad();
      const out = verb === 'lock' ? styles.lock(id) : verb === 'unlock' ? styles.unlock(id) : styles.delete(id);
      if (json) io.out(JSON.stringify(out));
      else if (verb === 'lock') io.out(say('locked', { id }));
      return 0;
    }
    default:
      throw bad();
  }
}

function describe(p: StyleProfileView, say: (key: StyleCliKey, params?: Record<string, string | number>) => string, io: CliIo): void {
  const f = p.features!;
  io.out(say('created', { name: p.name, id: p.id }));
  io.out(say('palette', { colours: f.palette.map((c) => `${c.hex} ${Math.round(c.weight * 100)}%`).join('  ') }));
  io.out(say('lighting', { mean: f.lighting.meanLuminance, contrast: f.lighting.contrast, key: f.lighting.keyBalance, warmth: f.lighting.warmth }));
  io.out(say('lines', { density: f.lines.edgeDensity, strength: f.lines.meanEdgeStrength, thickness: f.lines.lineThicknessPx }));
  io.out(say('fragment', { text: p.promptFragment }));
  io.out(say('negative', { text: p.negativePrompt }));
  if (p.locked) io.out(say('locked', { id: p.id }));
}

function scoreLine(s: StyleScoreView, say: (key: StyleCliKey, params?: Record<string, string | number>) => string): string {
  return say('score', {
    file: path.basename(s.path), score: s.score, palette: s.parts.palette, lines: s.parts.lines, structure: s.parts.structure,
    drift: s.drift ? say('drift', { threshold: DRIFT_THRESHOLD }) : '',
  });
}
