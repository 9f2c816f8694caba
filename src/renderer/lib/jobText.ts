import type { JobView } from '../../shared/jobs/model.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { en } from '../i18n/locales/en.js';

/**
 * Job titles come from main in English ("Import photo.png"). For the kinds
 * the renderer knows, the parameters are read back out of that title and the
 * title is shown in the user's language; anything else is shown as sent.
 */
const TITLE_PATTERNS: { kind: string; key: MessageKey; pattern: RegExp; vars: string[] }[] = [
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
];

export function jobTitle(job: Pick<JobView, 'kind' | 'title'>, t: Translate): string {
  for (const p of TITLE_PATTERNS) {
    if (p.kind !== job.kind) continue;
    const match = p.pattern.exec(job.title);
    if (!match) break;
    const vars: Record<string, string> = {};
    p.vars.forEach((name, i) => {
      vars[name] = match[i + 1] ?? '';
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
