import fs from 'node:fs';
import { pickedFile } from '../library/picked.js';
import type { PhotoCallName } from '../../shared/api/photo-contract.js';
import { BACKGROUND_PRESETS, PRESET_INFO } from '../../shared/photo/presets.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the photo studio's calls (issue 15); spread into createHandlers. Files are read within the client's scope. */
export function photoHandlers(studio: Studio): Pick<Handlers, PhotoCallName> {
  const { uploads, runs, results, free } = studio.photo;
  return {
    'photo.presets': () => BACKGROUND_PRESETS.map((id) => ({ id, names: PRESET_INFO[id].names, motion: PRESET_INFO[id].motion })),
    'photo.presetThumbs': () => studio.photo.presetThumbs.dataUrls(),
    'photo.upload': ({ path, consent, purpose }) => uploads.upload(path, consent, studio.files, purpose),
    'photo.uploadFromLibrary': ({ libraryId, consent, purpose }) => {
      const { asset, file } = pickedFile(studio.library, studio.paths.library, libraryId, 'image');
      // Only that item's file may be read for this call, whatever the client's scope.
      return uploads.upload(file, consent, { allows: (real) => real === fs.realpathSync(file) }, purpose, asset.name);
    },
    'photo.uploads': ({ includeDeleted, limit }) => uploads.list(includeDeleted, limit),
    'photo.deleteUpload': ({ id }) => uploads.delete(id),
    'photo.estimate': (input) => runs.estimate(input),
    'photo.fuse': (input) => runs.fuse(input, studio.files),
    'photo.makeover': (input) => runs.makeover(input, studio.files),
    'photo.repair': (input) => runs.repair(input),
    'photo.motion': (input) => runs.motion(input, studio.files),
    'photo.runs': (filter) => runs.list(filter),
    'photo.run': ({ id }) => runs.get(id),
    'photo.choose': ({ id, seed }) => results.choose(id, seed),
    'photo.usePost': ({ id, seed }) => results.usePost(id, seed),
    'photo.freeToday': () => free.today(),
  };
}
