import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { usageSaid } from './args.js';

/**
 * Refusals for the commands whose own `say` prints their area's lines
 * (kingjam kol, kingjam photo, kingjam worker): the same `cli.*` keys,
 * built here so those files need not import a second `say`.
 */
export const refuse = {
  needsFlags: (command: string, flags: string) => usageSaid(say('cli.needsFlags', { command, flags })),
  needsFile: (command: string) => usageSaid(say('cli.needsFile', { command })),
  fileMissing: (file: string) => new StudioError({ code: 'FILE_NOT_FOUND', message: `There is no file ${path.resolve(file)}.`, ...say('cli.fileMissing', { file: path.resolve(file) }) }),
  period: () => usageSaid(say('cli.period')),
  csvTooLarge: (file: string, size: number, limit: number) =>
    new StudioError({ code: 'FILE_TOO_LARGE', message: `${file} is ${size} bytes; one import takes at most ${limit}.`, hint: 'Split the file and import the parts one after the other.', ...say('cli.csvTooLarge', { file, size, limit }) }),
  needsId: (command: string, list: string) => usageSaid(say('cli.needsId', { command, list })),
  needsIds: (command: string) => usageSaid(say('cli.needsIds', { command })),
  flagNotHere: (command: string, flag: string) => usageSaid(say('cli.flagNotHere', { command, flag })),
  onOff: (flag: string) => usageSaid(say('cli.onOff', { flag })),
  quietHours: () => usageSaid(say('cli.quietHours')),
  personaJson: (file: string) => usageSaid(say('cli.personaJson', { file })),
  badTimeIn: (flag: string, value: string, zone: string) => usageSaid(say('cli.badTimeIn', { flag, value, zone })),
  photoBackgroundBoth: () => usageSaid(say('cli.photoBackgroundBoth')),
  photoBackground: (presets: string) => usageSaid(say('cli.photoBackground', { presets })),
  photoVariants: (paid: number) => usageSaid(say('cli.photoVariants', { paid })),
  // A name that matches no persona is a thing that is not there (exit 1, as a wrong id always was); one that matches several is the user's to narrow (exit 2).
  persona: (flag: string, value: string, matches: string[]) =>
    matches.length === 0
      ? new StudioError({ code: 'NOT_FOUND', message: `${flag}: there is no persona "${value}".`, ...say('cli.personaUnknown', { flag, value }) })
      : usageSaid(say('cli.personaAmbiguous', { flag, value, count: matches.length, ids: matches.join(', ') })),
};
