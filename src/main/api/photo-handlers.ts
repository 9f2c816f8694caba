import type { PhotoCallName } from '../../shared/api/photo-contract.js';
import { StudioError } from '../../shared/errors.js';
import { BACKGROUND_PRESETS, PRESET_INFO } from '../../shared/photo/presets.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the photo studio's calls (issue 15); spread into createHandlers. The service lands in the next commit. */
export function photoHandlers(_studio: Studio): Pick<Handlers, PhotoCallName> {
  const pending = (): never => {
    throw new StudioError({ code: 'INTERNAL', message: 'The photo studio service is being built (issue 15).' });
  };
  return {
    'photo.presets': () => BACKGROUND_PRESETS.map((id) => ({ id, names: PRESET_INFO[id].names, motion: PRESET_INFO[id].motion })),
    'photo.upload': pending,
    'photo.uploads': pending,
    'photo.deleteUpload': pending,
    'photo.estimate': pending,
    'photo.fuse': pending,
    'photo.makeover': pending,
    'photo.repair': pending,
    'photo.motion': pending,
    'photo.runs': pending,
    'photo.run': pending,
    'photo.choose': pending,
    'photo.usePost': pending,
    'photo.freeToday': pending,
  };
}
