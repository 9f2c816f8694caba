import { StudioError } from '../../../shared/errors.js';
import type { Studio } from '../../studio.js';
import type { CliIo } from '../context.js';

/** `kingjam ink …` usage lines (issue 16); shown by `kingjam help`. */
export const INK_USAGE: string[] = [];

/** Placeholder until its area is built (issue 16). */
export async function inkCommand(_studio: Studio, _argv: string[], _io: CliIo): Promise<number> {
  throw new StudioError({ code: 'BAD_INPUT', message: '`kingjam ink` is not built yet.' });
}
