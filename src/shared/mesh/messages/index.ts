import { MESH_APP_MESSAGES } from './app.js';
import { MESH_CHECK_MESSAGES } from './check.js';
import { MESH_PREP_MESSAGES } from './prep.js';
import { MESH_SOURCE_MESSAGES } from './sources.js';

/** Message keys of the 3D builder (issue 16); one file per area so parallel work does not collide. */
export const MESH_MESSAGES = {
  ...MESH_CHECK_MESSAGES,
  ...MESH_PREP_MESSAGES,
  ...MESH_SOURCE_MESSAGES,
  ...MESH_APP_MESSAGES,
} as const;
