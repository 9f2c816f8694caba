import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { usageSaid } from './args.js';

/** A JSON file named on the command line: a missing file and malformed JSON are refused in the user's language (exit 1 and 2). */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new StudioError({ code: 'FILE_NOT_FOUND', message: `There is no file ${path.resolve(file)}.`, ...say('cli.fileMissing', { file: path.resolve(file) }) });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw usageSaid(say('cli.notJson', { file, detail: err instanceof Error ? err.message : String(err) }));
  }
}

/** A text file named by a flag (one item a line): missing is refused in the user's language. */
export function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new StudioError({ code: 'FILE_NOT_FOUND', message: `There is no file ${path.resolve(file)}.`, ...say('cli.fileMissing', { file: path.resolve(file) }) });
  }
}

/** Writes a file named on the command line; a folder that is not there or may not be written is refused in the user's language. */
export function writeTextFile(file: string, text: string): void {
  const full = path.resolve(file);
  try {
    fs.writeFileSync(full, text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new StudioError({ code: 'FILE_NOT_FOUND', message: `${full} cannot be written: ${detail}`, ...say('cli.cannotWriteFile', { file: full, detail }) });
  }
}
