import type { JobView } from '../../shared/jobs/model.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { en } from '../i18n/locales/en.js';

/**
 * Job titles come from main in English ("Import photo.png"). For the kinds
 * the renderer knows, the parameters are read back out of that title and the
 * title is shown in the user's language; anything else is shown as sent.
 */
const TITLE_PATTERNS: { kind: string; key: MessageKey; pattern: RegExp; vars: string[]; words?: string[] }[] = [
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

/** A word main sends inside a title (an effect, an operation), in the user's language when the catalogue has it. */
function titleWord(word: string, t: Translate): string {
  const key = `jobTitle.word.${word}`;
  return Object.prototype.hasOwnProperty.call(en, key) ? t(key as MessageKey) : word;
}

export function jobTitle(job: Pick<JobView, 'kind' | 'title'>, t: Translate): string {
  for (const p of TITLE_PATTERNS) {
    if (p.kind !== job.kind) continue;
    const match = p.pattern.exec(job.title);
    // A kind may have more than one title (media.probe: an import, or a job's output).
    if (!match) continue;
    const vars: Record<string, string> = {};
    p.vars.forEach((name, i) => {
      const value = match[i + 1] ?? '';
      vars[name] = p.words?.includes(name) ? titleWord(value, t) : value;
    });
    return t(p.key, vars);
  }
  return job.title;
}

/** The name of the imported file, for a media.probe job. */
export function importedName(job: Pick<JobView, 'kind' | 'title'>): string | null {
  if (job.kind !== 'media.probe') return null;
  const match = /^Import (.+)$/s.exec(job.title);
  return match?.[1] ?? null;
}

/** A short heading for an error, in the user's language (unknown codes read as INTERNAL). */
export function errorTitle(error: Pick<ErrorInfo, 'code'>, t: Translate): string {
  const key = `error.${error.code}`;
  return t(Object.prototype.hasOwnProperty.call(en, key) ? (key as MessageKey) : 'error.INTERNAL');
}
