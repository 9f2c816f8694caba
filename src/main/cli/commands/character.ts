import type { UsageEntry } from '../../../shared/cli/help/index.js';
import path from 'node:path';
import type { CharacterView } from '../../../shared/api/character-contract.js';
import { characterCliText, type CharacterCliKey } from '../../../shared/creator/cli-text.js';
import { CONCEPT_PROVIDERS, MAX_VARIANTS_PER_RUN, VARIANT_BACKENDS, VARIANT_KINDS, type CharacterConcept } from '../../../shared/creator/jobs.js';
import { StudioError } from '../../../shared/errors.js';
import { PHOTO_VIA } from '../../../shared/photo/requests.js';
import { LANGUAGES } from '../../../shared/settings.js';
import { ANY_PATH } from '../../client-files.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag, type ParsedArgs, usageLines, notOneOf } from '../args.js';
import { type CliIo, cliLanguage } from '../context.js';
import { waitWithProgress } from '../job-progress.js';
import { barText } from '../../../shared/cli/bar-text.js';

/** `kingjam character …` usage lines (issue 16); shown by `kingjam help`. */
export const CHARACTER_USAGE: UsageEntry[] = [
  { syntax: 'kingjam character concepts KEYWORD… [--language zh-TW|zh-CN|en] [--provider offline|cloud|gemini|ollama] [--json]', about: 'help.character.concepts' },
  { syntax: 'kingjam character create --keywords "K1,K2" [--pick 1|2|3] [--language L] [--provider P] [--name N] [--style STYLE_ID] [--json]', about: 'help.character.createFromKeywords' },
  { syntax: 'kingjam character create --name N [--world …] [--backstory …] [--look …] [--language L] [--style STYLE_ID] [--json]', about: 'help.character.createByHand' },
  { syntax: 'kingjam character list [--json]', about: 'help.character.list' },
  { syntax: 'kingjam character show ID [--json]', about: 'help.character.show' },
  { syntax: 'kingjam character reference ID IMAGE… [--json]', about: 'help.character.reference' },
  {
    syntax: 'kingjam character variants ID --kind pose|outfit|expression --prompt "…" [--backend gemini|seedream|flux-kontext|comfyui] [--via cloud|own-key] [--count 1-4] [--yes] [--json]',
    about: 'help.character.variants',
  },
  { syntax: 'kingjam character style ID STYLE_ID|none [--json]', about: 'help.character.style' },
];

function oneOf<T extends string>(args: ParsedArgs, name: string, values: readonly T[], fallback: T): T {
  const v = stringFlag(args, name);
  if (v === undefined) return fallback;
  if (!(values as readonly string[]).includes(v)) throw notOneOf(name, values);
  return v as T;
}

function splitKeywords(text: string): string[] {
  return text.split(/[,，、\s]+/u).map((k) => k.trim()).filter(Boolean);
}

/**
 * The Characters area from the command line, through the same service as the
 * page: the Prompt-Board's concepts, characters made from one of them (or
 * from fields given), their references and the Pose & Variant Generator.
 * Each prints for people in the studio's language, or JSON with --json.
 */
export async function characterCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, ['json', 'yes']);
  const json = args.flags.has('json');
  const language = oneOf(args, 'language', LANGUAGES, studio.settings().language);
  const say = (key: CharacterCliKey, params: Record<string, string | number> = {}) => characterCliText(cliLanguage(studio), key, params);
  const characters = studio.creator.characters;
  const provider = oneOf(args, 'provider', CONCEPT_PROVIDERS, 'offline');
  const printConcept = (c: CharacterConcept, n: number) => {
    io.out(`${n}. ${c.name}`);
    io.out(`   ${say('world')}: ${c.world}`);
    io.out(`   ${say('backstory')}: ${c.backstory}`);
    io.out(`   ${say('look')}: ${c.look}`);
  };
  // The linked style is another area's, and may have been deleted since it was linked: undefined then.
  const linkedStyle = (styleId: string) => studio.creator.styles.list().find((p) => p.id === styleId);
  const show = (c: CharacterView) => {
    io.out(`${c.name} (${c.id}) [${c.language}]`);
    if (c.keywords.length) io.out(`${say('keywords')}: ${c.keywords.join(', ')}`);
    if (c.world) io.out(`${say('world')}: ${c.world}`);
    if (c.backstory) io.out(`${say('backstory')}: ${c.backstory}`);
    if (c.look) io.out(`${say('look')}: ${c.look}`);
    if (c.styleId) {
      // The style is another area's: name it, and say when it was unlocked or deleted since it was linked.
      const style = linkedStyle(c.styleId);
      const line = style ? say('styleLine', { style: style.name, id: style.id, state: style.locked ? '' : say('styleUnlocked') }) : say('styleLine', { style: say('styleGone'), id: c.styleId, state: '' });
      io.out(`${say('style')}: ${line}`);
    }
    io.out(say('references', { count: c.references.length }));
    io.out(say('variants', { count: c.variants.length, kept: c.variants.filter((v) => v.state === 'kept').length }));
  };

  switch (sub) {
    case 'concepts': {
      const keywords = args.positionals.flatMap(splitKeywords);
      if (keywords.length === 0) throw usageLines([CHARACTER_USAGE[0]!]);
      const answer = await characters.concepts({ keywords, language, provider });
      if (json) io.out(JSON.stringify(answer));
      else {
        if (answer.draft) io.err(say('draft'));
        answer.concepts.forEach((c, i) => printConcept(c, i + 1));
      }
      return 0;
    }
    case 'create': {
      const keywords = splitKeywords(stringFlag(args, 'keywords') ?? '');
      const name = stringFlag(args, 'name');
      let profile = { name: name ?? '', world: stringFlag(args, 'world') ?? '', backstory: stringFlag(args, 'backstory') ?? '', look: stringFlag(args, 'look') ?? '' };
      if (keywords.length > 0) {
        const pick = intFlag(args, 'pick', 1, 3) ?? 1;
        const answer = await characters.concepts({ keywords, language, provider });
        const concept = answer.concepts[pick - 1]!;
        profile = { name: name ?? concept.name, world: profile.world || concept.world, backstory: profile.backstory || concept.backstory, look: profile.look || concept.look };
      }
      if (!profile.name) throw usageLines([CHARACTER_USAGE[1]!, CHARACTER_USAGE[2]!]);
      const created = characters.create({ ...profile, keywords, language, styleId: stringFlag(args, 'style') ?? null });
      if (json) io.out(JSON.stringify(created));
      else io.out(say('created', { name: created.name, id: created.id }));
      return 0;
    }
    case 'list': {
      const all = characters.list();
      if (json) io.out(JSON.stringify(all));
      else if (all.length === 0) io.err(say('none'));
      else for (const c of all) io.out(`${c.id}  ${c.name}  [${c.language}]  ${c.keywords.join(', ')}`);
      return 0;
    }
    case 'show': {
      const id = args.positionals[0];
      if (!id) throw usageLines([CHARACTER_USAGE[4]!]);
      const c = characters.get(id);
      if (json) io.out(JSON.stringify(c));
      else show(c);
      return 0;
    }
    case 'reference': {
      const [id, ...files] = args.positionals;
      if (!id || files.length === 0) throw usageLines([CHARACTER_USAGE[5]!]);
      const c = await characters.addReferenceFiles(id, files.map((f) => path.resolve(f)), ANY_PATH);
      if (json) io.out(JSON.stringify(c));
      else io.out(say('added', { count: files.length }));
      return 0;
    }
    case 'variants':
      return variants(studio, args, io, json, say);
    case 'style': {
      const [id, styleId] = args.positionals;
      if (!id || !styleId) throw usageLines([CHARACTER_USAGE[7]!]);
      // A style that is missing or not locked is refused by the service, in the user's language.
      const c = characters.update({ id, styleId: styleId === 'none' ? null : styleId });
      if (json) io.out(JSON.stringify(c));
      else if (c.styleId === null) io.out(say('styleUnlinked', { name: c.name }));
      else io.out(say('styleLinked', { name: c.name, style: linkedStyle(c.styleId)?.name ?? c.styleId, id: c.styleId }));
      return 0;
    }
    default:
      throw usageLines(CHARACTER_USAGE);
  }
}

async function variants(studio: Studio, args: ParsedArgs, io: CliIo, json: boolean, say: (key: CharacterCliKey, params?: Record<string, string | number>) => string): Promise<number> {
  const characters = studio.creator.characters;
  const id = args.positionals[0];
  const instruction = stringFlag(args, 'prompt');
  if (!id || !instruction) throw usageLines([CHARACTER_USAGE[6]!]);
  const req = {
    id, instruction, kind: oneOf(args, 'kind', VARIANT_KINDS, 'pose'), backend: oneOf(args, 'backend', VARIANT_BACKENDS, 'gemini'),
    via: oneOf(args, 'via', PHOTO_VIA, 'cloud'), count: intFlag(args, 'count', 1, MAX_VARIANTS_PER_RUN) ?? MAX_VARIANTS_PER_RUN,
  };
  const estimate = characters.variants.estimate(req);
  if (!json) io.err(say('cost', { credits: estimate.total }));
  if (estimate.total > 0 && !args.flags.has('yes')) {
    io.err(say('needYes', { credits: estimate.total }));
    return 2;
  }
  const started = await characters.variants.make(req);
  const jobId = started.variants.find((v) => v.status === 'pending')?.jobId;
  const job = jobId ? await studio.jobs.get(jobId) : null;
  if (job) await waitWithProgress(studio, job, barText.say(cliLanguage(studio), 'cli.bar.characterVariants'), json);
  const done = characters.get(id);
  const run = done.variants.filter((v) => v.jobId === jobId);
  if (json) io.out(JSON.stringify({ ...done, run: run.map((v) => ({ ...v, path: v.file ? path.join(studio.paths.library, v.file) : null })) }));
  const failed = run.find((v) => v.status === 'failed');
  if (failed) {
    if (!json) io.err(say('failed', { detail: failed.error?.message ?? '' }));
    throw new StudioError(failed.error ?? { code: 'PROVIDER_FAILED', message: 'The variants could not be made.' });
  }
  if (!json) {
    io.out(say('made', { count: run.length }));
    for (const v of run) if (v.file) io.out(path.join(studio.paths.library, v.file));
  }
  return 0;
}
