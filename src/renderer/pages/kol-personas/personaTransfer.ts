import { downloadText } from '../../lib/download.js';
import { personaExportSchema } from '../../../shared/kol/persona.js';
import type { MessageKey } from '../../i18n/index.js';

/** One problem of an import file: which persona (its place and name), which field, what is wrong. */
export interface ImportProblem {
  /** 1-based place in the file; null for the file itself (not JSON, wrong kind or version). */
  persona: number | null;
  nickname: string | null;
  field: string;
  message: MessageKey;
}

/** Saves an export as a JSON file through the browser's download. */
export function downloadJson(data: unknown, fileName: string): void {
  downloadText(fileName, 'application/json', `${JSON.stringify(data, null, 2)}\n`);
}

export function exportFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `kingjam-personas-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}.json`;
}

function messageOf(code: string): MessageKey {
  switch (code) {
    case 'too_small':
      return 'kol.personas.error.tooSmall';
    case 'too_big':
      return 'kol.personas.error.tooBig';
    case 'invalid_type':
      return 'kol.personas.import.missingOrType';
    case 'unrecognized_keys':
      return 'kol.personas.import.unknownField';
    default:
      return 'kol.personas.error.invalid';
  }
}

/**
 * Every problem of an import file, before anything is sent (main checks again
 * and creates all or none): the file must be this app's export, and each
 * persona in it is listed with each field that is wrong.
 */
export function checkImport(text: string): ImportProblem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [{ persona: null, nickname: null, field: '', message: 'kol.personas.import.notJson' }];
  }
  const parsed = personaExportSchema.safeParse(data);
  if (parsed.success) return [];
  const list = data !== null && typeof data === 'object' && Array.isArray((data as { personas?: unknown }).personas) ? ((data as { personas: unknown[] }).personas) : [];
  return parsed.error.issues.map((issue) => {
    const [top, index, ...rest] = issue.path;
    if (top === 'personas' && typeof index === 'number') {
      const item = list[index];
      const nickname = item !== null && typeof item === 'object' && typeof (item as { nickname?: unknown }).nickname === 'string' ? (item as { nickname: string }).nickname : null;
      const field = issue.code === 'unrecognized_keys' ? [...rest, ...issue.keys].join('.') : rest.join('.');
      return { persona: index + 1, nickname, field, message: messageOf(issue.code) };
    }
    const wrongKind = top === 'kind' || top === 'version' || issue.path.length === 0;
    return { persona: null, nickname: null, field: issue.path.join('.'), message: wrongKind ? 'kol.personas.import.notExport' : messageOf(issue.code) };
  });
}
