import type { Language } from '../../settings.js';
import { KOLSCORE_MESSAGES } from './kolscore.js';
import { PUBVIDEO_MESSAGES } from './pubvideo.js';
import { PUBMETA_MESSAGES } from './pubmeta.js';
import { MESHSRC_MESSAGES } from './meshsrc.js';
import { KOL_MESSAGES } from './kol.js';
import { PUBREST_MESSAGES } from './pubrest.js';
import { OUTBOX_MESSAGES } from './outbox.js';
import { KOLBATCH_MESSAGES } from './kolbatch.js';
import { PHOTOCHECK_MESSAGES } from './photocheck.js';
import { MESHCHECK_MESSAGES } from './meshcheck.js';
import { RELAY_MESSAGES } from './relay.js';
import { PHOTOONLINE_MESSAGES } from './photoonline.js';
import { PHOTOMOTION_MESSAGES } from './photomotion.js';
import { PHOTOFUSE_MESSAGES } from './photofuse.js';
import { PHOTOGRANT_MESSAGES } from './photogrant.js';
import { CHARACTER_MESSAGES } from './character.js';
import { STYLE_MESSAGES } from './style.js';
import { MESHPREP_MESSAGES } from './meshprep.js';
import { BOXSTUDIO_MESSAGES } from './boxstudio.js';

/** Every area family's server messages, by language, for the CLI's error lines (the renderer spreads each family where it was). */
const FAMILIES = [KOLSCORE_MESSAGES, PUBVIDEO_MESSAGES, PUBMETA_MESSAGES, MESHSRC_MESSAGES, KOL_MESSAGES, PUBREST_MESSAGES, OUTBOX_MESSAGES, KOLBATCH_MESSAGES, PHOTOCHECK_MESSAGES, MESHCHECK_MESSAGES, RELAY_MESSAGES, PHOTOONLINE_MESSAGES, PHOTOMOTION_MESSAGES, PHOTOFUSE_MESSAGES, PHOTOGRANT_MESSAGES, CHARACTER_MESSAGES, STYLE_MESSAGES, MESHPREP_MESSAGES, BOXSTUDIO_MESSAGES] as const;

export const AREA_MESSAGES = Object.fromEntries(
  (['en', 'zh-TW', 'zh-CN'] as const).map((language) => [language, Object.assign({}, ...FAMILIES.map((family) => family[language])) as Record<string, string>]),
) as Record<Language, Record<string, string>>;
