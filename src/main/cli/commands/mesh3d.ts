import { StudioError } from '../../../shared/errors.js';
import type { Studio } from '../../studio.js';
import type { CliIo } from '../context.js';

/** `kingjam 3d …` usage lines (issue 16); shown by `kingjam help`. */
export const MESH3D_USAGE: string[] = [];

/** Placeholder until its area is built (issue 16). */
export async function mesh3dCommand(_studio: Studio, _argv: string[], _io: CliIo): Promise<number> {
  throw new StudioError({ code: 'BAD_INPUT', message: '`kingjam 3d` is not built yet.' });
}
