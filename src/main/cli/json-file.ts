import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { usageSaid } from './args.js';
import { batchText } from '../../shared/batch/text.js';
import { issueProblem } from '../../shared/batch/job-file.js';
import { cliText } from '../../shared/cli/text.js';
import type { Language } from '../../shared/settings.js';

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

/**
 * A JSON file whose content its schema refuses (exit 2): its first problem,
 * the field and what is wrong with it said in `language` (the job files'
 * problem texts; zod's own English stays only for the rare kinds of issue).
 */
export function invalidFile(file: string, issues: readonly { code: string; path: PropertyKey[]; message: string }[], language: Language): Error {
  const problem = issues[0] ? issueProblem(null, issues[0] as Parameters<typeof issueProblem>[1])[0] : undefined;
  // The job files' "must be one of" for an item's kind names batch kinds: said here as zod says it.
  const detail = problem && problem.key !== 'batch.problem.unknownKind' ? batchText.say(language, problem.key, problem.params) : (issues[0]?.message ?? '');
  const field = problem?.field || cliText.say(language, 'cli.line.wholeFile');
  return usageSaid(say('cli.fileInvalid', { file, field, detail }));
}
