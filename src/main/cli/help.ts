import { helpSay, usageText, type HelpKey, type UsageEntry } from '../../shared/cli/help/index.js';
import type { Language } from '../../shared/settings.js';
import { BATCH_USAGE } from './commands/batch.js';
import { BOXES_USAGE } from './commands/boxes.js';
import { CHARACTER_USAGE } from './commands/character.js';
import { INK_USAGE } from './commands/ink.js';
import { kolUsage } from './commands/kol.js';
import { MESH3D_USAGE } from './commands/mesh3d.js';
import { PHOTO_USAGE } from './commands/photo.js';
import { PUBLISH_USAGE } from './commands/publish.js';
import { STYLE_USAGE } from './commands/style.js';
import { WORKER_USAGE } from './commands/worker.js';
import { ACCOUNT_USAGE, COMPOSE_USAGE, DEMO_USAGE, DOCTOR_USAGE, GENERATE_USAGE, IMPORT_USAGE, JOBS_USAGE, MOTION_USAGE, SERVE_USAGE } from './usage.js';

/** `kingjam help`'s sections in order: a heading in the user's language, then the commands' usage. */
function sections(): { heading: HelpKey; entries: UsageEntry[] }[] {
  return [
    {
      heading: 'help.usage',
      entries: [...DEMO_USAGE, ...SERVE_USAGE, ...IMPORT_USAGE, ...COMPOSE_USAGE, ...MOTION_USAGE, ...GENERATE_USAGE, ...ACCOUNT_USAGE, ...JOBS_USAGE, ...PUBLISH_USAGE, ...DOCTOR_USAGE],
    },
    { heading: 'help.section.batch', entries: BATCH_USAGE },
    { heading: 'help.section.farm', entries: WORKER_USAGE },
    { heading: 'help.section.photo', entries: PHOTO_USAGE },
    { heading: 'help.section.kol', entries: kolUsage() },
    { heading: 'help.section.creator', entries: [...CHARACTER_USAGE, ...STYLE_USAGE, ...MESH3D_USAGE, ...INK_USAGE] },
    { heading: 'help.section.boxes', entries: BOXES_USAGE },
  ];
}

/** The whole of `kingjam help` in `language`: the command syntax as written, every heading and description translated. */
export function helpText(language: Language): string {
  const body = sections().flatMap(({ heading, entries }) => [helpSay(language, heading), ...usageText(language, entries).map((line) => `  ${line}`)]);
  return [helpSay(language, 'help.title'), '', ...body, '', helpSay(language, 'help.footer.data'), helpSay(language, 'help.footer.language')].join('\n');
}
