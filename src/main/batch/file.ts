import fs from 'node:fs';
import path from 'node:path';
import { JSON_SCHEMA, load } from 'js-yaml';
import { readJobFile, type BatchProblem, type ParsedJobFile } from '../../shared/batch/job-file.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';

/** A job file is a list of requests; anything larger is refused before it is read whole. */
export const MAX_JOB_FILE_BYTES = 8 * 1024 * 1024;

export interface JobFile extends ParsedJobFile {
  /** The file's real absolute path: the key its items' state is kept under. */
  path: string;
  /** Relative input paths and the default output folder are read from here. */
  dir: string;
}

/**
 * Reads a job file, JSON or YAML (by extension; YAML is read with the JSON
 * schema so `yes` or `08:00` stay strings), and validates it: the file, or
 * every problem in it.
 */
export function loadJobFile(file: string): { ok: true; file: JobFile } | { ok: false; path: string; problems: BatchProblem[] } {
  const full = path.resolve(file);
  let real: string;
  let size: number;
  try {
    real = fs.realpathSync(full);
    size = fs.statSync(real).size;
  } catch {
    throw new StudioError({ code: 'FILE_NOT_FOUND', message: `There is no job file ${full}.`, hint: 'Check the path.', ...say('batch.fileNotFound', { file: full }) });
  }
  if (size > MAX_JOB_FILE_BYTES) {
    throw new StudioError({ code: 'FILE_TOO_LARGE', message: `${real} is ${size} bytes; a job file may be at most ${MAX_JOB_FILE_BYTES}.`, hint: 'Split it into several files.', ...say('batch.fileTooLarge', { file: real, max: MAX_JOB_FILE_BYTES }) });
  }
  const text = fs.readFileSync(real, 'utf8');
  const yaml = /\.ya?ml$/i.test(real);
  let data: unknown;
  try {
    data = yaml ? load(text, { schema: JSON_SCHEMA, filename: path.basename(real) }) : JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text around the error, and the file is the user's.
    return { ok: false, path: real, problems: [{ item: null, field: '', key: 'batch.problem.notJobFile', params: { format: yaml ? 'YAML' : 'JSON' } }] };
  }
  const parsed = readJobFile(data);
  if (!parsed.ok) return { ok: false, path: real, problems: parsed.problems };
  return { ok: true, file: { ...parsed.file, path: real, dir: path.dirname(real) } };
}

/** The output folder: --out, else the file's `defaults.out`, else `<file name>-out` beside the file. */
export function outputFolder(file: JobFile, flag: string | undefined): string {
  if (flag) return path.resolve(flag);
  if (file.defaults.out) return path.resolve(file.dir, file.defaults.out);
  return path.join(file.dir, `${path.parse(file.path).name}-out`);
}
