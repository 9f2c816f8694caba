import { StudioError } from '../../../shared/errors.js';
import type { Studio } from '../../studio.js';
import type { CliIo } from '../context.js';

/** `kingjam character …` usage lines (issue 16); shown by `kingjam help`. */
export const CHARACTER_USAGE: string[] = [];

/** Placeholder until its area is built (issue 16). */
export async function characterCommand(_studio: Studio, _argv: string[], _io: CliIo): Promise<number> {
  throw new StudioError({ code: 'BAD_INPUT', message: '`kingjam character` is not built yet.' });
}
