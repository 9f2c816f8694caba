import type { Language } from '../settings.js';
import { fillTemplate } from '../area-text.js';
import { jobTitleText, type JobTitleKey } from './title-text.js';

/**
 * Job titles come from main in English ("Import photo.png"). For the kinds
 * known here, the parameters are read back out of that title so the title
 * can be said in the user's language — by the renderer's job list and by
 * `kingjam jobs` from this one table; anything else is shown as sent.
 */
const TITLE_PATTERNS: { kind: string; key: JobTitleKey; pattern: RegExp; vars: string[]; words?: string[] }[] = [
  { kind: 'media.probe', key: 'jobTitle.media.probe', pattern: /^Import (.+)$/s, vars: ['name'] },
  { kind: 'media.probe', key: 'outputs.jobTitle.probe', pattern: /^Library output (.+)$/s, vars: ['name'] },
  { kind: 'media.contactSheet', key: 'jobTitle.media.contactSheet', pattern: /^Contact sheet of (\d+) images$/, vars: ['count'] },
  {
    kind: 'media.compose',
    key: 'jobTitle.media.compose',
    pattern: /^Render video \((\d+) scenes\) → (.+)$/s,
    vars: ['scenes', 'name'],
  },
  { kind: 'diag.noop', key: 'jobTitle.diag.noop', pattern: /^Worker round trip$/, vars: [] },
  { kind: 'diag.steps', key: 'jobTitle.diag.steps', pattern: /^Diagnostic run of (\d+) steps$/, vars: ['steps'] },
  { kind: 'diag.fail', key: 'jobTitle.diag.fail', pattern: /^Diagnostic failure$/, vars: [] },
  { kind: 'publish.post', key: 'jobTitle.publish.post', pattern: /^Publish to (.+) \(([^)]+)\)$/s, vars: ['platform', 'id'] },
  { kind: 'publish.targets', key: 'jobTitle.publish.targets', pattern: /^Accounts on (.+)$/s, vars: ['platform'] },
  // Issue 16 (Creator Hub).
  { kind: 'character.concepts', key: 'jobTitle.character.concepts', pattern: /^Character concepts: (.+)$/s, vars: ['keywords'] },
  { kind: 'character.reference', key: 'jobTitle.character.reference', pattern: /^Reference image of (.+)$/s, vars: ['name'] },
  { kind: 'style.extract', key: 'jobTitle.style.extract', pattern: /^Style from (\d+) images: (.+)$/s, vars: ['count', 'name'] },
  { kind: 'style.score', key: 'jobTitle.style.score', pattern: /^Style score of (\d+) images?$/, vars: ['count'] },
  { kind: 'ink.clean', key: 'jobTitle.ink.clean', pattern: /^Clean sketch (.+)$/s, vars: ['name'] },
  { kind: 'ink.psd', key: 'jobTitle.ink.psd', pattern: /^Layered PSD of (.+)$/s, vars: ['name'] },
  { kind: 'mesh.make', key: 'jobTitle.mesh.make', pattern: /^3D model \(([^)]+)\) from (.+)$/s, vars: ['backend', 'name'] },
  { kind: 'mesh.check', key: 'jobTitle.mesh.check', pattern: /^Check (.+)$/s, vars: ['name'] },
  { kind: 'mesh.prepare', key: 'jobTitle.mesh.prepare', pattern: /^Prepare (.+) for printing$/s, vars: ['name'] },
  { kind: 'mesh.pack', key: 'jobTitle.mesh.pack', pattern: /^Production pack for (.+)$/s, vars: ['name'] },
  { kind: 'character.rewrite', key: 'jobTitle.character.rewrite', pattern: /^Rewrite the (\w+) of (.+)$/s, vars: ['field', 'name'], words: ['field'] },
  { kind: 'character.variants', key: 'jobTitle.character.variants', pattern: /^(\d+) (\w+) variants? of (.+)$/s, vars: ['count', 'kind', 'name'], words: ['kind'] },
  // The generators, the photo studio and the KOL workspace.
  { kind: 'media.motion', key: 'jobTitle.media.motion', pattern: /^Micro-motion \((\w+)\) of (.+)$/s, vars: ['effect', 'name'], words: ['effect'] },
  { kind: 'media.image', key: 'jobTitle.media.image', pattern: /^Image: (\w+)$/, vars: ['op'], words: ['op'] },
  { kind: 'generate.blog', key: 'jobTitle.generate.blog', pattern: /^Blog: (.+)$/s, vars: ['topic'] },
  { kind: 'generate.social', key: 'jobTitle.generate.social', pattern: /^Social post \(([^)]+)\): (.+)$/s, vars: ['platform', 'topic'] },
  { kind: 'director.script', key: 'jobTitle.director.script', pattern: /^Video script: (.+)$/s, vars: ['topic'] },
  { kind: 'director.scene', key: 'jobTitle.director.scene', pattern: /^Video scene (\d+) \(([^)]+)\)$/, vars: ['index', 'backend'] },
  { kind: 'providers.test', key: 'jobTitle.providers.test', pattern: /^Connection test: (.+)$/s, vars: ['provider'] },
  { kind: 'kol.write', key: 'jobTitle.kol.write', pattern: /^KOL post \(([^)]+)\): (.+)$/s, vars: ['persona', 'topic'] },
  { kind: 'kol.metrics', key: 'jobTitle.kol.metrics', pattern: /^Engagement on (.+) \(([^)]+)\)$/s, vars: ['platform', 'id'] },
  { kind: 'photo.presetThumbs', key: 'jobTitle.photo.presetThumbs', pattern: /^Background previews$/, vars: [] },
  { kind: 'photo.check', key: 'jobTitle.photo.check', pattern: /^Check photo (.+)$/s, vars: ['name'] },
  { kind: 'photo.fuse', key: 'jobTitle.photo.fuse', pattern: /^Family photo of (\d+) people$/, vars: ['count'] },
  { kind: 'photo.makeover', key: 'jobTitle.photo.makeover', pattern: /^Makeover of a photo of (\d+)$/, vars: ['count'] },
  { kind: 'photo.repair', key: 'jobTitle.photo.repair', pattern: /^Repair (.+)$/s, vars: ['name'] },
  { kind: 'photo.motion', key: 'jobTitle.photo.motion', pattern: /^Photo motion \((\w+)\) of (.+)$/s, vars: ['effect', 'name'], words: ['effect'] },
];

/** The kinds whose titles are said in the user's language (a new kind without a pattern fails test/job-titles.test.ts). */
export const TITLED_KINDS: ReadonlySet<string> = new Set(TITLE_PATTERNS.map((p) => p.kind));

/** A word a title carries (an effect, an operation) as the key of its text, or null when the table has none (said as sent). */
export function titleWordKey(word: string): JobTitleKey | null {
  const key = `jobTitle.word.${word}`;
  return jobTitleText.has(key) ? key : null;
}

/**
 * A job's title as a text key and its parameters, read out of main's
 * English title; `words` names the parameters that are words to translate
 * (titleWordKey). Null when no pattern matches: the title is shown as sent.
 */
export function jobTitleParts(job: { kind: string; title: string }): { key: JobTitleKey; vars: Record<string, string>; words: readonly string[] } | null {
  for (const p of TITLE_PATTERNS) {
    if (p.kind !== job.kind) continue;
    const match = p.pattern.exec(job.title);
    // A kind may have more than one title (media.probe: an import, or a job's output).
    if (!match) continue;
    const vars: Record<string, string> = {};
    p.vars.forEach((name, i) => {
      vars[name] = match[i + 1] ?? '';
    });
    return { key: p.key, vars, words: p.words ?? [] };
  }
  return null;
}

/**
 * A job's title said with `say` (the renderer's translator, or a language's
 * table): its words translated where the table has them.
 */
export function sayJobTitle(job: { kind: string; title: string }, say: (key: JobTitleKey, vars?: Record<string, string>) => string): string {
  const parts = jobTitleParts(job);
  if (!parts) return job.title;
  const vars = { ...parts.vars };
  for (const name of parts.words) {
    const key = titleWordKey(vars[name] ?? '');
    if (key) vars[name] = say(key);
  }
  return say(parts.key, vars);
}

/** A job's title in `language` (what `kingjam jobs` prints). */
export function jobTitleIn(job: { kind: string; title: string }, language: Language): string {
  return sayJobTitle(job, (key, vars) => fillTemplate(jobTitleText.texts[language][key], vars));
}
