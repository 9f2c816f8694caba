import type { JobView } from '../../shared/jobs/model.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { jobTitleParts, sayJobTitle } from '../../shared/jobs/titles.js';
import { en } from '../i18n/locales/en.js';

/** A job's title in the user's language (the patterns and texts are shared with `kingjam jobs`: src/shared/jobs/titles.ts). */
export function jobTitle(job: Pick<JobView, 'kind' | 'title'>, t: Translate): string {
  return sayJobTitle(job, (key, vars) => t(key, vars));
}

/** The name of the imported file, for a media.probe job. */
export function importedName(job: Pick<JobView, 'kind' | 'title'>): string | null {
  const parts = jobTitleParts(job);
  return parts?.key === 'jobTitle.media.probe' ? (parts.vars.name ?? null) : null;
}

/** A short heading for an error, in the user's language (unknown codes read as INTERNAL). */
export function errorTitle(error: Pick<ErrorInfo, 'code'>, t: Translate): string {
  const key = `error.${error.code}`;
  return t(Object.prototype.hasOwnProperty.call(en, key) ? (key as MessageKey) : 'error.INTERNAL');
}
